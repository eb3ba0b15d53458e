package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iln.cli.SiteCopies;
import org.iln.site.BakeException;
import org.iln.site.SiteBaker;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinators' content with markup in it (a discussion point's Markdown, a country
 * coordinator's name and contact) bakes into pages with no script of its own: every payload
 * carries the marker {@value #MARK}, and no script, event handler or {@code javascript:} link in
 * the baked site may contain it.
 */
class SiteInjectionTest {

    static final String MARK = "ILNXSS";

    @TempDir
    static Path temp;
    static Path out;

    @BeforeAll
    static void bake_a_copy_with_hostile_content() throws Exception {
        Path site = SiteCopies.copyOfTheSite(temp.resolve("site"));
        Path point = site.resolve("content/points/2027-1/90-hostile.md");
        Files.createDirectories(point.getParent());
        Files.writeString(point, String.join("\n",
                "title=<script>" + MARK + "(1)</script> Talking about " + MARK,
                "date=2026-11-20", "type=point", "status=published", "round=2027-1", "tags=testing",
                "summary=<img src=x onerror=\"" + MARK + "()\"> summary",
                "~~~~~~",
                "Some **bold** text and [a fine link](https://example.org/reading).",
                "",
                "<script>" + MARK + "('raw')</script>",
                "",
                "<img src=\"x\" onerror=\"" + MARK + "('img')\">",
                "",
                "[click me](javascript:" + MARK + "('md'))",
                "",
                "<a href=\"javascript:" + MARK + "('a')\">raw link</a>",
                "",
                "<iframe src=\"javascript:" + MARK + "('frame')\"></iframe>",
                "",
                "<div onclick=\"" + MARK + "('div')\">click</div>",
                "",
                "<svg><script>" + MARK + "('svg')</script></svg>", ""));
        Path countries = site.resolve("data/countries.yml");
        Files.writeString(countries, Files.readString(countries).replaceFirst(
                "name: \"Mara Quillfeather\"\n        contact: \"iln-au@example.org\"",
                "name: \"<script>" + MARK + "('coordinator')</script>\"\n        contact: \"iln-au@example.org\""));
        out = temp.resolve("out");
        new SiteBaker(site).bake(out);
    }

    @Test
    void no_baked_page_runs_or_links_to_script_from_coordinators_content() throws Exception {
        // given every HTML page of the bake
        List<String> found = new ArrayList<>();
        int pages = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".html"))::iterator) {
                pages++;
                Document page = Jsoup.parse(Files.readString(file));
                // then
                for (Element element : page.getAllElements()) {
                    if (element.tagName().equals("script") && element.data().contains(MARK)) {
                        found.add(out.relativize(file) + ": <script> " + element.data());
                    }
                    for (Attribute attribute : element.attributes()) {
                        String name = attribute.getKey().toLowerCase();
                        String value = attribute.getValue().strip().toLowerCase();
                        if (value.contains(MARK.toLowerCase())
                                && (name.startsWith("on") || value.startsWith("javascript:"))) {
                            found.add(out.relativize(file) + ": <" + element.tagName() + " " + attribute + ">");
                        }
                    }
                }
            }
        }
        assertThat(pages).isGreaterThan(100);
        assertThat(found).isEmpty();
    }

    @Test
    void a_coordinator_contact_that_is_neither_an_address_nor_a_web_page_stops_the_bake() throws Exception {
        // given
        Path site = SiteCopies.copyOfTheSite(temp.resolve("site-with-script-contact"));
        Path countries = site.resolve("data/countries.yml");
        Files.writeString(countries, Files.readString(countries).replaceFirst(
                "contact: \"iln-au@example.org\"", "contact: \"javascript:" + MARK + "('contact')\""));

        // when / then
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out-2")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("countries.yml").hasMessageContaining("contact")
                .hasMessageContaining("must be an email address or an http(s):// page");
    }

    @Test
    void a_round_team_address_that_could_end_a_mail_header_stops_the_bake() throws Exception {
        // given the round's team address, which becomes the Reply-To of the round's mail
        Path site = SiteCopies.copyOfTheSite(temp.resolve("site-with-bad-reply-to"));
        Path rounds = site.resolve("data/rounds.yml");
        Files.writeString(rounds, Files.readString(rounds).replace(
                "email: \"team@example.org\"", "email: \"team@example.org\\r\\nBcc: victim@example.net\""));

        // when / then
        assertThatThrownBy(() -> new SiteBaker(site).bake(temp.resolve("out-3")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("rounds.yml").hasMessageContaining("email")
                .hasMessageContaining("must be one plain email address");
    }

    @Test
    void markdown_formatting_and_ordinary_links_in_a_point_still_work() throws Exception {
        // when
        Document point = Jsoup.parse(Files.readString(out.resolve("points/2027-1/90-hostile.html")));

        // then
        assertThat(point.select("strong").text()).contains("bold");
        assertThat(point.select("a[href=https://example.org/reading]").text()).isEqualTo("a fine link");
        assertThat(point.select("h1").text()).contains("<script>" + MARK + "(1)</script>");
        // raw HTML in a point is shown as the text it is
        assertThat(point.text()).contains("<script>" + MARK + "('raw')</script>");
    }
}
