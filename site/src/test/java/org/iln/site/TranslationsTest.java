package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Translations beside the originals, and catalogues or templates that lack a message, in a copy of the real site. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TranslationsTest {

    private static final Clock BAKE_DAY = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void a_page_s_translation_replaces_it_in_its_language_and_the_others_fall_back_with_a_notice() throws IOException {
        // given about.md with a Spanish translation beside it
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Files.writeString(site.resolve("content/about.es.md"), """
                title=Acerca del programa
                date=2026-11-29
                type=page
                status=published
                summary=Un programa gratuito de mentoría entre pares.
                ~~~~~~
                La International Librarians Network es un programa gratuito.
                """);

        // when the site is baked
        Path out = temp.resolve("out");
        new SiteBaker(site, BAKE_DAY).bake(out);

        // then Spanish readers get the translation, Arabic readers the original with a notice
        Document spanish = page(out, "es/about.html");
        assertThat(spanish.selectFirst("h1").text()).isEqualTo("Acerca del programa");
        assertThat(spanish.select(".fallback-notice")).isEmpty();
        assertThat(spanish.selectFirst("article.prose").hasAttr("lang")).isFalse();
        assertThat(spanish.selectFirst("meta[name=description]").attr("content")).isEqualTo("Un programa gratuito de mentoría entre pares.");
        Document arabic = page(out, "ar/about.html");
        assertThat(arabic.selectFirst("h1").text()).isEqualTo("About the programme");
        assertThat(arabic.select(".fallback-notice")).hasSize(1);
        // and the translation is no page of its own
        assertThat(out.resolve("about.es.html")).doesNotExist();
        assertThat(out.resolve("es/about.es.html")).doesNotExist();
        assertThat(page(out, "about.html").selectFirst("h1").text()).isEqualTo("About the programme");
    }

    @Test
    void a_point_s_translation_is_shown_on_its_page_in_the_archive_and_in_the_feed_of_its_language() throws IOException {
        // given a point with an Arabic translation beside it
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Files.writeString(site.resolve("content/points/2026-1/01-getting-to-know-you.ar.md"), """
                title=لنتعارف
                date=2026-02-23
                type=point
                status=published
                round=2026-1
                tags=introductions,communication
                summary=ابدأ بالتعريف بنفسك وبمكان عملك.
                ~~~~~~
                مرحبًا بكم في الجولة الأولى.
                """);

        // when the site is baked
        Path out = temp.resolve("out");
        new SiteBaker(site, BAKE_DAY).bake(out);

        // then the Arabic edition shows it translated everywhere, the others do not
        assertThat(page(out, "ar/points/2026-1/01-getting-to-know-you.html").selectFirst("h1").text()).isEqualTo("لنتعارف");
        assertThat(page(out, "ar/points/2026-1/01-getting-to-know-you.html").select(".fallback-notice")).isEmpty();
        assertThat(page(out, "ar/points/2026-1/index.html").select(".card-title a").eachText()).contains("لنتعارف");
        assertThat(Files.readString(out.resolve("ar/feed.xml"))).contains("<title>لنتعارف</title>");
        assertThat(page(out, "es/points/2026-1/01-getting-to-know-you.html").select(".fallback-notice")).hasSize(1);
        assertThat(page(out, "points/2026-1/01-getting-to-know-you.html").selectFirst("h1").text()).isEqualTo("Getting to know you");
        // and the manifest, which the functions send from, still has the point once, its translation beside it
        com.fasterxml.jackson.databind.JsonNode points = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("programme.json").toFile()).get("discussionPoints");
        List<com.fasterxml.jackson.databind.JsonNode> gettingToKnow = new java.util.ArrayList<>();
        points.forEach(p -> {
            if (p.get("slug").asText().equals("01-getting-to-know-you") && p.get("round").asText().equals("2026-1")) {
                gettingToKnow.add(p);
            }
        });
        assertThat(gettingToKnow).singleElement().satisfies(p -> {
            assertThat(p.get("title").asText()).isEqualTo("Getting to know you");
            assertThat(p.get("translations")).hasSize(1);
            assertThat(p.get("translations").get(0).get("language").asText()).isEqualTo("ar");
            assertThat(p.get("translations").get(0).get("title").asText()).isEqualTo("لنتعارف");
            assertThat(p.get("translations").get(0).get("url").asText())
                    .isEqualTo("/ar/points/2026-1/01-getting-to-know-you.html");
            assertThat(p.get("translations").get(0).get("html").asText()).contains("مرحبًا بكم في الجولة الأولى.");
        });
        assertThat(out.resolve("points/2026-1/01-getting-to-know-you.ar.html")).doesNotExist();
    }

    @Test
    void a_coordinator_s_language_in_the_roster_goes_into_the_manifest_for_their_mail() throws IOException {
        // given the programme team's contact in rounds.yml reads Spanish
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Path rounds = site.resolve("data/rounds.yml");
        Files.writeString(rounds, Files.readString(rounds).replaceFirst("(?m)^(\\s+)email: (.*)$", "$1email: $2\n$1language: es"));

        // when the site is baked
        Path out = temp.resolve("out");
        new SiteBaker(site, BAKE_DAY).bake(out);

        // then the manifest names it for the first round's contact, and no language for the others
        com.fasterxml.jackson.databind.JsonNode rounds0 = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("programme.json").toFile()).get("rounds");
        assertThat(rounds0.get(0).get("coordinators").get(0).get("language").asText()).isEqualTo("es");
        assertThat(rounds0.get(1).get("coordinators").get(0).has("language")).isFalse();
    }

    @Test
    void a_translation_without_its_original_stops_the_bake_naming_the_missing_original() throws IOException {
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Files.writeString(site.resolve("content/abuot.es.md"), "title=Acerca\ntype=page\nstatus=published\n~~~~~~\nTexto.\n");

        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("abuot.md, which does not exist");
    }

    @Test
    void a_catalogue_missing_a_key_stops_the_bake_naming_the_key_and_the_language() throws IOException {
        // given the committed catalogues with one Arabic message removed
        Path messages = committedCatalogues(temp.resolve("messages"));
        Path arabic = messages.resolve("ar.properties");
        Files.writeString(arabic, Files.readString(arabic).replaceAll("(?m)^signup\\.send=.*\\n", ""));
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));

        // when the site is baked with them, then nothing is baked and the error names the key and the language
        Path out = temp.resolve("out");
        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).withCatalogues(messages).bake(out))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("ar.properties: message 'signup.send' is missing (Arabic)");
        assertThat(out).doesNotExist();
    }

    @Test
    void a_template_asking_for_a_message_no_catalogue_has_stops_the_bake_naming_the_key_and_the_language() throws IOException {
        Path site = TestSites.copyOfRealSite(temp.resolve("site"));
        Path template = site.resolve("templates/tags.ftlh");
        Files.writeString(template, Files.readString(template).replace("msg(\"tags.description\")", "msg(\"tags.descripton\")"));

        assertThatThrownBy(() -> new SiteBaker(site, BAKE_DAY).bake(temp.resolve("out")))
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("'tags.descripton'").hasMessageContaining("Spanish");
    }

    private static Document page(Path out, String path) throws IOException {
        return Jsoup.parse(out.resolve(path).toFile(), "UTF-8");
    }

    private static Path committedCatalogues(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : List.of("languages.txt", "en.properties", "es.properties", "ar.properties")) {
            try (InputStream in = SiteBaker.class.getResourceAsStream("/org/iln/messages/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        return folder;
    }
}
