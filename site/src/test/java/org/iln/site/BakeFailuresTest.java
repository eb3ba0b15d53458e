package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A content or data file with invalid or missing metadata stops the bake, naming the file and the field. */
class BakeFailuresTest {

    @TempDir
    Path temp;

    static Stream<Arguments> broken_points() {
        return Stream.of(
                Arguments.of("title", new String[] {"date=2026-03-02", "type=point", "status=published", "round=2026-1",
                        "summary=One sentence."}),
                Arguments.of("date", new String[] {"title=Bad date", "date=2026-13-45", "type=point", "status=published",
                        "round=2026-1", "summary=One sentence."}),
                Arguments.of("date", new String[] {"title=No date", "type=point", "status=published", "round=2026-1",
                        "summary=One sentence."}),
                Arguments.of("type", new String[] {"title=No type", "date=2026-03-02", "status=published", "round=2026-1",
                        "summary=One sentence."}),
                Arguments.of("status", new String[] {"title=Odd status", "date=2026-03-02", "type=point", "status=live",
                        "round=2026-1", "summary=One sentence."}),
                Arguments.of("round", new String[] {"title=No round", "date=2026-03-02", "type=point", "status=published",
                        "summary=One sentence."}),
                Arguments.of("round", new String[] {"title=Unknown round", "date=2026-03-02", "type=point",
                        "status=published", "round=1999-9", "summary=One sentence."}),
                Arguments.of("summary", new String[] {"title=No summary", "date=2026-03-02", "type=point",
                        "status=published", "round=2026-1"}),
                Arguments.of("tags", new String[] {"title=Shouting tags", "date=2026-03-02", "type=point",
                        "status=published", "round=2026-1", "summary=One sentence.", "tags=Open Access"}));
    }

    @ParameterizedTest(name = "missing or invalid {0}")
    @MethodSource("broken_points")
    void a_point_with_bad_metadata_fails_the_bake_naming_the_file_and_the_field(String field, String[] header) {
        // given a copy of the real site with one broken point
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        TestSites.writePoint(site, "2026-1", "99-broken.md", header);

        // when it is baked, then the bake fails naming the file and the field
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("content/points/2026-1/99-broken.md: " + field + ":");
    }

    @Test
    void a_page_without_a_header_fails_the_bake_naming_the_file() throws IOException {
        // given a page whose author forgot the header
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Files.writeString(site.resolve("content/notes.md"), "# Notes\n\nJust text.\n");

        // then the bake fails naming the file and its header
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("content/notes.md: header: missing");
    }

    @Test
    void a_round_with_a_bad_date_fails_the_bake_naming_the_data_file_and_the_field() throws IOException {
        // given rounds.yml whose first round opens on a date that does not exist
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Path rounds = site.resolve("data/rounds.yml");
        String text = Files.readString(rounds);
        int opens = text.indexOf("opens:");
        int end = text.indexOf('\n', opens);
        Files.writeString(rounds, text.substring(0, opens) + "opens: \"2026-02-30\"" + text.substring(end));

        // then the bake fails naming the file, the round and the field
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("data/rounds.yml: rounds[0].opens: '2026-02-30' is not a date");
    }

    @Test
    void a_coordinator_s_language_that_is_no_language_tag_fails_the_bake_naming_the_field() throws IOException {
        // given the programme team's contact in rounds.yml with a language that is no tag
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Path rounds = site.resolve("data/rounds.yml");
        Files.writeString(rounds, Files.readString(rounds).replaceFirst("(?m)^(\\s+)email: (.*)$", "$1email: $2\n$1language: Spanish"));

        // then the bake fails naming the file, the round's coordinator and the field
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("data/rounds.yml: rounds[0].coordinators[0].language: must be a language tag");
    }

    @Test
    void every_problem_is_reported_at_once_and_nothing_is_written() {
        // given two broken points
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        TestSites.writePoint(site, "2026-1", "98-first.md", "date=2026-03-02", "type=point", "status=published",
                "round=2026-1", "summary=One.");
        TestSites.writePoint(site, "2026-1", "99-second.md", "title=Second", "date=2026-03-02", "type=point",
                "status=published", "round=nope", "summary=Two.");
        Path out = temp.resolve("out");

        // then one failure names both, and the output folder was not touched
        assertThatThrownBy(() -> new SiteBaker(site).bake(out))
                .hasMessageContaining("98-first.md: title: missing")
                .hasMessageContaining("99-second.md: round: 'nope' is not a round");
        assertThat(out).doesNotExist();
    }

    @Test
    void a_folder_that_holds_something_other_than_a_bake_is_not_emptied() throws IOException {
        // given an output folder with someone's file in it
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("thesis.txt"), "precious");

        // then the bake refuses and leaves the file alone
        assertThatThrownBy(() -> new SiteBaker(TestSites.copyOfRealSite(temp.resolve("site"))).bake(out))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("output: folder is not empty");
        assertThat(out.resolve("thesis.txt")).hasContent("precious");
    }
}
