package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.iln.store.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * "My partner hasn't replied" in a real browser without JavaScript, against a real `./iln dev`:
 * matched, a week later the person tells us from their page, the partner's nudge arrives with the
 * next dispatch, and the partner's "I'm still here" keeps the pair through the nights after; axe
 * checks each page.
 */
@ExtendWith(RunningProgramme.class)
class SilentPartnerJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    @Test
    void a_week_after_matching_a_person_reports_silence_and_the_partners_i_m_still_here_keeps_the_pair() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: signed up, confirmed and matched (with one of the demo participants)
        String email = "browser-silent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Please confirm", "/api/confirm"));
        Browser.waitFor(withoutJs, "confirmed");
        assertThat(RunningProgramme.run("matching", Optional.empty())).startsWith("ran matching");
        String page = DevMail.ofRunningProgramme().link(email, "Meet your", "/api/me?");
        LocalDate matchDate = RunningProgramme.round().matchDate();

        // when: a week later, the page from the introduction
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(7).toString()));
        withoutJs.get(page);

        // then
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("MATCHED");
        browsers.assertNoAxeViolations("the matched page with the no-reply button");

        // when: "my partner hasn't replied"
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/no-reply')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=nudged");
        assertThat(withoutJs.findElement(By.id("nudge-reported")).getText()).contains("We have written to them");
        RunningProgramme.run("dispatch", Optional.empty());
        String stillHere = DevMail.ofRunningProgramme().link(null, "Are you still there?", "ask=still-here");

        // when: the partner follows the nudge's link and answers
        withoutJs.get(stillHere);
        assertThat(withoutJs.findElement(By.id("still-here-title")).getText()).contains("still here");
        browsers.assertNoAxeViolations("the partner's page asking whether they are still here");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/still-here')]//button")).click();

        // then: the pair stays through the nights after the nudge's due day
        Browser.waitFor(withoutJs, "done=still-here");
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(13).toString()));
        assertThat(statusOf(email)).isEqualTo(Application.Status.MATCHED);
        assertThat(DevMail.ofRunningProgramme().newest(null, "Your International Librarians Network partnership has ended")).isEmpty();
    }

    private static Application.Status statusOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::status).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }
}
