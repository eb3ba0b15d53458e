package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MatchingJsonTest {

    private final MatchingJson json = new MatchingJson();

    private static final String PERSON = """
            {"id": "%s", "country": "%s", "timezone": "Europe/London", "languages": ["en"], "sector": "academic",
             "careerStage": "mid", "interests": ["open-access"], "prefers": {"sector": "any", "careerStage": "later",
             "regions": ["Asia"], "excludeCountries": []}, "openToAny": false, "maxPartners": 1,
             "previousPartners": [], "appliedAt": "2026-02-01T09:30:00Z"%s}""";

    private Pool read(String text) {
        return json.readPool(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String pool(String... people) {
        return "{\"round\": \"2026-1\", \"participants\": [" + String.join(",", people) + "]}";
    }

    @Test
    void a_pool_file_with_every_field_is_read() {
        Pool pool = read(pool(PERSON.formatted("a", "GB", ""), PERSON.formatted("b", "AU", "")));

        assertThat(pool.participants()).hasSize(2);
        assertThat(pool.participants().get(0).prefers().careerStage()).isEqualTo("later");
        assertThat(pool.pins()).isEmpty();
    }

    @Test
    void an_unknown_field_names_the_record_and_the_field() {
        assertThatThrownBy(() -> read(pool(PERSON.formatted("a", "GB", ""), PERSON.formatted("b", "AU", ", \"contry\": \"x\""))))
                .isInstanceOf(InvalidPoolException.class)
                .hasMessage("participants[1]: unknown field 'contry'");
    }

    @Test
    void a_missing_field_names_the_participant_and_the_field() {
        String noCountry = PERSON.formatted("b", "AU", "").replace("\"country\": \"AU\", ", "");

        assertThatThrownBy(() -> read(pool(PERSON.formatted("a", "GB", ""), noCountry)))
                .isInstanceOf(InvalidPoolException.class)
                .hasMessage("participants[1] (id b): field 'country' is missing");
    }

    @Test
    void a_value_of_the_wrong_type_names_the_path() {
        String badMax = PERSON.formatted("a", "GB", "").replace("\"maxPartners\": 1", "\"maxPartners\": \"two\"");

        assertThatThrownBy(() -> read(pool(badMax)))
                .isInstanceOf(InvalidPoolException.class)
                .hasMessageStartingWith("participants[0].maxPartners: has the wrong type or format");
    }

    @Test
    void a_rule_breaking_value_names_the_rule() {
        String three = PERSON.formatted("a", "GB", "").replace("\"maxPartners\": 1", "\"maxPartners\": 3");

        assertThatThrownBy(() -> read(pool(three)))
                .hasMessage("participants[0] (id a): field 'maxPartners' must be 1 or 2");
    }

    @Test
    void broken_json_names_the_line() {
        assertThatThrownBy(() -> read("{\"round\": \n"))
                .isInstanceOf(InvalidPoolException.class)
                .hasMessageStartingWith("pool: ");
    }

    @Test
    void a_result_survives_a_round_trip() throws Exception {
        Pool pool = read(pool(PERSON.formatted("a", "GB", ""), PERSON.formatted("b", "AU", "")));
        MatchResult result = new Matcher().match(pool);

        byte[] bytes = json.writeResult(result);

        assertThat(json.readResult(new ByteArrayInputStream(bytes))).isEqualTo(result);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"members\" : [ \"a\", \"b\" ]");
    }
}
