package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.iln.cli.dev.LocalAws;
import org.iln.json.Json;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The end of a round in a real browser without JavaScript, against a real `./iln dev`: a person
 * signed up and matched, the round's end night run with a date, the survey opened from the mail
 * viewer, answered and changed, then the next round joined from the same mail, with axe checking
 * each page.
 */
@ExtendWith(RunningProgramme.class)
class EndOfRoundJourneyTest {

    private static ChromeDriver withoutJs;
    /** Runs axe (its timers need JavaScript) on what the browser without it was shown: the pages have no script. */
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
    void without_javascript_a_person_answers_the_survey_changes_it_and_joins_the_next_round() {
        // given: signed up, confirmed and matched (with one of the demo participants)
        String email = "browser-end-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(mailLink(email, "Please confirm", "/api/confirm?"));
        Browser.waitFor(withoutJs, "confirmed");
        assertThat(run("matching", Optional.empty())).contains("ran matching");
        mailLink(email, "Meet your", "/api/me?");

        // when: the round's end night
        String ends = RunningProgramme.round().ends().toString();
        assertThat(run("nightly", Optional.of(ends))).contains("ran nightly");

        // then: the survey from the round-end mail
        withoutJs.get(mailLink(email, "Your round has ended", "/api/me/survey?"));
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.round().title());
        assertNoAxeViolations("the survey");

        // when: answered and sent
        withoutJs.findElement(By.id("met-a-few-times")).click();
        withoutJs.findElement(By.id("usefulness-4")).click();
        withoutJs.findElement(By.id("recommend-yes")).click();
        withoutJs.findElement(By.id("improve")).sendKeys("More time to talk");
        withoutJs.findElement(By.id("mayQuote-no")).click();
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey'] button")).click();

        // then
        Browser.waitFor(withoutJs, "done=saved");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("saved");
        assertThat(answers()).singleElement().satisfies(a -> assertThat(a.answer()).isEqualTo(new SurveyAnswer(
                SurveyAnswer.Met.A_FEW_TIMES, 4, SurveyAnswer.Recommend.YES, "More time to talk", false)));
        assertNoAxeViolations("the answered survey");

        // when: changed (a usefulness of 5, quoting allowed) and sent again
        withoutJs.findElement(By.id("usefulness-5")).click();
        withoutJs.findElement(By.id("mayQuote-yes")).click();
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/survey'] button")).click();

        // then: still one answer, changed
        Browser.waitFor(withoutJs, "done=saved");
        assertThat(answers()).singleElement().satisfies(a -> {
            assertThat(a.answer().usefulness()).isEqualTo(5);
            assertThat(a.answer().mayQuote()).isTrue();
        });

        // when: the next round opens and the person joins it from the same mail
        String nextOpens = RunningProgramme.nextRound().opens().toString();
        assertThat(run("nightly", Optional.of(nextOpens))).contains("ran nightly");
        withoutJs.get(mailLink(email, "Your round has ended", "/api/me/next-round?"));
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.nextRound().title());
        assertNoAxeViolations("the next-round page");
        withoutJs.findElement(By.cssSelector("form[action*='/api/me/next-round'] button")).click();

        // then: the usual confirmation mail for the next round
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(mailLink(email, "Please confirm", "/api/confirm?"));
        Browser.waitFor(withoutJs, "confirmed");
    }

    private static List<SurveyAnswer.Stored> answers() {
        LocalAws aws = RunningProgramme.server().aws().orElseThrow();
        return new SurveyStore(aws.clients().dynamo(), aws.table()).answers(RunningProgramme.round().id());
    }

    /** Runs a job of the dev server as the night of {@code date} (or now), as {@code ./iln run} does. */
    private static String run(String job, Optional<String> date) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            RunningProgramme.url("/_dev/run/" + job + date.map(d -> "?date=" + d).orElse(""))))
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("the dev server did not run " + job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
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

    /** The first link to {@code apiPath} in the newest mail to {@code email} whose subject has {@code subject}. */
    private static String mailLink(String email, String subject, String apiPath) {
        return new WebDriverWait(withoutJs, Duration.ofSeconds(30)).until(d -> mail(email, subject)
                .flatMap(m -> {
                    for (JsonNode link : m.path("links")) {
                        if (link.asText().contains(apiPath)) {
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
                if (m.path("to").asText().contains(email) && m.path("subject").asText().contains(subject)
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
}
