package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.NumberFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iln.messages.Language;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bakes the real site with a figures document in the figures job's format, and checks the country
 * pages and the statistics page in every language: computed counts, "fewer than 5" for small ones,
 * each language's number format, and nothing that names a person.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FiguresPagesTest {

    static final Clock BAKE_DAY = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    /**
     * As the figures job writes it: 2026-2 with Australia large, Fiji small, counted before it
     * ended; 2026-1 with Australia only, ended, with its check-in and survey figures.
     */
    static final String FIGURES = """
            {"computedAt":"2026-11-19T04:00:00Z","measures":["applied","confirmed","matched","rematched","withdrawn"],
             "rounds":[
              {"round":"2026-1","countries":[{"country":"AU","counts":{"applied":12345,"confirmed":40,"matched":38,"rematched":"<5","withdrawn":"<5"}}],
               "countriesUnderThreshold":{"applied":0,"confirmed":0,"matched":0,"rematched":1,"withdrawn":1},
               "shownTotals":{"applied":12345,"confirmed":40,"matched":38,"rematched":0,"withdrawn":0},"ended":true,
               "care":{"checkIns":{"arranging":"<5","met":17,"no-reply":"<5"},"mayQuote":6,
                 "met":{"a-few-times":9,"monthly":"<5","never":"<5","once":"<5"},"recommend":{"no":"<5","not-sure":"<5","yes":11},
                 "recommendShare":79,"surveyAnswers":14,"usefulness":{"1":"<5","2":"<5","3":"<5","4":6,"5":5},
                 "usefulnessMedian":4.5}},
              {"round":"2026-2","countries":[
                 {"country":"AU","counts":{"applied":9,"confirmed":8,"matched":6,"rematched":"<5","withdrawn":"<5"}},
                 {"country":"FJ","counts":{"applied":"<5","confirmed":"<5","matched":"<5","rematched":"<5","withdrawn":"<5"}}],
               "countriesUnderThreshold":{"applied":1,"confirmed":1,"matched":1,"rematched":2,"withdrawn":2},
               "shownTotals":{"applied":9,"confirmed":8,"matched":6,"rematched":0,"withdrawn":0},"ended":false}],
             "threshold":5,"version":1}
            """;

    @TempDir
    static Path temp;

    static Path out;
    static Path site;

    @BeforeAll
    static void bake_with_figures() throws IOException {
        site = TestSites.copyOfRealSite(temp.resolve("site"));
        Path figures = temp.resolve("figures.json");
        Files.writeString(figures, FIGURES);
        out = temp.resolve("out");
        new SiteBaker(site, BAKE_DAY).withFigures(figures).bake(out);
    }

    @Nested
    class A_country_page {

        @Test
        void shows_each_round_newest_first_with_small_counts_as_fewer_than_five() throws IOException {
            Document au = page("countries/au.html");

            List<String> rows = au.select("table.figures tbody tr").eachText();
            assertThat(rows).containsExactly(
                    "Round 2, 2026 9 8 6 fewer than 5 fewer than 5",
                    "Round 1, 2026 12,345 40 38 fewer than 5 fewer than 5");
            assertThat(au.select("table.figures thead th").eachText())
                    .containsExactly("Round", "Applied", "Confirmed", "Matched", "Re-matched", "Withdrew");
        }

        @Test
        void writes_numbers_and_labels_in_its_language() throws IOException {
            for (String tag : List.of("es", "ar")) {
                Document au = page(tag + "/countries/au.html");
                String big = NumberFormat.getInstance(new Language(tag).formatLocale()).format(12345);
                assertThat(au.select("table.figures tbody tr").last().text()).as(tag).contains(big);
                assertThat(au.select("html").attr("lang")).isEqualTo(tag);
            }
            assertThat(page("es/countries/au.html").select("table.figures").text()).contains("menos de 5", "Inscritos");
            assertThat(page("ar/countries/au.html").select("table.figures").text()).contains("أقل من");
        }

        @Test
        void of_a_country_nobody_came_from_says_so_and_links_the_statistics() throws IOException {
            Document de = page("countries/de.html");

            assertThat(de.select("table.figures")).isEmpty();
            assertThat(de.select("main").text()).contains("Germany has no figures yet");
            assertThat(de.select("main a[href$=statistics.html]")).isNotEmpty();
        }
    }

    @Nested
    class The_statistics_page {

        @Test
        void lists_every_round_by_country_with_totals_of_the_shown_counts_only() throws IOException {
            Document stats = page("statistics.html");

            Element round2 = stats.select("table.figures").first();
            assertThat(round2.select("caption").text()).isEqualTo("Participation in Round 2, 2026, by country");
            assertThat(round2.select("tbody tr").eachText()).containsExactly(
                    "Australia 9 8 6 fewer than 5 fewer than 5",
                    "Fiji fewer than 5 fewer than 5 fewer than 5 fewer than 5 fewer than 5");
            assertThat(round2.select("tfoot tr").eachText()).containsExactly(
                    "Total of the counts shown (each 5 or more) 9 8 6 0 0",
                    "Countries with fewer than 5 1 1 1 2 2");
            assertThat(stats.select("main").text()).contains("Counted on 19 November 2026.");
        }

        @Test
        void exists_in_every_language_and_is_in_the_sitemap() throws IOException {
            assertThat(page("es/statistics.html").select("h1").text()).isEqualTo("Estadísticas del programa");
            assertThat(page("ar/statistics.html").select("h1").text()).isEqualTo("إحصاءات البرنامج");
            assertThat(Files.readString(out.resolve("sitemap.xml"))).contains("/statistics.html");
        }
    }

    @Test
    void no_figures_table_anywhere_shows_a_number_under_five() throws IOException {
        Pattern digits = Pattern.compile("^[\\d\\p{Nd},.\\u066C\\u00A0\\u202F]+$");
        for (Path file : baked()) {
            for (Element cell : Jsoup.parse(file.toFile(), "UTF-8").select("table.figures tbody td")) {
                String text = cell.text();
                if (digits.matcher(text).matches()) {
                    String ascii = toAscii(text).replaceAll("[^0-9]", "");
                    assertThat(Integer.parseInt(ascii)).as(file + ": " + text).isGreaterThanOrEqualTo(5);
                } else {
                    assertThat(cell.hasClass("fewer")).as(file + ": " + text).isTrue();
                }
            }
        }
    }

    @Test
    void the_figures_pages_hold_no_address_but_the_coordinators_public_contacts() throws IOException {
        String data = Files.readString(site.resolve("data/countries.yml"), StandardCharsets.UTF_8);
        Pattern address = Pattern.compile("[^\\s@:/<>\"']+@[^\\s@:/<>\"']+\\.[A-Za-z]{2,}");
        for (Path file : baked()) {
            String relative = out.relativize(file).toString();
            if (!relative.contains("statistics") && !relative.contains("countries/")) {
                continue;
            }
            Matcher found = address.matcher(Jsoup.parse(file.toFile(), "UTF-8").select("main").html());
            while (found.find()) {
                assertThat(data).as(relative + " shows " + found.group()).contains(found.group());
            }
        }
    }

    @Test
    void a_document_with_an_exact_small_count_stops_the_bake_naming_the_cell() throws IOException {
        // given a document that did not suppress Fiji's 3 applications
        Path leaky = temp.resolve("leaky.json");
        Files.writeString(leaky, FIGURES.replace("\"country\":\"FJ\",\"counts\":{\"applied\":\"<5\"",
                "\"country\":\"FJ\",\"counts\":{\"applied\":3"));

        // then
        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).withFigures(leaky).bake(temp.resolve("leaky-out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("round 2026-2, FJ, applied")
                .hasMessageContaining("must never be published");
    }

    @Nested
    class Check_ins_and_the_survey {

        @Test
        void are_on_the_statistics_page_as_counts_with_small_ones_as_fewer_than_five() throws IOException {
            Document stats = page("statistics.html");

            Element checkIns = stats.select("#round-2026-1").first().parent().select("table.care").first();
            assertThat(checkIns.select("tbody tr").eachText()).containsExactly(
                    "We have met 17", "Arranging a meeting fewer than 5", "My partner hasn’t replied fewer than 5");
            assertThat(stats.select("ul.care-facts li").eachText()).containsExactly(
                    "Median usefulness: 4.5 of 5.", "79 % would recommend the programme.");
            assertThat(stats.select("main").text()).contains("Did not meet", "Allowed an anonymous quote 6");
        }

        @Test
        void are_written_in_every_language() throws IOException {
            assertThat(page("es/statistics.html").select("table.care").text())
                    .contains("Ya nos hemos reunido 17", "menos de 5");
            assertThat(page("es/statistics.html").select("ul.care-facts").text()).contains("4,5 de 5");
            assertThat(page("ar/statistics.html").select("table.care").text()).contains("التقينا", "أقل من");
        }
    }

    @Nested
    class A_finished_round_s_summary {

        @Test
        void is_a_page_per_finished_round_with_totals_check_ins_and_survey() throws IOException {
            Document summary = page("statistics/2026-1.html");

            assertThat(summary.select("h1").text()).isEqualTo("Summary of Round 1, 2026");
            assertThat(summary.select("table.summary-totals tbody tr").eachText()).contains(
                    "Applied 12,345 0", "Re-matched 0 1");
            assertThat(summary.select("table.care").text()).contains("We have met 17", "Answers 14");
        }

        @Test
        void exists_in_every_language_is_linked_from_the_statistics_page_and_is_in_the_sitemap() throws IOException {
            assertThat(page("es/statistics/2026-1.html").select("h1").text()).isEqualTo("Resumen de Round 1, 2026");
            assertThat(page("ar/statistics/2026-1.html").select("html").attr("dir")).isEqualTo("rtl");
            assertThat(page("statistics.html").select("main a[href=/statistics/2026-1.html]").text())
                    .isEqualTo("Summary of Round 1, 2026");
            assertThat(page("es/statistics.html").select("main a[href=/es/statistics/2026-1.html]")).isNotEmpty();
            assertThat(Files.readString(out.resolve("sitemap.xml"))).contains("/statistics/2026-1.html",
                    "/es/statistics/2026-1.html", "/ar/statistics/2026-1.html");
        }

        @Test
        void is_not_written_for_a_round_the_nightly_job_counted_before_its_end() throws IOException {
            assertThat(out.resolve("statistics/2026-2.html")).doesNotExist();
            assertThat(page("statistics.html").select("main a[href=/statistics/2026-2.html]")).isEmpty();
            assertThat(Files.readString(out.resolve("sitemap.xml"))).doesNotContain("/statistics/2026-2.html");
        }

        @Test
        void shows_no_total_between_one_and_four() throws IOException {
            for (Path file : baked()) {
                for (Element row : Jsoup.parse(file.toFile(), "UTF-8").select("table.summary-totals tbody tr")) {
                    int shown = Integer.parseInt(toAscii(row.select("td").first().text()).replaceAll("[^0-9]", ""));
                    assertThat(shown == 0 || shown >= 5).as(file + ": " + row.text()).isTrue();
                }
            }
        }
    }

    @Test
    void a_document_whose_care_figures_hold_a_small_count_or_anything_but_counts_stops_the_bake() throws IOException {
        // given: a check-in count of 2 left as a number, and a survey answer's words in the document
        Path small = temp.resolve("small-care.json");
        Files.writeString(small, FIGURES.replace("\"met\":17", "\"met\":2"));
        Path words = temp.resolve("words-care.json");
        Files.writeString(words, FIGURES.replace("\"mayQuote\":6,", "\"mayQuote\":6,\"quotes\":[\"Ana from Suva\"],"));

        // then
        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).withFigures(small).bake(temp.resolve("small-out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("round 2026-1: care.checkIns.met")
                .hasMessageContaining("must never be published");
        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).withFigures(words).bake(temp.resolve("words-out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("round 2026-1: care.quotes");
    }

    static Document page(String relative) throws IOException {
        return Jsoup.parse(out.resolve(relative).toFile(), "UTF-8");
    }

    static List<Path> baked() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.toString().endsWith(".html")).toList();
        }
    }

    /** Arabic-Indic and other decimal digits as 0-9. */
    static String toAscii(String text) {
        StringBuilder ascii = new StringBuilder();
        text.codePoints().forEach(c -> ascii.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        return ascii.toString();
    }
}
