package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iln.cli.dev.DevServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServerTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static DevServer server;

    @BeforeAll
    static void start(@TempDir Path bakeDir) {
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_home_page_is_served_with_the_reload_hook() throws Exception {
        HttpResponse<String> home = get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(home.body()).contains("<html", "/_dev/reload.js");
    }

    @Test
    void the_programme_manifest_is_served_as_json() throws Exception {
        HttpResponse<String> manifest = get("/programme.json");

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(manifest.body()).contains("\"rounds\"");
    }

    @Test
    void a_missing_page_gets_the_404_page() throws Exception {
        HttpResponse<String> missing = get("/no-such-page.html");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<html");
    }

    @Test
    void every_page_file_and_404_carries_the_production_security_headers_from_the_shared_definition() throws Exception {
        // given
        java.util.Map<String, String> production = org.iln.serving.ResponseHeaders.production().headers();
        String stylesheet = org.jsoup.Jsoup.parse(get("/").body()).select("link[rel=stylesheet]").first().attr("href");

        for (String path : java.util.List.of("/", "/signup.html", stylesheet, "/programme.json", "/no-such-page.html")) {
            // when
            HttpResponse<String> response = get(path);

            // then
            production.forEach((name, value) -> assertThat(response.headers().allValues(name))
                    .as("%s on %s", name, path).containsExactly(value));
        }
        assertThat(production.get("Content-Security-Policy")).contains("'wasm-unsafe-eval'");
    }

    @Test
    void fingerprinted_assets_are_cached_for_a_year_while_pages_and_the_manifest_are_revalidated() throws Exception {
        // given
        org.jsoup.nodes.Document home = org.jsoup.Jsoup.parse(get("/").body());
        String stylesheet = home.select("link[rel=stylesheet]").first().attr("href");
        String icon = home.select("link[rel=icon]").attr("href");

        // then
        assertThat(stylesheet).matches("/css/site\\.[0-9a-f]{8}\\.css");
        for (String asset : java.util.List.of(stylesheet, icon)) {
            assertThat(get(asset).headers().firstValue("Cache-Control")).as(asset)
                    .contains("public, max-age=31536000, immutable");
        }
        for (String page : java.util.List.of("/", "/signup.html", "/feed.xml", "/sitemap.xml", "/programme.json",
                "/css/site.css", "/no-such-page.html")) {
            assertThat(get(page).headers().firstValue("Cache-Control")).as(page).contains("no-cache");
        }
    }

    @Test
    void paths_that_climb_out_of_the_site_are_refused() throws Exception {
        // HttpClient normalises "..", so speak raw HTTP to send the path as an attacker would.
        for (String path : new String[] {"/../pom.xml", "/..%2f..%2fpom.xml", "/%2e%2e/%2e%2e/pom.xml", "/points/../../../etc/passwd"}) {
            String response = rawGet(path);
            assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("<project", "root:x:");
        }
    }

    @Test
    void an_edit_to_a_page_is_rebaked_and_served_without_a_restart(@TempDir Path copy, @TempDir Path bakeDir)
            throws Exception {
        Path siteDir = SiteCopies.copyOfTheSite(copy);
        try (DevServer edited = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()))) {
            Path about = siteDir.resolve("content/about.md");
            Files.writeString(about, Files.readString(about) + "\n\nAn edit made while the server runs.\n");

            String body = "";
            for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
                body = http.send(HttpRequest.newBuilder(URI.create(edited.url()).resolve("/about.html")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("An edit made while the server runs.")) {
                    break;
                }
            }
            assertThat(body).contains("An edit made while the server runs.");
        }
    }
    private static String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
