package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iln.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MatchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MatchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static String person(String id, String country, String languages, String extra) {
        return """
                {"id": "%s", "country": "%s", "timezone": "Europe/London", "languages": [%s], "sector": "academic",
                 "careerStage": "mid", "interests": ["open-access"], "appliedAt": "2026-02-01T09:30:00Z"%s}"""
                .formatted(id, country, languages, extra);
    }

    private Path poolFile(String... people) throws Exception {
        Path file = dir.resolve("pool.json");
        Files.writeString(file, "{\"round\": \"2026-1\", \"matchDate\": \"2026-02-23\", \"participants\": ["
                + String.join(",", people) + "]}");
        return file;
    }

    @Test
    void a_pool_is_matched_and_reported() throws Exception {
        // given three people, one of whom shares no language
        Path pool = poolFile(person("a", "AU", "\"en\"", ""), person("b", "GB", "\"en\"", ""), person("c", "JP", "\"ja\"", ""));
        Path result = dir.resolve("result.json");

        // when
        int exit = run("--pool", pool.toString(), "--out", result.toString());

        // then
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("round 2026-1: 3 participants")
                .contains("matched: 2 (1 pairs, 0 groups of three)")
                .contains("unmatched: 1")
                .contains("1  no eligible partner: no one else shares a language")
                .contains("scores: min ")
                .contains("time: ");
        assertThat(Files.readString(result)).contains("\"members\" : [ \"a\", \"b\" ]");
    }

    @Test
    void the_result_file_gives_the_unmatched_reason_as_the_code_the_schema_describes() throws Exception {
        // given someone who shares no language with anyone
        Path pool = poolFile(person("a", "AU", "\"en\"", ""), person("b", "GB", "\"en\"", ""), person("c", "JP", "\"ja\"", ""));
        Path result = dir.resolve("result.json");

        // when
        run("--pool", pool.toString(), "--out", result.toString());

        // then the file holds the stable code, which the result schema's pattern accepts
        JsonNode written = Json.newMapper().readTree(result.toFile());
        JsonNode schema = Json.newMapper().readTree(Path.of("..", "docs", "schema", "result.schema.json").toFile());
        String reason = written.at("/unmatched/0/reason").asText();
        assertThat(reason).isEqualTo("reason.unmatched.noSharedLanguage");
        assertThat(reason).matches(schema.at("/properties/unmatched/items/properties/reason/pattern").asText());
        String pattern = schema.at("/properties/partnerships/items/properties/reasons/items/pattern").asText();
        assertThat(written.at("/partnerships/0/reasons")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.asText()).matches(pattern));
    }

    @Test
    void the_same_pool_writes_the_same_bytes() throws Exception {
        Path pool = poolFile(person("a", "AU", "\"en\"", ""), person("b", "GB", "\"en\"", ""),
                person("c", "US", "\"en\"", ""), person("d", "IN", "\"en\"", ""));
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");

        run("--pool", pool.toString(), "--out", first.toString());
        run("--pool", pool.toString(), "--out", second.toString());

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void invalid_input_exits_with_2_naming_the_record_and_the_field() throws Exception {
        Path pool = poolFile(person("a", "AU", "\"en\"", ""), person("b", "GB", "\"en\"", ", \"maxPartners\": 5"));

        int exit = run("--pool", pool.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("participants[1] (id b): field 'maxPartners' must be 1 or 2");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_pin_across_a_hard_rule_exits_with_2_naming_both_people() throws Exception {
        Path file = dir.resolve("pinned.json");
        Files.writeString(file, "{\"round\": \"r\", \"participants\": [" + person("a", "AU", "\"en\"", "") + ","
                + person("b", "AU", "\"en\"", "") + "], \"pins\": [[\"a\", \"b\"]]}");

        assertThat(run("--pool", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pins[0]: a and b cannot be partners");
    }

    @Test
    void a_missing_file_exits_with_2() {
        assertThat(run("--pool", dir.resolve("nope.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void a_weighted_graph_prints_pairs_and_weight_on_its_last_line() throws Exception {
        // given a path whose heavy middle edge loses to the two ends (more pairs first)
        Path edges = dir.resolve("edges.csv");
        Files.write(edges, List.of("a,b,weight", "v1,v2,1.5", "v2,v3,100", "v3,v4,2"), StandardCharsets.UTF_8);
        Path pairs = dir.resolve("pairs.csv");

        int exit = run("--edges", edges.toString(), "--out", pairs.toString());

        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("pairs=2 weight=3.5");
        assertThat(Files.readAllLines(pairs)).containsExactly("v1,v2", "v3,v4");
    }

    @Test
    void a_negative_weight_exits_with_2_naming_the_line() throws Exception {
        Path edges = dir.resolve("bad.csv");
        Files.write(edges, List.of("x,y,1", "y,z,-3"), StandardCharsets.UTF_8);

        assertThat(run("--edges", edges.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.csv line 2: field 'weight' must be a finite number, not negative");
    }

    @Test
    void pool_and_edges_together_are_a_usage_error() throws Exception {
        assertThat(run("--pool", "a.json", "--edges", "b.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }
}
