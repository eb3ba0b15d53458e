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
import org.iln.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The volunteer form in a real browser without JavaScript, against a real `./iln dev`: answers
 * the server refuses are named field by field, a valid offer is answered with a 303 to the
 * check-your-email page, and the confirmation mail is in the dev mail viewer; axe checks each page.
 */
@ExtendWith(RunningProgramme.class)
class VolunteerFormTest {

    private static ChromeDriver withoutJs;
    /** Runs axe (its timers need JavaScript) on what the browser without it was shown. */
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
    void without_javascript_bad_answers_are_named_by_field_then_a_valid_offer_is_confirmed_by_mail() {
        String email = "volunteer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        // given the volunteer page, checked by axe
        withoutJs.get(RunningProgramme.url("/volunteer.html"));
        assertThat(withoutJs.findElements(By.cssSelector("form#volunteer[action='/api/volunteer'][method=post]"))).hasSize(1);
        assertNoAxeViolations("/volunteer.html");

        // when: answers the browser lets through but the programme refuses (blank name and reasons, an address without a domain)
        fill(" ", "someone@localhost", " ");
        withoutJs.findElement(By.cssSelector("#volunteer button[type=submit]")).click();

        // then: one page names every field to correct, by its label
        new WebDriverWait(withoutJs, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/api/volunteer"));
        String errors = withoutJs.findElement(By.tagName("main")).getText();
        assertThat(errors).contains("Your name", "Email address", "Why you would like to volunteer")
                .doesNotContain("Hours a month", "someone@localhost");

        // when: the form is filled in properly and sent
        withoutJs.get(RunningProgramme.url("/volunteer.html"));
        fill("Amina Diallo", email, "I edit our association's newsletter.");
        withoutJs.findElement(By.cssSelector("#volunteer button[type=submit]")).click();

        // then: 303 to the check-your-email page, and the confirmation mail in the mail viewer
        Browser.waitFor(withoutJs, "volunteer-sent");
        assertNoAxeViolations("/volunteer-sent.html");
        String confirm = mailLink(email, "confirm your offer", "/api/volunteer/confirm");

        // when: the link is followed
        withoutJs.get(confirm);

        // then: thanked, and the offer has gone to the programme team
        Browser.waitFor(withoutJs, "volunteer-confirmed");
        assertNoAxeViolations("/volunteer-confirmed.html");
        assertThat(RunningProgramme.server().aws().isPresent()).isTrue();
        JsonNode toTeam = new WebDriverWait(withoutJs, Duration.ofSeconds(15))
                .until(d -> mailContaining("A new Country Coordinator volunteer", email).orElse(null));
        assertThat(toTeam.path("text").asText()).contains("Amina Diallo", "Kenya (KE)", "newsletter");
    }

    private static void fill(String name, String email, String why) {
        withoutJs.findElement(By.id("name")).sendKeys(name);
        withoutJs.findElement(By.id("email")).sendKeys(email);
        new Select(withoutJs.findElement(By.id("country"))).selectByValue("KE");
        new Select(withoutJs.findElement(By.id("languages"))).selectByValue("en");
        withoutJs.findElement(By.id("why")).sendKeys(why);
        withoutJs.findElement(By.id("hours")).sendKeys("4");
        withoutJs.findElement(By.id("consent")).click();
    }

    private static void assertNoAxeViolations(String path) {
        checker.get(RunningProgramme.url(path));
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) checker.executeAsyncScript(axe
                + "\n;var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(function (r) { done({violations: r.violations.map(function (v) { return {id: v.id,"
                + " help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })}); })"
                + ".catch(function (e) { done({error: String(e)}); });", Browser.WCAG_TAGS);
        assertThat(results.get("error")).as("axe ran").isNull();
        assertThat((List<?>) results.get("violations")).as("WCAG 2.2 A/AA violations on %s", path).isEmpty();
    }

    /** The first link to {@code apiPath} in the newest mail to {@code email} whose subject has {@code subject}. */
    private static String mailLink(String email, String subject, String apiPath) {
        return new WebDriverWait(withoutJs, Duration.ofSeconds(15)).until(d -> messages().stream()
                .filter(m -> m.path("to").asText().contains(email) && m.path("subject").asText().contains(subject))
                .flatMap(m -> java.util.stream.StreamSupport.stream(m.path("links").spliterator(), false))
                .map(JsonNode::asText).filter(l -> l.contains(apiPath)).findFirst().orElse(null));
    }

    private static Optional<JsonNode> mailContaining(String subject, String text) {
        return messages().stream().filter(m -> m.path("subject").asText().contains(subject)
                && m.toString().contains(text)).findFirst();
    }

    private static List<JsonNode> messages() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(RunningProgramme.url("/_dev/mail.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> all = new java.util.ArrayList<>();
            Json.newMapper().readTree(response.body()).path("messages").forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new AssertionError("the mail viewer did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
