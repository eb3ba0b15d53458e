package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.iln.store.Application;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person's way through the programme in a real browser, against a real `./iln dev`. */
@ExtendWith(RunningProgramme.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignupJourneyTest {

    private static ChromeDriver withJs;
    private static ChromeDriver withoutJs;

    @BeforeAll
    static void browsers() {
        withJs = Browser.start(true);
        withoutJs = Browser.start(false);
    }

    @AfterEach
    void no_csp_violation() {
        Browser.assertNoCspViolation(withJs);
        Browser.assertNoCspViolation(withoutJs);
    }

    @AfterAll
    static void quit() {
        if (withJs != null) {
            withJs.quit();
        }
        if (withoutJs != null) {
            withoutJs.quit();
        }
    }

    @Test
    void signing_up_with_javascript_confirming_from_the_mail_viewer_and_unsubscribing_through_the_link() {
        // given
        String email = address("js");

        // when
        SignupForm.fillValid(withJs, email);
        actLikeAPerson(withJs);
        withJs.findElement(By.cssSelector("#signup button[type=submit]")).click();

        // then
        Browser.waitFor(withJs, "check-your-email");
        assertThat(withJs.findElement(By.tagName("h1")).getText()).containsIgnoringCase("email");

        // when: the confirmation link in the mail viewer
        clickMailLink(withJs, email, "Please confirm", "/api/confirm");

        // then
        Browser.waitFor(withJs, "confirmed");
        assertThat(statusOf(email)).isEqualTo(Application.Status.CONFIRMED);

        // when: the unsubscribe link in the "you are confirmed" mail
        clickMailLink(withJs, email, null, "/api/unsubscribe");
        // the answer's address has "unsubscribe" too: wait for the page to go first
        Browser.submitAndWaitFor(withJs, withJs.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")),
                "unsubscribe");

        // then
        assertThat(withJs.findElement(By.tagName("h1")).getText()).containsIgnoringCase("unsubscribed");
    }

    @Test
    void with_javascript_languages_and_countries_to_avoid_are_chosen_by_typing_and_the_keyboard() {
        // given
        String email = address("keys");
        SignupForm.fillValid(withJs, email);
        WebElement languages = withJs.findElement(By.id("languages-filter"));
        assertThat(withJs.findElement(By.id("languages")).isDisplayed()).as("the long list is replaced").isFalse();
        assertThat(withJs.findElement(By.cssSelector("label[for=languages-filter]")).getText()).contains("Languages");

        // when: type, Tab to the match, Space ticks it; then Enter ticks a country's only match
        languages.clear();
        languages.sendKeys("spani");
        new WebDriverWait(withJs, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("languages-status")).getText()
                .contains("1 match"));
        languages.sendKeys(Keys.TAB);
        withJs.switchTo().activeElement().sendKeys(Keys.SPACE);
        WebElement avoid = withJs.findElement(By.id("excludeCountries-filter"));
        avoid.sendKeys("Finland");
        avoid.sendKeys(Keys.ENTER);

        // then: both are listed as chosen, and the hidden lists (the form's fields) hold them
        assertThat(withJs.findElements(By.cssSelector("#languages-chosen-es:checked, #languages-chosen-en:checked")))
                .hasSize(2);
        assertThat(withJs.findElements(By.cssSelector("#excludeCountries-chosen-FI:checked"))).hasSize(1);
        assertThat(withJs.getCurrentUrl()).as("Enter did not send the form").contains("signup.html");

        // when
        actLikeAPerson(withJs);
        withJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withJs, "check-your-email");
        clickMailLink(withJs, email, "Please confirm", "/api/confirm");
        Browser.waitFor(withJs, "confirmed");

        // then the API received the same values as from the plain list
        Application application = RunningProgramme.confirmed().stream()
                .filter(a -> a.profile().email().equals(email)).findFirst().orElseThrow();
        assertThat(application.profile().languages()).containsExactlyInAnyOrder("en", "es");
        assertThat(application.profile().excludeCountries()).containsExactly("FI");
    }

    @Test
    void without_javascript_the_long_lists_are_plain_lists_grouped_by_region_or_letter() {
        // when
        withoutJs.get(RunningProgramme.url("/signup.html"));

        // then
        assertThat(withoutJs.findElements(By.id("languages-filter"))).isEmpty();
        for (String list : List.of("country", "excludeCountries")) {
            assertThat(withoutJs.findElements(By.cssSelector("#" + list + " > optgroup")))
                    .extracting(group -> group.getAttribute("label"))
                    .containsExactly("Africa", "Americas", "Asia", "Europe", "Oceania");
        }
        assertThat(withoutJs.findElements(By.cssSelector("#timezone > optgroup"))).extracting(g -> g.getAttribute("label"))
                .contains("Africa", "America", "Europe", "Pacific");
        assertThat(withoutJs.findElement(By.id("languages")).isDisplayed()).isTrue();
    }

    @Test
    void signing_up_without_javascript_posts_the_form_and_the_confirmation_link_works() {
        // given
        String email = address("nojs");

        // when
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();

        // then
        Browser.waitFor(withoutJs, "check-your-email");
        clickMailLink(withoutJs, email, "Please confirm", "/api/confirm");
        Browser.waitFor(withoutJs, "confirmed");
        assertThat(statusOf(email)).isEqualTo(Application.Status.CONFIRMED);
    }

    @Test
    void with_javascript_each_fields_error_appears_next_to_the_field() {
        // given: a form the browser's own checks let through but the API refuses
        withJs.get(RunningProgramme.url("/signup.html"));
        withJs.executeScript("document.getElementById('signup').noValidate = true");
        actLikeAPerson(withJs);
        withJs.findElement(By.id("email")).sendKeys("not an address");

        // when
        withJs.findElement(By.cssSelector("#signup button[type=submit]")).click();

        // then
        WebElement emailError = new WebDriverWait(withJs, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("error-email")).isDisplayed() ? d.findElement(By.id("error-email")) : null);
        assertThat(emailError.getText()).isNotBlank();
        for (String field : List.of("givenName", "country", "timezone", "languages", "sector", "careerStage",
                "consentPrivacy")) {
            WebElement slot = withJs.findElement(By.id("error-" + field));
            assertThat(slot.isDisplayed()).as("error shown next to %s", field).isTrue();
            assertThat(slot.getText()).as("error text for %s", field).isNotBlank();
        }
        assertThat(withJs.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(withJs.findElement(By.id("error-summary")).isDisplayed()).isTrue();
    }

    @Test
    void without_javascript_an_invalid_form_gets_the_apis_error_page_naming_each_field() {
        // given: the real form, its browser checks switched off (as in browsers without them), JavaScript off
        withoutJs.get(RunningProgramme.url("/signup.html"));
        withoutJs.executeScript("document.getElementById('signup').noValidate = true");
        assertThat(withoutJs.executeScript("return typeof window.fetch === 'function' && !!document.querySelector(\"[name='formStartedAt']\")"))
                .as("the page's own scripts did not run").isEqualTo(false);
        withoutJs.findElement(By.id("email")).sendKeys("not an address");

        // when
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();

        // then
        Browser.waitFor(withoutJs, "/api/signup");
        String text = withoutJs.findElement(By.tagName("body")).getText();
        assertThat(text).contains("Email address", "Given name", "Country");
        assertThat(withoutJs.findElements(By.cssSelector("a[href*='signup']"))).isNotEmpty();
    }

    @Test
    void the_dev_page_runs_a_registered_job_and_says_clearly_when_a_job_is_not_there_yet() {
        // when
        withJs.get(RunningProgramme.url("/_dev"));
        withJs.findElement(By.xpath("//form[@action='/_dev/run/country-cap']/button")).click();

        // then
        assertThat(jobAnswer(withJs, "country-cap")).startsWith("ran country-cap");
        HttpResponse<String> missing = post(RunningProgramme.url("/_dev/run/no-such-job"), "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no such job: no-such-job");
    }

    @Test
    @Order(Integer.MAX_VALUE) // matching moves the programme clock to the match date: applications close
    void after_signing_up_and_confirming_matching_sends_an_introduction_with_the_reasons() {
        // given
        String email = address("match");
        SignupForm.fillValid(withJs, email);
        actLikeAPerson(withJs);
        withJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withJs, "check-your-email");
        clickMailLink(withJs, email, "Please confirm", "/api/confirm");
        Browser.waitFor(withJs, "confirmed");

        // when: fails loudly if the job is not registered
        assertThat(RunningProgramme.server().jobs().job("matching")).as("the matching job is registered").isPresent();
        withJs.get(RunningProgramme.url("/_dev"));
        withJs.findElement(By.xpath("//form[@action='/_dev/run/matching']/button")).click();

        // then
        assertThat(jobAnswer(withJs, "matching")).startsWith("ran matching");
        withJs.get(mailViewer(email));
        WebElement intro = mailTo(withJs, email, "partner");
        intro.findElement(By.tagName("summary")).click(); // open the plain-text part
        assertThat(intro.getText()).contains("Why we paired you:", "Email:", "What we ask of you both");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The form is filled in milliseconds; a person takes longer, and the API quietly ignores bots. */
    private static void actLikeAPerson(ChromeDriver driver) {
        driver.executeScript("document.querySelector(\"[name='formStartedAt']\").value = String(Date.now() - 60000)");
    }

    private static String address(String tag) {
        return "browser-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** The dev page's answer to running a job: waited for, as the job takes what it takes. */
    private static String jobAnswer(ChromeDriver driver, String job) {
        Browser.waitFor(driver, "/_dev/run/" + job);
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("[role=status]")).stream().findFirst().orElse(null)).getText();
    }

    /** Opens the mail viewer and clicks the first link to {@code apiPath} in the newest mail to {@code email}. */
    private static void clickMailLink(ChromeDriver driver, String email, String subject, String apiPath) {
        WebElement mail = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            d.get(mailViewer(email));
            return d.findElements(By.cssSelector("article.mail")).stream()
                    .filter(a -> a.findElement(By.className("to")).getText().contains(email))
                    .filter(a -> a.findElements(By.xpath(".//ul[@class='links']//a[contains(@href, '" + apiPath + "?')]")).size() > 0)
                    .filter(a -> subject == null || a.findElement(By.tagName("h2")).getText().contains(subject))
                    .findFirst().orElse(null);
        });
        mail.findElement(By.xpath(".//ul[@class='links']//a[contains(@href, '" + apiPath + "?')]")).click();
    }

    /** The mail viewer's page of the mail to {@code email}: other tests' mail cannot push it off the first page. */
    private static String mailViewer(String email) {
        return RunningProgramme.url("/_dev/mail?to=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static WebElement mailTo(ChromeDriver driver, String email, String subjectPart) {
        return driver.findElements(By.cssSelector("article.mail")).stream()
                .filter(a -> a.findElement(By.className("to")).getText().contains(email))
                .filter(a -> a.findElement(By.tagName("h2")).getText().toLowerCase().contains(subjectPart))
                .findFirst().orElseThrow(() -> new AssertionError("no mail about '" + subjectPart + "' to " + email));
    }

    private static Application.Status statusOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::status).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }

    private static HttpResponse<String> post(String url, String form) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST " + url + " failed", e);
        }
    }
}
