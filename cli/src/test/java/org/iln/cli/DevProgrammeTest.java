package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.json.Json;
import org.iln.store.ApplicationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./iln dev` with its API over moto, through plain HTTP (the browser tests cover the pages). */
class DevProgrammeTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static DevServer server;
    private static StringWriter log = new StringWriter();

    @BeforeAll
    static void start(@TempDir Path bakeDir) {
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        // A day when site/data/rounds.yml has round 2027-1 open for applications.
        Clock clock = Clock.fixed(LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(log),
                LocalAws.startMoto(new PrintWriter(log)), clock, DevServer.LOCAL_MAIL_FROM);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI at(String path) {
        return URI.create(server.url()).resolve(path);
    }

    @Test
    void demo_participants_are_confirmed_in_the_open_round_and_the_log_says_so() {
        // when
        LocalAws aws = server.aws().orElseThrow();
        var confirmed = new ApplicationStore(aws.clients().dynamo(), aws.table()).confirmedInRound("2027-1");

        // then
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(8);
        assertThat(confirmed).allSatisfy(a -> assertThat(a.profile().email()).endsWith("@example.org"));
        assertThat(log.toString()).contains("Demo: 8 fictional participants confirmed in Round 1, 2027");
    }

    @Test
    void a_get_to_the_api_reaches_the_handler_not_the_static_files() throws Exception {
        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(at("/api/confirm?token=not-a-token")));

        // then
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("location")).hasValue("/link-expired.html");
    }

    @Test
    void a_signup_sends_a_confirmation_mail_whose_link_points_at_this_server() throws Exception {
        // given
        long started = Clock.systemUTC().millis();
        String body = "{\"givenName\":\"Ana\",\"email\":\"ana.dev-test@example.org\",\"country\":\"PT\",\"timezone\":\"Europe/Lisbon\","
                + "\"languages\":[\"en\",\"pt\"],\"sector\":\"public\",\"role\":\"Librarian\",\"careerStage\":\"early\","
                + "\"interests\":[\"advocacy\"],\"consentPrivacy\":true,\"consentShare\":true,\"website\":\"\"}";

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(at("/api/signup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        JsonNode mail = Json.newMapper().readTree(send(HttpRequest.newBuilder(at("/_dev/mail.json"))).body());

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode newest = mail.path("messages").get(0);
        assertThat(newest.path("to").asText()).contains("ana.dev-test@example.org");
        assertThat(newest.path("links").toString()).contains(server.url() + "api/confirm?token=");
        assertThat(started).isPositive();
    }

    @Test
    void the_mail_viewer_escapes_the_message_and_isolates_its_html() throws Exception {
        // when
        HttpResponse<String> page = send(HttpRequest.newBuilder(at("/_dev/mail")));

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script").contains("<h1>Sent mail</h1>");
        if (page.body().contains("<iframe")) {
            assertThat(page.body()).contains("sandbox=\"allow-popups allow-top-navigation-by-user-activation\" srcdoc=\"&lt;");
        }
    }

    @Test
    void an_unknown_job_is_refused_naming_the_jobs_there_are() throws Exception {
        // when
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(at("/_dev/run/matchng"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> cap = send(HttpRequest.newBuilder(at("/_dev/run/country-cap"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        // then
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("no such job: matchng").contains("country-cap", "matching", "dispatch");
        assertThat(cap.statusCode()).isEqualTo(200);
        assertThat(cap.body()).startsWith("ran country-cap");
    }

    @Test
    void the_figures_job_counts_the_emulators_rounds_and_the_site_is_rebaked_with_them() throws Exception {
        // given no figures yet
        assertThat(send(HttpRequest.newBuilder(at("/statistics.html"))).body()).contains("There are no figures yet");

        // when
        HttpResponse<String> run = send(HttpRequest.newBuilder(at("/_dev/run/figures"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        String statistics = send(HttpRequest.newBuilder(at("/statistics.html"))).body();

        // then: the open round's demo participants, each country's few shown as "fewer than 5", and nobody named
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).startsWith("ran figures").contains("re-baked with the new figures");
        assertThat(statistics).contains("Participation in Round 1, 2027, by country").contains("fewer than 5")
                .doesNotContain("There are no figures yet").doesNotContain("@example.org");
        assertThat(send(HttpRequest.newBuilder(at("/es/statistics.html"))).body()).contains("menos de 5");
    }
}
