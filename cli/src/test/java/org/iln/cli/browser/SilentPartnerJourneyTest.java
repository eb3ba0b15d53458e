package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.iln.json.Json;
import org.iln.store.Application;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "My partner hasn't replied" in a real browser without JavaScript, against a real `./iln dev`:
 * matched, a week later the person tells us from their page, the partner's nudge arrives with the
 * next dispatch, and the partner's "I'm still here" keeps the pair through the nights after; axe
 * checks each page.
 */
@ExtendWith(RunningProgramme.class)
class SilentPartnerJourneyTest {

    private static ChromeDriver withoutJs;
    private static ChromeDriver checker;
    private static String axe;

    @BeforeAll
    static void browser() throws IOException {
        axe = Browser.axeSource();
        withoutJs = Browser.start(false);
        checker = Browser.start(true);
    }

    @AfterEach
    void no_csp_violation() {
        Browser.assertNoCspViolation(withoutJs);
        Browser.assertNoCspViolation(checker);
    }

    @AfterAll
    static void quit() {
        if (withoutJs != null) {
            withoutJs.quit();
        }
        if (checker != null) {
            checker.quit();
        }
    }

    @Test
    void a_week_after_matching_a_person_reports_silence_and_the_partners_i_m_still_here_keeps_the_pair() {
        // given: signed up, confirmed and matched (with one of the demo participants)
        String email = "browser-silent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(mailLink(email, "Please confirm", "/api/confirm"));
        Browser.waitFor(withoutJs, "confirmed");
        assertThat(post("/_dev/run/matching").body()).startsWith("ran matching");
        String page = mailLink(email, "Meet your", "/api/me?");
        LocalDate matchDate = RunningProgramme.round().matchDate();

        // when: a week later, the page from the introduction
        assertThat(post("/_dev/run/nightly?date=" + matchDate.plusDays(7)).statusCode()).isEqualTo(200);
        withoutJs.get(page);

        // then
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("MATCHED");
        assertNoAxeViolations("the matched page with the no-reply button");

        // when: "my partner hasn't replied"
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/no-reply')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=nudged");
        assertThat(withoutJs.findElement(By.id("nudge-reported")).getText()).contains("We have written to them");
        post("/_dev/run/dispatch");
        String stillHere = mailLink(null, "Are you still there?", "ask=still-here");

        // when: the partner follows the nudge's link and answers
        withoutJs.get(stillHere);
        assertThat(withoutJs.findElement(By.id("still-here-title")).getText()).contains("still here");
        assertNoAxeViolations("the partner's page asking whether they are still here");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/still-here')]//button")).click();

        // then: the pair stays through the nights after the nudge's due day
        Browser.waitFor(withoutJs, "done=still-here");
        assertThat(post("/_dev/run/nightly?date=" + matchDate.plusDays(13)).statusCode()).isEqualTo(200);
        assertThat(statusOf(email)).isEqualTo(Application.Status.MATCHED);
        assertThat(mail(null, "Your International Librarians Network partnership has ended")).isEmpty();
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

    /** The first link holding {@code part} in the newest mail (to {@code email}, or anyone) whose subject has {@code subject}. */
    private static String mailLink(String email, String subject, String part) {
        return new WebDriverWait(withoutJs, Duration.ofSeconds(15)).until(d -> mail(email, subject)
                .flatMap(m -> {
                    for (JsonNode link : m.path("links")) {
                        if (link.asText().contains(part)) {
                            return Optional.of(link.asText());
                        }
                    }
                    return Optional.empty();
                }).orElse(null));
    }

    private static Optional<JsonNode> mail(String email, String subject) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(RunningProgramme.url("/_dev/mail.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode newest = null;
            for (JsonNode m : Json.newMapper().readTree(response.body()).path("messages")) {
                if ((email == null || m.path("to").asText().contains(email))
                        && m.path("subject").asText().contains(subject)
                        && (newest == null || m.path("number").asInt() > newest.path("number").asInt())) {
                    newest = m;
                }
            }
            return Optional.ofNullable(newest);
        } catch (IOException e) {
            throw new AssertionError("the mail viewer did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static HttpResponse<String> post(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RunningProgramme.url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofMinutes(3))
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Application.Status statusOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::status).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }
}
