package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** Bakes the real site once and checks it in English (at /), Spanish (/es/) and Arabic (/ar/). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EditionsTest {

    private static final String HOST = "https://librarians.example.org";
    private static final Map<String, String> FOLDERS = Map.of("en", "", "es", "es/", "ar", "ar/");
    private static final Map<String, String> DIRS = Map.of("en", "ltr", "es", "ltr", "ar", "rtl");

    @TempDir
    static Path out;

    static BakeReport report;
    /** Every baked page by its path, outside Pagefind's folder. */
    static Map<String, Document> pages = new LinkedHashMap<>();

    @BeforeAll
    static void bake_the_real_site() throws IOException {
        report = new SiteBaker(TestSites.realSite()).bake(out);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String name = out.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("pagefind/")) {
                    pages.put(name, Jsoup.parse(file.toFile(), "UTF-8"));
                }
            }
        }
    }

    /** The pages of the default language: every baked page outside es/ and ar/. */
    private static Set<String> englishPages() {
        Set<String> english = new TreeSet<>();
        pages.keySet().stream().filter(p -> !p.startsWith("es/") && !p.startsWith("ar/")).forEach(english::add);
        return english;
    }

    @Test
    void every_page_exists_in_all_three_languages_and_no_language_has_a_page_the_others_lack() {
        Set<String> english = englishPages();
        assertThat(english).hasSizeGreaterThan(300);
        for (String folder : List.of("es/", "ar/")) {
            Set<String> translated = new TreeSet<>();
            pages.keySet().stream().filter(p -> p.startsWith(folder)).forEach(p -> translated.add(p.substring(folder.length())));
            assertThat(translated).as(folder).isEqualTo(english);
        }
        assertThat(report.pages()).isGreaterThanOrEqualTo(3 * english.size());
    }

    @Test
    void every_page_names_its_language_and_direction_and_links_its_alternates_and_x_default() {
        List<String> wrong = new ArrayList<>();
        for (String page : englishPages()) {
            for (Map.Entry<String, String> language : FOLDERS.entrySet()) {
                Document doc = pages.get(language.getValue() + page);
                Element html = doc.selectFirst("html");
                if (!language.getKey().equals(html.attr("lang")) || !DIRS.get(language.getKey()).equals(html.attr("dir"))) {
                    wrong.add(language.getValue() + page + ": lang/dir " + html.attr("lang") + "/" + html.attr("dir"));
                }
                Map<String, String> alternates = new LinkedHashMap<>();
                doc.select("link[rel=alternate][hreflang]").forEach(l -> alternates.put(l.attr("hreflang"), l.attr("href")));
                Map<String, String> expected = Map.of("en", HOST + "/" + page, "es", HOST + "/es/" + page,
                        "ar", HOST + "/ar/" + page, "x-default", HOST + "/" + page);
                if (!alternates.equals(expected)) {
                    wrong.add(language.getValue() + page + ": alternates " + alternates);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_language_switcher_is_plain_links_to_the_same_page_in_each_language() {
        Element switcher = pages.get("es/signup.html").selectFirst("nav.languages");
        assertThat(switcher.select("a")).extracting(a -> a.attr("href"))
                .containsExactly("/signup.html", "/es/signup.html", "/ar/signup.html");
        assertThat(switcher.select("a")).extracting(Element::text).containsExactly("English", "Español", "العربية");
        assertThat(switcher.select("a[aria-current]")).extracting(a -> a.attr("lang")).containsExactly("es");
        assertThat(switcher.attr("aria-label")).isEqualTo("Idiomas");
    }

    @Test
    void the_sitemap_lists_every_page_in_every_language_each_with_all_alternates() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document sitemap = factory.newDocumentBuilder().parse(out.resolve("sitemap.xml").toFile());
        NodeList urls = sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url");
        List<String> locs = new ArrayList<>();
        for (int i = 0; i < urls.getLength(); i++) {
            org.w3c.dom.Element url = (org.w3c.dom.Element) urls.item(i);
            locs.add(url.getElementsByTagNameNS("*", "loc").item(0).getTextContent());
            NodeList links = url.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link");
            List<String> hreflangs = new ArrayList<>();
            for (int j = 0; j < links.getLength(); j++) {
                hreflangs.add(((org.w3c.dom.Element) links.item(j)).getAttribute("hreflang"));
            }
            assertThat(hreflangs).as(locs.get(i)).containsExactly("en", "es", "ar", "x-default");
        }
        assertThat(locs).contains(HOST + "/about.html", HOST + "/es/about.html", HOST + "/ar/about.html",
                HOST + "/", HOST + "/es/index.html", HOST + "/ar/index.html");
        assertThat(locs.stream().filter(l -> l.startsWith(HOST + "/es/")).count() * 3).isEqualTo(locs.size());
    }

    @Test
    void an_untranslated_page_is_shown_in_english_with_a_notice_in_the_reader_s_language() {
        Document spanish = pages.get("es/privacy.html");
        assertThat(spanish.selectFirst(".fallback-notice").text())
                .isEqualTo("Esta página aún no está traducida, por eso se muestra en inglés.");
        assertThat(spanish.selectFirst("article.prose").attr("lang")).isEqualTo("en");
        assertThat(spanish.selectFirst("article.prose h1").text()).isEqualTo(pages.get("privacy.html").selectFirst("h1").text());
        Document arabic = pages.get("ar/privacy.html");
        assertThat(arabic.selectFirst(".fallback-notice").text()).contains("الإنجليزية");
        assertThat(arabic.selectFirst("article.prose").attr("dir")).isEqualTo("ltr");
        assertThat(pages.get("privacy.html").select(".fallback-notice")).isEmpty();
    }

    @Test
    void the_templates_strings_are_in_the_reader_s_language() {
        assertThat(pages.get("es/index.html").select("nav.nav, ul.nav a")).extracting(Element::text)
                .contains("Cómo funciona", "Inscribirse", "Temas de conversación", "Países", "Buscar");
        assertThat(pages.get("ar/signup.html").selectFirst("button[type=submit]").text()).isEqualTo("أرسل طلبي");
        assertThat(pages.get("ar/points/tags/index.html").select(".tag-cloud .count").text()).doesNotContain("point");
    }

    @Test
    void the_signup_form_posts_the_same_fields_and_values_in_every_language_but_its_own_language() {
        List<String> english = fields(pages.get("signup.html"));
        assertThat(english).contains("language=en");
        for (String folder : List.of("es/", "ar/")) {
            Element form = pages.get(folder + "signup.html").selectFirst("form#signup");
            assertThat(form.attr("action")).isEqualTo("/api/signup");
            String language = "language=" + folder.substring(0, 2);
            assertThat(fields(pages.get(folder + "signup.html"))).as(folder).contains(language)
                    .filteredOn(field -> !field.equals(language))
                    .isEqualTo(english.stream().filter(field -> !field.equals("language=en")).toList());
        }
    }

    @Test
    void country_names_come_from_cldr_sorted_by_each_language_s_collation() {
        List<String> spanish = pages.get("es/countries/index.html").select("section ul.columns a").eachText();
        assertThat(spanish).contains("Alemania", "Japón", "Sudáfrica");
        assertThat(pages.get("ar/countries/de.html").selectFirst("h1").text()).isEqualTo("ألمانيا");
        for (Element region : pages.get("es/countries/index.html").select("section ul.columns")) {
            List<String> names = region.select("a").eachText();
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(Collator.getInstance(ULocale.forLanguageTag("es"))::compare);
            assertThat(names).isEqualTo(sorted);
        }
        List<String> languages = pages.get("es/signup.html").select("#languages option").eachText();
        assertThat(languages).contains("español", "árabe", "inglés");
    }

    @Test
    void dates_are_written_in_each_language_s_format() {
        String iso = pages.get("points/index.html").selectFirst("ol.cards time").attr("datetime");
        String english = pages.get("points/index.html").selectFirst("ol.cards time").text();
        String spanish = pages.get("es/points/index.html").selectFirst("ol.cards time").text();
        String arabic = pages.get("ar/points/index.html").selectFirst("ol.cards time").text();
        assertThat(english).matches("\\d{1,2} [A-Z][a-z]+ \\d{4}");
        assertThat(spanish).matches("\\d{1,2} de [a-z]+ de \\d{4}");
        assertThat(arabic).doesNotContainPattern("[A-Za-z]");
        assertThat(pages.get("ar/points/index.html").selectFirst("ol.cards time").attr("datetime")).isEqualTo(iso);
    }

    @Test
    void the_archive_and_the_feed_are_per_language() throws IOException {
        assertThat(pages.get("es/points/index.html").select("ol.cards a[href^=/points/]")).isEmpty();
        assertThat(pages.get("es/points/index.html").select("ol.cards .card-title a").eachAttr("href"))
                .allMatch(href -> href.startsWith("/es/points/"));
        String feed = Files.readString(out.resolve("ar/feed.xml"));
        assertThat(feed).contains("xml:lang=\"ar\"", HOST + "/ar/points/").doesNotContain("href=\"" + HOST + "/points/");
    }

    @Test
    void pagefind_indexes_each_language_separately() throws IOException {
        if (!report.searchIndexed()) {
            return; // Pagefind is not installed (npm ci --prefix site): BakedSiteTest says so
        }
        try (Stream<Path> files = Files.list(out.resolve("pagefind"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pf_meta")).toList())
                    .anyMatch(n -> n.startsWith("pagefind.en_")).anyMatch(n -> n.startsWith("pagefind.es_"))
                    .anyMatch(n -> n.startsWith("pagefind.ar_"));
        }
    }

    /** The name=value pairs a form can post: inputs, and each select's option values. */
    private static List<String> fields(Document page) {
        List<String> fields = new ArrayList<>();
        for (Element input : page.select("form#signup input[name]")) {
            fields.add(input.attr("name") + "=" + input.attr("value"));
        }
        for (Element select : page.select("form#signup select[name]")) {
            select.select("option").forEach(o -> fields.add(select.attr("name") + "=" + o.attr("value")));
        }
        fields.sort(null);
        return fields;
    }
}
