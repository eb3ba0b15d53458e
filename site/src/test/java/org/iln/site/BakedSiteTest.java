package org.iln.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Bakes the real site once, as `./iln bake` does, and checks what a visitor and the functions get. */
class BakedSiteTest {

    @TempDir
    static Path out;

    static Path site;
    static BakeReport report;
    static Map<String, Document> pages = new LinkedHashMap<>();

    @BeforeAll
    static void bake_the_real_site() throws IOException {
        site = TestSites.realSite();
        report = new SiteBaker(site).bake(out);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                if (!out.relativize(file).startsWith("pagefind")) {
                    pages.put(out.relativize(file).toString().replace('\\', '/'), Jsoup.parse(file.toFile(), "UTF-8"));
                }
            }
        }
    }

    @Test
    void every_sitemap_url_names_a_baked_page() throws Exception {
        // given the sitemap the bake wrote
        String host = manifest().get("baseUrl").asText();
        NodeList locs = xml(out.resolve("sitemap.xml")).getElementsByTagName("loc");

        // when each url is mapped back into the baked folder
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < locs.getLength(); i++) {
            String url = locs.item(i).getTextContent();
            assertThat(url).startsWith(host + "/");
            if (!Files.isRegularFile(target(url.substring(host.length())))) {
                missing.add(url);
            }
        }

        // then every one exists, and every content page is listed
        assertThat(locs.getLength()).isGreaterThan(report.countries());
        assertThat(missing).isEmpty();
        assertThat(Files.readString(out.resolve("sitemap.xml")))
                .contains(host + "/how-it-works.html", host + "/countries/index.html")
                .doesNotContain("check-your-email.html", "404.html");
    }

    @Test
    void the_sitemap_dates_each_page_from_its_source_and_each_list_from_its_newest_point() throws Exception {
        // given
        String host = manifest().get("baseUrl").asText();
        NodeList urls = xml(out.resolve("sitemap.xml")).getElementsByTagName("url");
        Map<String, String> lastmod = new LinkedHashMap<>();
        for (int i = 0; i < urls.getLength(); i++) {
            org.w3c.dom.Element url = (org.w3c.dom.Element) urls.item(i);
            NodeList dates = url.getElementsByTagName("lastmod");
            lastmod.put(url.getElementsByTagName("loc").item(0).getTextContent().substring(host.length()),
                    dates.getLength() == 0 ? null : dates.item(0).getTextContent());
        }

        // then a content page carries its date= header, a point its send date, a round its newest point's
        assertThat(lastmod).containsEntry("/about.html", "2026-11-29")
                .containsEntry("/points/2026-2/01-getting-to-know-you.html", "2026-07-13");
        String newestOfRound = pages.get("points/2026-2/index.html").select("ol.cards time").first().attr("datetime");
        assertThat(lastmod).containsEntry("/points/2026-2/index.html", newestOfRound);
        assertThat(lastmod.values()).filteredOn(java.util.Objects::nonNull)
                .allMatch(date -> date.matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void pages_link_stylesheets_scripts_and_the_icon_by_fingerprinted_names_of_their_contents() throws IOException {
        // given
        Document home = pages.get("index.html");
        String stylesheet = home.select("link[rel=stylesheet]").first().attr("href");
        String script = pages.get("signup.html").select("script[src^=/js/]").attr("src");

        // then the name holds the first 8 hex digits of the SHA-256 of the file's contents
        assertThat(stylesheet).matches("/css/site\\.[0-9a-f]{8}\\.css");
        assertThat(script).matches("/js/signup\\.[0-9a-f]{8}\\.js");
        assertThat(home.select("link[rel=icon]").attr("href")).matches("/favicon\\.[0-9a-f]{8}\\.svg");
        byte[] css = Files.readAllBytes(site.resolve("assets/css/site.css"));
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(css));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        assertThat(stylesheet).isEqualTo("/css/site." + hash.substring(0, 8) + ".css");
        assertThat(target(stylesheet)).hasBinaryContent(css);
        // the plain name stays for the API's own pages, which are not baked
        assertThat(out.resolve("css/site.css")).hasBinaryContent(css);
        assertThat(pages.values()).allSatisfy(page -> assertThat(page.select("link[href=/css/site.css], "
                + "script[src=/js/signup.js], script[src=/js/search.js]")).isEmpty());
    }

    @Test
    void no_page_links_to_a_missing_page_or_asset() {
        // given every baked page
        Set<String> broken = new TreeSet<>();

        // when every internal href and src is resolved against the baked folder
        pages.forEach((name, doc) -> {
            for (Element el : doc.select("a[href], link[href], script[src], img[src]")) {
                String ref = el.hasAttr("href") ? el.attr("href") : el.attr("src");
                if (ref.startsWith("http") || ref.startsWith("mailto:") || ref.startsWith("#") || ref.startsWith("/api/")) {
                    continue;
                }
                String path = ref.replaceAll("[#?].*$", "");
                Path target = path.startsWith("/") ? target(path) : out.resolve(name).getParent().resolve(path);
                if (!Files.isRegularFile(target)) {
                    broken.add(name + " -> " + ref);
                }
            }
        });

        // then none is broken
        assertThat(pages).hasSizeGreaterThan(250);
        assertThat(broken).isEmpty();
    }

    @Test
    void feed_and_sitemap_are_well_formed_xml() throws Exception {
        // when both are parsed as XML
        org.w3c.dom.Document feed = xml(out.resolve("feed.xml"));
        org.w3c.dom.Document sitemap = xml(out.resolve("sitemap.xml"));

        // then the feed is Atom with one entry per discussion point out today (at most 50)
        assertThat(feed.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getDocumentElement().getLocalName()).isEqualTo("feed");
        int visible = pages.get("points/index.html").select("ol.cards > li").size();
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength())
                .isEqualTo(Math.min(50, visible)).isPositive();
        assertThat(sitemap.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
    }

    @Test
    void every_country_in_the_data_file_has_its_page() throws IOException {
        // given the countries data file
        List<Map<String, Object>> countries = yamlList("countries.yml", "countries");

        // then each has a page naming it, and the index links to it under its region
        assertThat(countries).hasSizeGreaterThanOrEqualTo(249);
        Document index = pages.get("countries/index.html");
        for (Map<String, Object> country : countries) {
            String code = String.valueOf(country.get("code")).toLowerCase();
            Document page = pages.get("countries/" + code + ".html");
            assertThat(page).as("page of %s", code).isNotNull();
            assertThat(page.selectFirst("h1").text()).isEqualTo(String.valueOf(country.get("name")));
            Element region = index.getElementById(SiteModel.slug(String.valueOf(country.get("region")))).parent();
            assertThat(region.select("a[href=\"/countries/" + code + ".html\"]")).as("index entry of %s", code).hasSize(1);
        }
        assertThat(report.countries()).isEqualTo(countries.size());
    }

    @Test
    void the_manifest_lists_every_published_point_with_its_round_date_and_title() throws IOException {
        // given every published point file's header
        Map<String, Map<String, String>> expected = new HashMap<>();
        try (Stream<Path> files = Files.walk(site.resolve("content/points"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Map<String, String> header = header(file);
                if ("published".equals(header.get("status"))) {
                    String name = file.getFileName().toString();
                    expected.put(header.get("round") + "/" + name.substring(0, name.length() - 3), header);
                }
            }
        }

        // when the manifest is read
        JsonNode points = manifest().get("discussionPoints");

        // then it has exactly those points, sorted by send date, with their round, date, title and body
        assertThat(points).hasSize(expected.size());
        assertThat(report.points()).isEqualTo(expected.size());
        String previous = "";
        for (JsonNode point : points) {
            Map<String, String> header = expected.get(point.get("round").asText() + "/" + point.get("slug").asText());
            assertThat(header).as("point %s", point.get("slug")).isNotNull();
            assertThat(point.get("title").asText()).isEqualTo(header.get("title"));
            assertThat(point.get("sendDate").asText()).isEqualTo(header.get("date"));
            assertThat(point.get("summary").asText()).isEqualTo(header.get("summary"));
            assertThat(point.get("url").asText()).isEqualTo("/points/" + point.get("round").asText() + "/"
                    + point.get("slug").asText() + ".html");
            assertThat(point.get("html").asText()).startsWith("<");
            assertThat(point.get("sendDate").asText()).isGreaterThanOrEqualTo(previous);
            previous = point.get("sendDate").asText();
        }
    }

    @Test
    void the_manifest_rounds_and_countries_match_the_data_files() throws IOException {
        // given the rounds and countries data files
        List<Map<String, Object>> rounds = yamlList("rounds.yml", "rounds");
        List<Map<String, Object>> countries = yamlList("countries.yml", "countries");

        // when the manifest is read
        JsonNode manifest = manifest();

        // then every round is there with the same dates and cap, and every country with its region
        assertThat(manifest.get("version").asInt()).isEqualTo(1);
        assertThat(manifest.get("rounds")).hasSize(rounds.size());
        for (Map<String, Object> round : rounds) {
            JsonNode published = find(manifest.get("rounds"), "id", String.valueOf(round.get("id")));
            assertThat(published.get("title").asText()).isEqualTo(round.get("title"));
            assertThat(published.get("opens").asText()).isEqualTo(iso(round.get("opens")));
            assertThat(published.get("closes").asText()).isEqualTo(iso(round.get("closes")));
            assertThat(published.get("matchDate").asText()).isEqualTo(iso(round.get("matchDate")));
            assertThat(published.get("countryCapPercent").asInt()).isEqualTo(round.get("countryCapPercent"));
        }
        assertThat(manifest.get("countries")).hasSize(countries.size());
        // and each country's coordinators with exactly the public name and role contact of
        // countries.yml (shown on the country's page already), nothing else of theirs
        for (Map<String, Object> country : countries) {
            JsonNode published = find(manifest.get("countries"), "code", String.valueOf(country.get("code")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> roster = (List<Map<String, Object>>) country.get("coordinators");
            assertThat(published.get("coordinators")).hasSize(roster.size());
            for (int i = 0; i < roster.size(); i++) {
                JsonNode c = published.get("coordinators").get(i);
                assertThat(c.fieldNames()).toIterable().containsExactly("name", "contact");
                assertThat(c.get("contact").asText()).isEqualTo(roster.get(i).get("contact"));
            }
        }
        assertThat(manifest.get("choices").fieldNames()).toIterable()
                .containsExactly("sectors", "careerStages", "interests", "languages", "timeZones", "heardFrom");
        assertThat(manifest.get("choices").get("languages").get(0).fieldNames()).toIterable()
                .containsExactly("code", "name");
    }

    @Test
    void without_figures_the_statistics_and_country_pages_say_there_are_none_yet() {
        // given a bake with no figures document (no nightly count has run): no hand-typed counts either
        assertThat(site.resolve("data/participation.yml")).doesNotExist();

        // then the pages say so, in each language, and show no table of numbers
        for (String page : List.of("statistics.html", "countries/au.html", "es/statistics.html", "ar/countries/au.html")) {
            Document doc = pages.get(page);
            assertThat(doc).as(page).isNotNull();
            assertThat(doc.select("table.figures")).as(page).isEmpty();
        }
        assertThat(pages.get("statistics.html").select("main").text()).contains("There are no figures yet");
        assertThat(pages.get("countries/au.html").select("main").text()).contains("There are no figures yet");
    }

    @Test
    void the_volunteer_form_posts_every_field_the_api_validates_without_javascript_in_every_language() {
        for (String language : List.of("", "es/", "ar/")) {
            // given the volunteer page of this language
            Document page = pages.get(language + "volunteer.html");
            Element form = page.selectFirst("form#volunteer");

            // then it posts to the API with the fields the API names, its language, and no script
            assertThat(form).as(language).isNotNull();
            assertThat(form.attr("action")).isEqualTo("/api/volunteer");
            assertThat(form.attr("method")).isEqualTo("post");
            Set<String> names = new TreeSet<>(form.select("[name]").eachAttr("name"));
            assertThat(names).containsExactlyInAnyOrder("name", "email", "country", "languages", "why", "hours",
                    "consent", "language", "website");
            assertThat(form.selectFirst("input[name=language]").val()).isEqualTo(language.isEmpty() ? "en" : language.substring(0, 2));
            assertThat(form.select("textarea#why").attr("maxlength")).isEqualTo("2000");
            assertThat(page.select("script[src*=signup]")).isEmpty();
            for (Element field : form.select("input:not([type=hidden]):not(#website), select, textarea")) {
                assertThat(page.select("label[for=" + field.id() + "]")).as(language + field.id()).hasSize(1);
            }
        }
        assertThat(pages.get("volunteer.html").select("main").text()).doesNotContain("team@example.org");
        assertThat(pages.get("es/volunteer-sent.html").select("h1").text()).contains("Revise su correo");
    }

    @Test
    void the_manifest_describes_countries_by_code_name_and_region_only() throws IOException {
        for (JsonNode country : manifest().get("countries")) {
            assertThat(country.fieldNames()).toIterable().containsExactly("code", "name", "region", "coordinators");
        }
    }

    @Test
    void every_page_has_a_language_a_title_a_skip_link_and_one_main_heading() {
        pages.forEach((name, doc) -> {
            // English at the root, Spanish and Arabic under es/ and ar/ (EditionsTest checks them further)
            String language = name.startsWith("es/") ? "es" : name.startsWith("ar/") ? "ar" : "en";
            assertThat(doc.selectFirst("html").attr("lang")).as(name).isEqualTo(language);
            assertThat(doc.title()).as(name).isNotBlank();
            assertThat(doc.select("a.skip-link[href=#main]")).as(name).hasSize(1);
            assertThat(doc.select("main#main")).as(name).hasSize(1);
            assertThat(doc.select("h1")).as(name).hasSize(1);
            assertThat(doc.select("meta[property=og:title]")).as(name).hasSize(1);
            assertThat(doc.select("meta[name=viewport]")).as(name).hasSize(1);
        });
    }

    @Test
    void ids_are_unique_and_every_aria_reference_names_an_element_on_the_page() {
        pages.forEach((name, doc) -> {
            Set<String> ids = new TreeSet<>();
            for (Element el : doc.select("[id]")) {
                assertThat(ids.add(el.id())).as(name + " has one #" + el.id()).isTrue();
            }
            for (Element el : doc.select("[aria-describedby], [aria-labelledby]")) {
                String refs = el.attr("aria-describedby") + " " + el.attr("aria-labelledby");
                for (String ref : refs.trim().split("\\s+")) {
                    assertThat(ids).as(name + ": " + el.tagName() + " refers to #" + ref).contains(ref);
                }
            }
        });
    }

    @Test
    void the_signup_form_posts_every_field_the_api_validates() {
        // given the signup page
        Document signup = pages.get("signup.html");
        Element form = signup.selectFirst("form#signup");

        // then it posts a plain form to the API, with every named field
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/api/signup");
        for (String field : List.of("givenName", "familyName", "email", "country", "timezone", "languages", "sector",
                "role", "careerStage", "interests", "preferSector", "preferCareerStage", "preferRegions",
                "excludeCountries", "openToAny", "maxPartners", "consentPrivacy", "consentShare", "heardFrom",
                "website")) {
            assertThat(form.select("[name=" + field + "]")).as(field).isNotEmpty();
            if (!field.equals("website")) {
                assertThat(form.select("#error-" + field)).as("error slot of " + field).hasSize(1);
            }
        }
        // and every control has a label, choices come from the data files, the honeypot is hidden
        for (Element control : form.select("input:not([type=hidden]), select")) {
            assertThat(form.select("label[for=" + control.id() + "]")).as(control.id()).hasSize(1);
        }
        assertThat(form.select("select#country option[value]")).hasSize(report.countries() + 1);
        // long lists are grouped (countries by the regions of countries.yml), none left ungrouped
        for (Element select : form.select("select")) {
            if (select.select("option").size() > 20) {
                assertThat(select.select("> option[value~=.]")).as("ungrouped options of #%s", select.id()).isEmpty();
                assertThat(select.select("> optgroup")).as("groups of #%s", select.id()).hasSizeGreaterThan(1);
            }
        }
        for (String list : List.of("country", "excludeCountries")) {
            assertThat(form.select("select#" + list + " > optgroup").eachAttr("label"))
                    .containsExactlyElementsOf(((List<?>) yamlList("countries.yml", "regions")).stream().map(String::valueOf).toList());
        }
        assertThat(form.select("select#excludeCountries option")).hasSize(report.countries());
        assertThat(form.select("input[name=interests]")).hasSize(yamlList("interests.yml", "interests").size());
        Element honeypot = form.selectFirst("input[name=website]");
        assertThat(honeypot.attr("tabindex")).isEqualTo("-1");
        assertThat(honeypot.parent().attr("aria-hidden")).isEqualTo("true");
        assertThat(form.select("[name=formStartedAt]")).as("set by signup.js only").isEmpty();
        assertThat(form.selectFirst("label[for=consentPrivacy] a").attr("href")).isEqualTo("/privacy.html");
        // and each language's form posts its language, so the answer page and the mail are in it
        assertThat(form.selectFirst("input[type=hidden][name=language]").val()).isEqualTo("en");
        for (String language : List.of("es", "ar")) {
            assertThat(pages.get(language + "/signup.html").selectFirst("form#signup input[type=hidden][name=language]").val())
                    .as(language).isEqualTo(language);
        }
    }

    @Test
    void robots_txt_points_to_the_sitemap_and_the_404_page_is_not_indexed() throws IOException {
        String host = manifest().get("baseUrl").asText();
        assertThat(Files.readString(out.resolve("robots.txt"))).contains("Sitemap: " + host + "/sitemap.xml");
        assertThat(pages.get("404.html").select("meta[name=robots][content=noindex]")).hasSize(1);
        assertThat(pages.get("check-your-email.html").select("meta[name=robots][content=noindex]")).hasSize(1);
    }

    @Test
    void the_search_page_works_without_javascript_and_says_whether_search_is_available() {
        Document search = pages.get("search.html");
        assertThat(search.select("a[href=\"/points/index.html\"]")).isNotEmpty();
        assertThat(search.select("a[href=\"/points/tags/index.html\"]")).isNotEmpty();
        if (report.searchIndexed()) {
            assertThat(out.resolve("pagefind/pagefind-ui.js")).exists();
            assertThat(search.select("script[src=/pagefind/pagefind-ui.js]")).hasSize(1);
        } else {
            assertThat(search.selectFirst("p.notice").text()).contains("Search is unavailable");
            assertThat(search.select("script")).isEmpty();
        }
    }

    @Test
    void the_home_page_shows_where_the_current_round_stands() {
        Element status = pages.get("index.html").selectFirst("section.status");
        assertThat(status).isNotNull();
        assertThat(status.className()).matches("status status-(open|matching|running|next|none)");
        assertThat(status.selectFirst("h2").text()).isNotBlank();
    }

    @Test
    void every_discussion_point_page_is_marked_for_the_search_index_and_nothing_else_is() {
        pages.forEach((name, doc) -> {
            String page = name.replaceFirst("^(es|ar)/", "");
            boolean point = page.matches("points/[^/]+/[^/]+\\.html") && !page.endsWith("/index.html")
                    && !page.startsWith("points/tags/");
            assertThat(doc.select("[data-pagefind-body]")).as(name).hasSize(point ? 1 : 0);
        });
    }

    private static Path target(String sitePath) {
        String path = sitePath.startsWith("/") ? sitePath.substring(1) : sitePath;
        if (path.isEmpty() || path.endsWith("/")) {
            path += "index.html";
        }
        return out.resolve(path);
    }

    private static JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(out.resolve("programme.json").toFile());
    }

    private static JsonNode find(JsonNode list, String key, String value) {
        for (JsonNode node : list) {
            if (value.equals(node.get(key).asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + key + "=" + value + " in " + list);
    }

    private static org.w3c.dom.Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yamlList(String file, String key) {
        try (Reader in = Files.newBufferedReader(site.resolve("data").resolve(file), StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) root.get(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String iso(Object yamlDate) {
        return yamlDate instanceof java.util.Date d
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
                : String.valueOf(yamlDate);
    }

    private static Map<String, String> header(Path file) throws IOException {
        Map<String, String> header = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.strip().equals("~~~~~~")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                header.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return header;
    }
}
