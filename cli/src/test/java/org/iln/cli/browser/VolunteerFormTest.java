package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    @Test
    void without_javascript_bad_answers_are_named_by_field_then_a_valid_offer_is_confirmed_by_mail() {
        ChromeDriver withoutJs = browsers.withoutJs();
        String email = "volunteer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        // given the volunteer page, checked by axe
        withoutJs.get(RunningProgramme.url("/volunteer.html"));
        assertThat(withoutJs.findElements(By.cssSelector("form#volunteer[action='/api/volunteer'][method=post]"))).hasSize(1);
        browsers.assertNoAxeViolationsAt(RunningProgramme.url("/volunteer.html"), "/volunteer.html");

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
        browsers.assertNoAxeViolationsAt(RunningProgramme.url("/volunteer-sent.html"), "/volunteer-sent.html");
        String confirm = DevMail.ofRunningProgramme().link(email, "confirm your offer", "/api/volunteer/confirm");

        // when: the link is followed
        withoutJs.get(confirm);

        // then: thanked, and the offer has gone to the programme team
        Browser.waitFor(withoutJs, "volunteer-confirmed");
        browsers.assertNoAxeViolationsAt(RunningProgramme.url("/volunteer-confirmed.html"), "/volunteer-confirmed.html");
        assertThat(RunningProgramme.server().aws().isPresent()).isTrue();
        JsonNode toTeam = DevMail.ofRunningProgramme().awaitContaining("A new Country Coordinator volunteer", email);
        assertThat(toTeam.path("text").asText()).contains("Amina Diallo", "Kenya (KE)", "newsletter");
    }

    private static void fill(String name, String email, String why) {
        ChromeDriver withoutJs = browsers.withoutJs();
        withoutJs.findElement(By.id("name")).sendKeys(name);
        withoutJs.findElement(By.id("email")).sendKeys(email);
        new Select(withoutJs.findElement(By.id("country"))).selectByValue("KE");
        new Select(withoutJs.findElement(By.id("languages"))).selectByValue("en");
        withoutJs.findElement(By.id("why")).sendKeys(why);
        withoutJs.findElement(By.id("hours")).sendKeys("4");
        withoutJs.findElement(By.id("consent")).click();
    }
}
