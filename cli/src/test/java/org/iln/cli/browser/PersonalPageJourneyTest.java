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
import org.iln.store.Application;
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
 * The personal page in a real browser without JavaScript, against a real `./iln dev`: signed up
 * and confirmed, a person opens their page from the mail, updates an answer and withdraws, with
 * axe checking the page at each step.
 */
@ExtendWith(RunningProgramme.class)
class PersonalPageJourneyTest {

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
    void without_javascript_a_person_opens_their_page_from_the_mail_updates_an_answer_and_withdraws() {
        // given: signed up and confirmed without JavaScript
        String email = "browser-page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(mailLink(email, "Please confirm", "/api/confirm"));
        Browser.waitFor(withoutJs, "confirmed");

        // when: the page link in the "confirmed" mail
        withoutJs.get(mailLink(email, "confirmed", "/api/me?"));

        // then
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("CONFIRMED");
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.round().title());
        assertNoAxeViolations("the personal page");

        // when: an answer is changed and the form posted
        WebElement role = withoutJs.findElement(By.id("role"));
        role.clear();
        role.sendKeys("Data librarian");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/update')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=updated");
        assertThat(withoutJs.findElement(By.cssSelector("[role=status]")).getText()).contains("updated");
        assertThat(withoutJs.findElement(By.id("role")).getAttribute("value")).isEqualTo("Data librarian");
        assertThat(application(email).profile().role()).isEqualTo("Data librarian");

        // when: the withdraw box ticked and the form posted
        withoutJs.findElement(By.id("confirmWithdrawal")).click();
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/withdraw')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=withdrawn");
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("WITHDRAWN");
        assertThat(withoutJs.findElements(By.xpath("//form[contains(@action, '/api/me/')]"))).isEmpty();
        assertThat(application(email).status()).isEqualTo(Application.Status.WITHDRAWN);
        assertNoAxeViolations("the withdrawn page");
        assertThat(mail(email, "You have withdrawn")).isPresent();
    }

    @Test
    void a_tampered_page_link_leads_to_the_page_for_dead_links_with_a_form_for_a_fresh_one() {
        // when
        withoutJs.get(RunningProgramme.url("/api/me?token=AAAAAAAAAAAAAAAAAAAAAA.4102444800.AAAAAAAAAAAAAAAAAAAAAA"));

        // then
        Browser.waitFor(withoutJs, "link-expired");
        assertThat(withoutJs.findElements(By.cssSelector("form[action='/api/me/link']"))).hasSize(1);
        assertNoAxeViolations("the page for dead links");

        // when: asking for a fresh link for an unknown address
        withoutJs.findElement(By.id("page-email")).sendKeys("nobody-" + UUID.randomUUID() + "@example.org");
        withoutJs.findElement(By.cssSelector("form[action='/api/me/link'] button")).click();

        // then: the same answer as for any address
        Browser.waitFor(withoutJs, "check-your-email");
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
        return new WebDriverWait(withoutJs, Duration.ofSeconds(15)).until(d -> mail(email, subject)
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

    private static Application application(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }

}
