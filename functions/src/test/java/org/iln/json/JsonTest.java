package org.iln.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    record Round(String id, LocalDate opens) {
    }

    private final ObjectMapper json = Json.newMapper();

    @Test
    void dates_are_written_as_iso_strings_and_read_back() throws Exception {
        String written = json.writeValueAsString(new Round("2027-1", LocalDate.of(2026, 11, 16)));

        assertThat(written).isEqualTo("{\"id\":\"2027-1\",\"opens\":\"2026-11-16\"}");
        assertThat(json.readValue(written, Round.class)).isEqualTo(new Round("2027-1", LocalDate.of(2026, 11, 16)));
    }

    @Test
    void an_unknown_field_is_an_error_that_names_it() {
        assertThatThrownBy(() -> json.readValue("{\"id\":\"x\",\"opens\":\"2026-11-16\",\"opnes\":1}", Round.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("opnes");
    }

    @Test
    void trailing_content_after_the_document_is_an_error() {
        assertThatThrownBy(() -> json.readValue("{\"id\":\"x\",\"opens\":\"2026-11-16\"} {}", Round.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void map_keys_are_written_in_order_so_output_is_deterministic() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("c", 3);
        counts.put("a", 1);
        counts.put("b", 2);

        assertThat(json.writeValueAsString(counts)).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    }
}
