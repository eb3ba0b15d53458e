package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bakes a copy of the real site with extra points on a fixed date: a title holding markup, and a
 * point whose send date is after the bake date.
 */
class CopiedSiteTest {

    static final String HOSTILE_TITLE = "<script>alert('x')</script> & \"friends\"";
    static final Clock BAKE_DAY = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path temp;

    static Path out;
    static String roundId;

    @BeforeAll
    static void bake_a_copy_with_extra_points() throws IOException {
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        roundId = "2026-2";
        TestSites.writePoint(site, roundId, "90-hostile.md", "title=" + HOSTILE_TITLE, "date=2026-10-20",
                "type=point", "status=published", "round=" + roundId, "tags=testing",
                "summary=A summary with <b>markup</b> & an ampersand.");
        TestSites.writePoint(site, roundId, "91-future.md", "title=Not sent yet", "date=2026-12-01", "type=point",
                "status=published", "round=" + roundId, "tags=testing", "summary=Goes out later.");
        TestSites.writePoint(site, roundId, "92-draft.md", "title=Still a draft", "date=2026-10-21", "type=point",
                "status=draft", "round=" + roundId, "summary=Not ready.");
        out = temp.resolve("out");
        new SiteBaker(site, BAKE_DAY).bake(out);
    }

    @Test
    void a_title_holding_markup_is_escaped_on_every_page_and_in_the_feed() throws IOException {
        // given the pages that show the hostile point
        Path page = out.resolve("points/" + roundId + "/90-hostile.html");
        List<Path> shown = List.of(page, out.resolve("points/index.html"), out.resolve("points/tags/testing.html"),
                out.resolve("points/" + roundId + "/index.html"), out.resolve("index.html"));

        // then no page carries a live script element, and the title reads as written
        for (Path file : shown) {
            String html = Files.readString(file);
            assertThat(html).as(file.toString()).doesNotContain("<script>alert").doesNotContain("<b>markup</b>");
            assertThat(Jsoup.parse(html).select("script:not([src])")).as(file.toString()).isEmpty();
        }
        Document doc = Jsoup.parse(page.toFile(), "UTF-8");
        assertThat(doc.selectFirst("h1").text()).isEqualTo(HOSTILE_TITLE);
        assertThat(doc.title()).startsWith(HOSTILE_TITLE);
        assertThat(Files.readString(page)).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;");
        String feed = Files.readString(out.resolve("feed.xml"));
        assertThat(feed).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void a_point_not_yet_sent_is_in_the_manifest_but_not_on_the_public_pages_or_feed() throws IOException {
        // given the bake date of 20 November 2026 and a point sent on 1 December
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("programme.json").toFile());
        List<String> slugs = new ArrayList<>();
        manifest.get("discussionPoints").forEach(p -> slugs.add(p.get("slug").asText()));

        // then the functions can see it, the public cannot yet
        assertThat(slugs).contains("91-future", "90-hostile").doesNotContain("92-draft");
        assertThat(out.resolve("points/" + roundId + "/91-future.html")).doesNotExist();
        assertThat(out.resolve("points/" + roundId + "/92-draft.html")).doesNotExist();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(html|xml)$")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("91-future", "Still a draft");
            }
        }
    }

    @Test
    void the_home_page_says_applications_are_open_while_a_round_is_open() throws IOException {
        // given rounds.yml has a round open on the bake date
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("programme.json").toFile());
        String open = null;
        for (JsonNode round : manifest.get("rounds")) {
            if (round.get("opens").asText().compareTo("2026-11-20") <= 0 && round.get("closes").asText().compareTo("2026-11-20") >= 0) {
                open = round.get("title").asText();
            }
        }
        assertThat(open).as("the real rounds.yml has a round open on 2026-11-20").isNotNull();

        // then the home and signup pages say so, naming the round
        for (String page : List.of("index.html", "signup.html")) {
            Document doc = Jsoup.parse(out.resolve(page).toFile(), "UTF-8");
            assertThat(doc.selectFirst("section.status").className()).isEqualTo("status status-open");
            assertThat(doc.selectFirst("section.status").text()).contains("Applications are open", open);
        }
    }

    @Test
    void points_link_to_their_earlier_and_later_neighbours_in_send_date_order() throws IOException {
        // given the hostile point, sent on 20 October 2026
        Document doc = Jsoup.parse(out.resolve("points/" + roundId + "/90-hostile.html").toFile(), "UTF-8");

        // then its neighbours are the points sent just before and just after it (the future one is not out)
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("programme.json").toFile());
        List<JsonNode> sent = new ArrayList<>();
        manifest.get("discussionPoints").forEach(p -> {
            if (p.get("sendDate").asText().compareTo("2026-11-20") <= 0) {
                sent.add(p);
            }
        });
        int at = 0;
        while (!sent.get(at).get("slug").asText().equals("90-hostile")) {
            at++;
        }
        assertThat(doc.selectFirst("a[rel=prev]").attr("href")).isEqualTo(sent.get(at - 1).get("url").asText());
        if (at + 1 < sent.size()) {
            assertThat(doc.selectFirst("a[rel=next]").attr("href")).isEqualTo(sent.get(at + 1).get("url").asText());
        } else {
            assertThat(doc.select("a[rel=next]")).isEmpty();
        }
    }

    @Test
    void baking_the_same_content_on_the_same_day_gives_the_same_files() throws IOException {
        // when the same copy is baked again into another folder
        Path again = temp.resolve("again");
        new SiteBaker(temp.resolve("site"), BAKE_DAY).bake(again);

        // then every file is byte for byte the same
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(again.resolve(out.relativize(file).toString())).as(file.toString()).hasSameBinaryContentAs(file);
            }
        }
    }
}
