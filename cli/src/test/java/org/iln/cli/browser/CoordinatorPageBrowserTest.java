package org.iln.cli.browser;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.iln.cli.Checkout;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.json.Json;
import org.iln.localaws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The coordinator page in a real browser without JavaScript, with axe checking it: the programme
 * team opens it from the draft mail of the night after applications close, holds a proposed
 * partnership and approves the draft. Its own `./iln dev` and emulator, since the nights it runs
 * move the programme clock past the open round that the other browser tests sign up to.
 */
class CoordinatorPageBrowserTest {

    private static final Clock DURING_APPLICATIONS = Clock.offset(Clock.systemUTC(), java.time.Duration.between(
            Instant.now(), LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC)));

    @TempDir
    static Path bakeDir;

    private static MotoServer moto;
    private static DevServer server;
    private static ChromeDriver withoutJs;
    private static ChromeDriver checker;
    private static String axe;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        moto = MotoServer.start();
        server = DevServer.start(Checkout.find(null, Path.of("")).orElseThrow().siteDir(), bakeDir, 0,
                new PrintWriter(new StringWriter()),
                LocalAws.emulatorAt(moto.endpoint(), LocalAws.LOCAL_TABLE, MotoServer.REGION), DURING_APPLICATIONS,
                DevServer.LOCAL_MAIL_FROM);
        axe = Browser.axeSource();
        withoutJs = Browser.start(false);
        checker = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        if (withoutJs != null) {
            withoutJs.quit();
        }
        if (checker != null) {
            checker.quit();
        }
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void without_javascript_the_team_opens_the_draft_from_its_mail_holds_a_pair_and_approves() throws Exception {
        // given: the night after applications close
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> night = http.send(HttpRequest.newBuilder(URI.create(server.url() + "_dev/run/nightly?date=2026-12-15"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(night.statusCode()).as(night.body()).isEqualTo(200);

        // when: the page link of the draft mail to the programme team
        withoutJs.get(draftLink(http));

        // then
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("waiting");
        List<?> rows = withoutJs.findElements(By.cssSelector("#draft-rows tbody tr"));
        assertThat(rows).hasSize(4);
        assertNoAxeViolations("the coordinator page");

        // when: a partnership is held (a form post without JavaScript, answered 303 back to the page)
        withoutJs.findElement(By.cssSelector("#draft-rows tbody tr button")).click();

        // then
        assertThat(withoutJs.getCurrentUrl()).contains("done=held");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("held");
        assertThat(withoutJs.findElement(By.id("actions")).getText()).contains("hold");
        assertNoAxeViolations("the coordinator page after a hold");

        // when: the draft is approved
        withoutJs.findElement(By.xpath("//button[contains(., 'Approve this draft')]")).click();

        // then
        assertThat(withoutJs.findElement(By.id("draft-state")).getAttribute("data-state")).isEqualTo("approved");
        assertNoAxeViolations("the coordinator page after approval");
    }

    private static String draftLink(HttpClient http) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(server.url() + "_dev/mail.json?to=team@example.org"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode mail : Json.newMapper().readTree(body).path("messages")) {
            for (JsonNode link : mail.path("links")) {
                if (link.asText().contains("/api/coordinate?token=")) {
                    return link.asText();
                }
            }
        }
        throw new AssertionError("no coordinator page link in the team's mail: " + body);
    }

    private static void assertNoAxeViolations(String what) {
        // A GET changes nothing, so opening the same address again shows the same page.
        checker.get(withoutJs.getCurrentUrl());
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) checker.executeAsyncScript(axe
                + "\n;var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(function (r) { done({violations: r.violations.map(function (v) { return {id: v.id,"
                + " help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })}); })"
                + ".catch(function (e) { done({error: String(e)}); });", Browser.WCAG_TAGS);
        assertThat(results.get("error")).as("axe ran").isNull();
        assertThat((List<?>) results.get("violations")).as("WCAG 2.2 A/AA violations on %s", what).isEmpty();
    }
}
