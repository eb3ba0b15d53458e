package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IlnTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine iln = Iln.commandLine();
        iln.setOut(new PrintWriter(out, true));
        iln.setErr(new PrintWriter(err, true));
        return iln.execute(args);
    }

    @Test
    void help_lists_every_command() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("dev", "bake", "match");
    }

    @Test
    void an_unknown_command_fails_naming_it_on_stderr() {
        int exit = run("publish-everything");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "publish-everything");
    }

    @Test
    void bake_writes_the_site_and_its_manifest_into_the_folder_given(@TempDir Path out) {
        int exit = run("bake", "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("programme.json")).isRegularFile();
        assertThat(this.out.toString()).contains("Baking", out.toString());
    }

    @Test
    void bake_with_a_base_url_puts_the_deployed_address_in_links_the_feed_the_sitemap_and_the_manifest(
            @TempDir Path out) throws Exception {
        // when
        int exit = run("bake", "--out", out.toString(), "--base-url", "https://iln.example.net/");

        // then
        assertThat(exit).as(err.toString()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("programme.json").toFile())
                .get("baseUrl").asText()).isEqualTo("https://iln.example.net");
        assertThat(Files.readString(out.resolve("sitemap.xml"))).contains("<loc>https://iln.example.net/")
                .doesNotContain("librarians.example.org");
        assertThat(Files.readString(out.resolve("feed.xml"))).contains("https://iln.example.net/feed.xml")
                .doesNotContain("librarians.example.org");
        assertThat(Files.readString(out.resolve("index.html"))).contains("href=\"https://iln.example.net/");
    }

    @Test
    void bake_refuses_a_base_url_with_a_path_and_bakes_nothing(@TempDir Path out) {
        int exit = run("bake", "--out", out.resolve("site").toString(), "--base-url", "https://iln.example.net/site");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--base-url", "without a path", "https://iln.example.net/site");
        assertThat(out.resolve("site")).doesNotExist();
    }

    @Test
    void the_checkout_is_found_from_any_folder_inside_it(@TempDir Path elsewhere) throws Exception {
        Path root = Checkout.find(null, Path.of("")).orElseThrow().root();

        assertThat(Checkout.find(null, root.resolve("site/content"))).contains(new Checkout(root));
        assertThat(Checkout.find(root.toString(), elsewhere)).contains(new Checkout(root));
        Files.createDirectories(elsewhere.resolve("nothing-here"));
        assertThat(Checkout.find(elsewhere.toString(), elsewhere)).isEmpty();
    }

    @Test
    void dev_against_real_aws_is_refused_without_an_explicit_table_and_sender() {
        int exit = run("dev", "--aws-profile", "someone");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("REAL AWS", "--table", "--mail-from", "Nothing was touched");
    }

    @Test
    void run_without_a_dev_server_says_how_to_start_one() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = run("run", "matching", "--port", Integer.toString(port));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("No dev server answers on port " + port, "./iln dev");
    }
}
