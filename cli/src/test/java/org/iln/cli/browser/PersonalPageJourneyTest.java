package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.iln.store.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The personal page in a real browser without JavaScript, against a real `./iln dev`: signed up
 * and confirmed, a person opens their page from the mail, updates an answer and withdraws, with
 * axe checking the page at each step.
 */
@ExtendWith(RunningProgramme.class)
class PersonalPageJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    @Test
    void without_javascript_a_person_opens_their_page_from_the_mail_updates_an_answer_and_withdraws() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: signed up and confirmed without JavaScript
        String email = "browser-page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Please confirm", "/api/confirm"));
        Browser.waitFor(withoutJs, "confirmed");

        // when: the page link in the "confirmed" mail
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "confirmed", "/api/me?"));

        // then
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("CONFIRMED");
        assertThat(withoutJs.findElement(By.tagName("h1")).getText()).contains(RunningProgramme.round().title());
        browsers.assertNoAxeViolations("the personal page");

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
        browsers.assertNoAxeViolations("the withdrawn page");
        assertThat(DevMail.ofRunningProgramme().newest(email, "You have withdrawn")).isPresent();
    }

    @Test
    void a_tampered_page_link_leads_to_the_page_for_dead_links_with_a_form_for_a_fresh_one() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // when
        withoutJs.get(RunningProgramme.url("/api/me?token=AAAAAAAAAAAAAAAAAAAAAA.4102444800.AAAAAAAAAAAAAAAAAAAAAA"));

        // then
        Browser.waitFor(withoutJs, "link-expired");
        assertThat(withoutJs.findElements(By.cssSelector("form[action='/api/me/link']"))).hasSize(1);
        browsers.assertNoAxeViolations("the page for dead links");

        // when: asking for a fresh link for an unknown address
        withoutJs.findElement(By.id("page-email")).sendKeys("nobody-" + UUID.randomUUID() + "@example.org");
        withoutJs.findElement(By.cssSelector("form[action='/api/me/link'] button")).click();

        // then: the same answer as for any address
        Browser.waitFor(withoutJs, "check-your-email");
    }

    private static Application application(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }

}
