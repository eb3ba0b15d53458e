package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Withdrawing after matching in a real browser without JavaScript, against a real `./iln dev`:
 * from the introduction a person opens their page, sees their partner and withdraws; the
 * withdrawal replayed changes nothing; after the next night the former partner has a new partner
 * or a kind notice; and the withdrawn address gets nothing but the one acknowledgement through the
 * check-in night and the round's end night. A tampered link and an expired one change nothing.
 * Axe checks each page.
 */
@ExtendWith(RunningProgramme.class)
class WithdrawalJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    private static final String ACKNOWLEDGEMENT = "You have withdrawn";

    @Test
    void a_matched_person_withdraws_from_the_introduction_and_hears_nothing_more_but_the_acknowledgement() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: two people signed up and confirmed, matched with the demo participants (ten in all)
        String email = signUpAndConfirm(withoutJs, "browser-leaving-");
        signUpAndConfirm(withoutJs, "browser-staying-");
        assertThat(RunningProgramme.run("matching", Optional.empty())).startsWith("ran matching");
        String page = DevMail.ofRunningProgramme().link(email, "Meet your", "/api/me?");
        LocalDate matchDate = RunningProgramme.round().matchDate();
        Application me = application(email);
        PartnershipStore.Pair pair = RunningProgramme.pairs().stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE && p.members().contains(me.participantId()))
                .findFirst().orElseThrow();
        List<Application> partners = RunningProgramme.confirmed().stream()
                .filter(a -> pair.members().contains(a.participantId()) && !a.participantId().equals(me.participantId()))
                .toList();
        assertThat(partners).as("a partnership of two, whose other member is left alone").hasSize(1);
        Application partner = partners.get(0);

        // when: the page from the introduction
        withoutJs.get(page);

        // then: matched, with the partner's card
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("MATCHED");
        assertThat(withoutJs.findElements(By.cssSelector(".partner-card"))).singleElement()
                .satisfies(card -> assertThat(card.getText()).contains(partner.profile().givenName()));
        browsers.assertNoAxeViolations("the matched page with the partner's card");

        // when: the withdrawal posted with a tampered link (one letter of its signature changed)
        String action = withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/withdraw')]"))
                .getAttribute("action");
        char last = action.charAt(action.length() - 1);
        HttpResponse<String> tampered = RunningProgramme.replay(
                action.substring(0, action.length() - 1) + (last == 'A' ? 'B' : 'A'), "confirmWithdrawal=yes");

        // then: the page for dead links, and nothing changed
        assertThat(tampered.statusCode()).isEqualTo(303);
        assertThat(tampered.headers().firstValue("Location")).hasValue("/link-expired.html");
        assertThat(application(email).status()).isEqualTo(Application.Status.MATCHED);

        // when: the withdraw box ticked and the form posted
        withoutJs.findElement(By.id("confirmWithdrawal")).click();
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/withdraw')]//button")).click();

        // then
        Browser.waitFor(withoutJs, "done=withdrawn");
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("WITHDRAWN");
        browsers.assertNoAxeViolations("the withdrawn page");
        assertThat(application(email).status()).isEqualTo(Application.Status.WITHDRAWN);
        DevMail.ofRunningProgramme().awaitContaining(ACKNOWLEDGEMENT, email);

        // when: the same withdrawal replayed twice (a double click, a resent request)
        for (int replay = 0; replay < 2; replay++) {
            HttpResponse<String> answer = RunningProgramme.replay(action, "confirmWithdrawal=yes");

            // then: the same answer, and nothing changed or sent
            assertThat(answer.statusCode()).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("done=withdrawn"));
        }
        RunningProgramme.run("dispatch", Optional.empty());
        assertThat(application(email).status()).isEqualTo(Application.Status.WITHDRAWN);
        assertThat(DevMail.ofRunningProgramme().to(email)).filteredOn(m -> m.path("subject").asText().contains(ACKNOWLEDGEMENT))
                .hasSize(1);
        int mailsAfterAcknowledgement = DevMail.ofRunningProgramme().to(email).size();

        // when: the next night
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(1).toString()));

        // then: the former partner has a new partner or a kind notice
        assertThat(DevMail.ofRunningProgramme().newest(partner.profile().email(), "Your partner has left the round")
                .or(() -> DevMail.ofRunningProgramme().newest(partner.profile().email(), "You have a new")))
                .as("the former partner hears after the next night").isPresent();
        assertThat(RunningProgramme.pairs()).filteredOn(p -> p.id().equals(pair.id()))
                .singleElement().satisfies(p -> assertThat(p.status()).isNotEqualTo(PartnershipStore.PairStatus.ACTIVE));

        // when: the check-in night and the round's end night
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(14).toString()));
        assertThat(DevMail.ofRunningProgramme().newest(null, "Have you met your")).as("the check-ins went out").isPresent();
        RunningProgramme.run("nightly", Optional.of(RunningProgramme.round().ends().toString()));
        assertThat(DevMail.ofRunningProgramme().newest(null, "Your round has ended")).as("the round-end mail went out")
                .isPresent();

        // then: the withdrawn address got nothing more
        assertThat(DevMail.ofRunningProgramme().to(email)).hasSize(mailsAfterAcknowledgement);
        assertThat(application(email).status()).isEqualTo(Application.Status.WITHDRAWN);

        // when: the former partner's introduction link is used after it expired (page links last 240 days)
        Application.Status partnerStatus = application(partner.profile().email()).status();
        String partnerPage = DevMail.ofRunningProgramme().link(partner.profile().email(), "Meet your", "/api/me?");
        RunningProgramme.run("figures", Optional.of(matchDate.plusDays(241).toString()));
        HttpResponse<String> expired = RunningProgramme.replay(partnerPage.replace("/api/me?", "/api/me/withdraw?"),
                "confirmWithdrawal=yes");

        // then: the page for dead links, and nothing changed
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.headers().firstValue("Location")).hasValue("/link-expired.html");
        assertThat(application(partner.profile().email()).status()).isEqualTo(partnerStatus);
    }

    private static String signUpAndConfirm(ChromeDriver withoutJs, String prefix) {
        String email = prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignupForm.fillValid(withoutJs, email);
        withoutJs.findElement(By.cssSelector("#signup button[type=submit]")).click();
        Browser.waitFor(withoutJs, "check-your-email");
        withoutJs.get(DevMail.ofRunningProgramme().link(email, "Please confirm", "/api/confirm"));
        Browser.waitFor(withoutJs, "confirmed");
        return email;
    }

    private static Application application(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }
}
