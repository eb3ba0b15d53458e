package org.iln.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.iln.testing.Aws;
import org.junit.jupiter.api.Test;

class ProgrammeSourceTest {

    @Test
    void reads_rounds_countries_and_choices_from_the_manifest() {
        // when
        Programme programme = ProgrammeSource.fromFile(Aws.programmeFixture());

        // then
        assertThat(programme.rounds()).extracting(Programme.Round::id).containsExactly("2026-1", "2026-2");
        assertThat(programme.round("2026-1")).hasValueSatisfying(r -> {
            assertThat(r.countryCapPercent()).isEqualTo(20);
            assertThat(r.coordinators()).extracting(Programme.Coordinator::email).containsExactly("team@iln.example.org");
        });
        assertThat(programme.country("AU")).hasValueSatisfying(c -> assertThat(c.region()).isEqualTo("Oceania"));
        assertThat(programme.regions()).containsExactly("Africa", "Americas", "Asia", "Europe", "Oceania");
        assertThat(programme.choices().careerStages()).extracting(Programme.Choice::id)
                .containsExactly("student", "early", "mid", "senior");
        assertThat(programme.choices().timeZones()).contains("Europe/London");
    }

    @Test
    void a_round_s_personal_data_is_kept_until_twelve_months_after_its_last_day() {
        // given: round 2026-1 ends on 2026-06-22
        Programme programme = ProgrammeSource.fromFile(Aws.programmeFixture());

        // then: the whole of 2027-06-22 too, as the privacy notice says
        assertThat(programme.round("2026-1")).hasValueSatisfying(r -> assertThat(r.personalDataKeptUntil())
                .isEqualTo(java.time.Instant.parse("2027-06-23T00:00:00Z")));
    }

    @Test
    void a_round_is_open_from_its_opening_day_to_its_closing_day_inclusive() {
        // given
        Programme programme = ProgrammeSource.fromFile(Aws.programmeFixture());

        // then
        assertThat(programme.roundOpenOn(LocalDate.parse("2026-01-11"))).isEmpty();
        assertThat(programme.roundOpenOn(LocalDate.parse("2026-01-12"))).isPresent();
        assertThat(programme.roundOpenOn(LocalDate.parse("2026-02-09"))).isPresent();
        assertThat(programme.roundOpenOn(LocalDate.parse("2026-02-10"))).isEmpty();
        assertThat(programme.nextRoundOpeningAfter(LocalDate.parse("2026-02-10")))
                .hasValueSatisfying(r -> assertThat(r.opens()).isEqualTo(LocalDate.parse("2026-07-13")));
        assertThat(programme.nextRoundOpeningAfter(LocalDate.parse("2026-12-01"))).isEmpty();
    }

    @Test
    void fields_a_newer_bake_adds_are_ignored() throws Exception {
        // given
        String json = """
                {"version":1,"baseUrl":"https://x","addedLater":true,"rounds":[],"countries":[],
                 "choices":{"sectors":[],"careerStages":[],"interests":[],"languages":[],"timeZones":[],
                 "heardFrom":[],"addedLater":[]}}""";

        // when
        Programme programme = ProgrammeSource.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(programme.rounds()).isEmpty();
    }

    @Test
    void a_missing_manifest_is_reported_with_what_to_do() {
        assertThatThrownBy(() -> ProgrammeSource.fromFile(Path.of("/nonexistent/programme.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("/nonexistent/programme.json").hasMessageContaining("ILN_PROGRAMME");
    }

    @Test
    void a_value_of_the_wrong_type_is_an_error_naming_the_field() {
        // given a round whose cap is text
        String json = """
                {"version":1,"rounds":[{"id":"r","opens":"2026-01-01","closes":"2026-01-31",
                 "countryCapPercent":"twenty"}],"choices":{}}""";

        // then
        assertThatThrownBy(() -> ProgrammeSource.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("countryCapPercent").hasMessageContaining("whole number");
    }

    @Test
    void a_round_that_breaks_its_own_rules_is_an_error_not_a_crash() {
        // given a round that closes before it opens, and a bad date
        String closesEarly = """
                {"rounds":[{"id":"r","opens":"2026-02-01","closes":"2026-01-31","countryCapPercent":20}],
                 "choices":{}}""";
        String badDate = """
                {"rounds":[{"id":"r","opens":"1 Feb 2026"}],"choices":{}}""";

        // then
        assertThatThrownBy(() -> ProgrammeSource.read(new ByteArrayInputStream(closesEarly.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("closes before it opens");
        assertThatThrownBy(() -> ProgrammeSource.read(new ByteArrayInputStream(badDate.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("opens").hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void nested_unknown_fields_and_null_lists_are_read_as_absent() throws Exception {
        // given
        String json = """
                {"version":1,"rounds":[{"id":"r","opens":"2026-01-01","closes":"2026-01-31","countryCapPercent":20,
                 "extra":{"deep":[1,{"x":null}]},"coordinators":null}],"countries":null,
                 "discussionPoints":[{"slug":"a","sendDate":"2026-01-05","tags":["x"],"more":[]}],
                 "choices":{"languages":[{"code":"pt","name":"Portuguese","script":"Latn"}],"timeZones":["UTC"]}}""";

        // when
        Programme programme = ProgrammeSource.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(programme.round("r")).hasValueSatisfying(r -> assertThat(r.coordinators()).isEmpty());
        assertThat(programme.countries()).isEmpty();
        assertThat(programme.discussionPoints()).singleElement()
                .satisfies(d -> assertThat(d.tags()).containsExactly("x"))
                .satisfies(d -> assertThat(d.sendDate()).isEqualTo(LocalDate.parse("2026-01-05")));
        assertThat(programme.choices().languages()).extracting(Programme.Language::name).containsExactly("Portuguese");
        assertThat(programme.choices().timeZones()).containsExactly("UTC");
    }

    @Test
    void anything_after_the_manifest_is_an_error() {
        String json = "{\"choices\":{}} {}";
        assertThatThrownBy(() -> ProgrammeSource.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("after the programme manifest");
    }
}
