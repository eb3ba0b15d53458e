package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.iln.cli.dev.LocalAws;
import org.iln.round.CareStore;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * "My partner hasn't replied" in a real browser without JavaScript, against a real `./iln dev`:
 * matched, a week later the person tells us from their page, the partner's nudge arrives with the
 * next dispatch, and the partner's "I'm still here" keeps the pair through the nights after; each
 * move replayed (a double click, a resent request) changes nothing; the check-in arrives on its
 * night and its answer is stored once. Axe checks each page.
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
        String noReply = withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/no-reply')]"))
                .getAttribute("action");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/no-reply')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=nudged");
        assertThat(withoutJs.findElement(By.id("nudge-reported")).getText()).contains("We have written to them");
        // and: the report replayed (a double click, a resent request) nudges no one twice
        assertThat(RunningProgramme.replay(noReply, "").statusCode()).isEqualTo(303);
        RunningProgramme.run("dispatch", Optional.empty());
        String stillHere = DevMail.ofRunningProgramme().link(null, "Are you still there?", "ask=still-here");
        assertThat(DevMail.ofRunningProgramme().to(partnerOf(email)))
                .filteredOn(m -> m.path("subject").asText().contains("Are you still there?")).hasSize(1);

        // when: the partner follows the nudge's link and answers
        withoutJs.get(stillHere);
        assertThat(withoutJs.findElement(By.id("still-here-title")).getText()).contains("still here");
        browsers.assertNoAxeViolations("the partner's page asking whether they are still here");
        String stillHereAction = withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/still-here')]"))
                .getAttribute("action");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/still-here')]//button")).click();

        // then: the pair stays through the nights after the nudge's due day, the answer replayed changing nothing
        Browser.waitFor(withoutJs, "done=still-here");
        PartnershipStore.Pair answered = activePairOf(email);
        assertThat(answered.nudge()).hasValueSatisfying(n -> assertThat(n.answeredAt()).isPresent());
        assertThat(RunningProgramme.replay(stillHereAction, "").statusCode()).isEqualTo(303);
        assertThat(RunningProgramme.replay(noReply, "").statusCode()).isEqualTo(303);
        assertThat(activePairOf(email)).isEqualTo(answered);
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(13).toString()));
        assertThat(statusOf(email)).isEqualTo(Application.Status.MATCHED);
        assertThat(DevMail.ofRunningProgramme().newest(null, "Your International Librarians Network partnership has ended")).isEmpty();

        // when: the check-in night, and the reporter answers from the mail
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(14).toString()));
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Have you met your", "answer=yes"));
        assertThat(withoutJs.findElement(By.id("answer-yes")).isSelected()).isTrue();
        browsers.assertNoAxeViolations("the check-in answer from the mail");
        String checkIn = withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/check-in')]"))
                .getAttribute("action");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/check-in')]//button")).click();

        // then: one answer stored, and the answer replayed stores it once still
        Browser.waitFor(withoutJs, "done=checked-in");
        assertThat(RunningProgramme.replay(checkIn, "answer=yes").statusCode()).isEqualTo(303);
        assertThat(checkIns()).filteredOn(c -> c.participantId().equals(idOf(email))).singleElement()
                .satisfies(c -> assertThat(c.answer()).isEqualTo(CareStore.CheckInAnswer.MET));
    }

    private static List<CareStore.CheckIn> checkIns() {
        LocalAws aws = RunningProgramme.server().aws().orElseThrow();
        return new CareStore(aws.clients().dynamo(), aws.table()).checkIns(RunningProgramme.round().id());
    }

    private static String idOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::participantId).findFirst().orElseThrow();
    }

    private static PartnershipStore.Pair activePairOf(String email) {
        String id = idOf(email);
        return RunningProgramme.pairs().stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE && p.members().contains(id))
                .findFirst().orElseThrow(() -> new AssertionError("no active partnership for " + email));
    }

    private static String partnerOf(String email) {
        String id = idOf(email);
        String partner = activePairOf(email).members().stream().filter(m -> !m.equals(id)).findFirst().orElseThrow();
        return RunningProgramme.confirmed().stream().filter(a -> a.participantId().equals(partner))
                .map(a -> a.profile().email()).findFirst().orElseThrow();
    }

    private static Application.Status statusOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::status).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }
}
