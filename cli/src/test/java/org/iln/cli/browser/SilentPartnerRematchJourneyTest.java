package org.iln.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * "My partner hasn't replied" when the partner never answers, in a real browser without
 * JavaScript against a real `./iln dev`: a week after matching a person reports silence, someone
 * in another partnership withdraws (so a second person is left alone), the nights go by with
 * `--date`, the silent partnership is dissolved with a mail to each side that blames no one, and
 * the next night's re-match introduces the reporter to a new partner. The silent partner gets
 * nothing more until they say "I'm still here"; axe checks each page.
 */
@ExtendWith(RunningProgramme.class)
class SilentPartnerRematchJourneyTest {

    @RegisterExtension
    static final Browser.Pair browsers = Browser.Pair.checkingCsp();

    private static final String ENDED_FOR_REPORTER = "Your International Librarians Network partnership has ended";
    private static final String ENDED_FOR_SILENT = "We have paused your International Librarians Network partnership";
    private static final String NEW_PARTNER = "You have a new International Librarians Network partner";

    @Test
    void no_answer_to_the_nudge_dissolves_the_pair_and_the_reporter_is_introduced_to_a_new_partner() {
        ChromeDriver withoutJs = browsers.withoutJs();
        // given: two people signed up and confirmed without JavaScript, matched with the demo participants (ten in all)
        String reporter = signUpAndConfirm(withoutJs, "browser-reporter-");
        String second = signUpAndConfirm(withoutJs, "browser-second-");
        assertThat(RunningProgramme.run("matching", Optional.empty())).startsWith("ran matching");
        String reporterPage = DevMail.ofRunningProgramme().link(reporter, "Meet your", "/api/me?");
        LocalDate matchDate = RunningProgramme.round().matchDate();
        Map<String, Application> byId = RunningProgramme.confirmed().stream()
                .collect(Collectors.toMap(Application::participantId, Function.identity()));
        Map<String, String> idOf = byId.values().stream()
                .collect(Collectors.toMap(a -> a.profile().email(), Application::participantId));
        List<PartnershipStore.Pair> pairs = RunningProgramme.pairs();
        assertThat(pairs).as("everyone is in a partnership, so nobody is alone before the walk").allSatisfy(
                p -> assertThat(p.members()).hasSize(2));
        PartnershipStore.Pair reportersPair = activePairOf(idOf.get(reporter));
        String silent = email(byId, other(reportersPair, idOf.get(reporter)));
        // another partnership, one of whose members leaves: their partner is the one left alone, someone
        // the reporter may be paired with (another country, a shared language; the second signup has the
        // reporter's country, and which partnership comes first depends on the random ids: a CI run
        // failed once when it took the second signup as the one left alone)
        Application.Profile reporters = byId.get(idOf.get(reporter)).profile();
        Predicate<String> couldPairWithReporter = id -> !id.equals(idOf.get(second))
                && !byId.get(id).profile().country().equals(reporters.country())
                && byId.get(id).profile().languages().stream().anyMatch(reporters.languages()::contains)
                && !byId.get(id).profile().excludeCountries().contains(reporters.country())
                && !reporters.excludeCountries().contains(byId.get(id).profile().country());
        PartnershipStore.Pair leaversPair = pairs.stream()
                .filter(p -> !p.id().equals(reportersPair.id()) && !p.members().contains(idOf.get(second)))
                .filter(p -> p.members().stream().anyMatch(couldPairWithReporter))
                .findFirst().orElseThrow();
        String leftAloneId = leaversPair.members().stream().filter(couldPairWithReporter).findFirst().orElseThrow();
        String leaver = email(byId, other(leaversPair, leftAloneId));
        String leftAlone = email(byId, leftAloneId);

        // when: a week later, the reporter says their partner has not replied, and the leaver withdraws
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(7).toString()));
        withoutJs.get(reporterPage);
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/no-reply')]//button")).click();
        Browser.waitFor(withoutJs, "done=nudged");
        withoutJs.get(DevMail.ofRunningProgramme().link(leaver, "Meet your", "/api/me?"));
        withoutJs.findElement(By.id("confirmWithdrawal")).click();
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/withdraw')]//button")).click();
        Browser.waitFor(withoutJs, "done=withdrawn");

        // and: the partner never answers the nudge, and the nights go by until its answer is due
        RunningProgramme.run("dispatch", Optional.empty());
        DevMail.ofRunningProgramme().link(silent, "Are you still there?", "ask=still-here");
        for (int day = 8; day <= 12; day++) {
            RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(day).toString()));
        }

        // then: the partnership is dissolved and both are told, without blame
        assertThat(statusOf(reporter)).isEqualTo(Application.Status.CONFIRMED);
        assertThat(statusOf(silent)).isEqualTo(Application.Status.CONFIRMED);
        JsonNode toReporter = DevMail.ofRunningProgramme().newest(reporter, ENDED_FOR_REPORTER).orElseThrow();
        assertThat(toReporter.path("text").asText()).contains("nobody's fault").contains("looking for a new partner")
                .doesNotContain(byId.get(idOf.get(silent)).profile().familyName());
        JsonNode toSilent = DevMail.ofRunningProgramme().newest(silent, ENDED_FOR_SILENT).orElseThrow();
        assertThat(toSilent.path("text").asText()).contains("We hope all is well").contains("ask=still-here");
        int silentMailsWhenPaused = DevMail.ofRunningProgramme().to(silent).size();

        // when: the next night's re-match
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(13).toString()));

        // then: the reporter and the person left alone are introduced as new partners
        assertThat(statusOf(reporter)).isEqualTo(Application.Status.MATCHED);
        assertThat(activePairOf(idOf.get(reporter)).members())
                .containsExactlyInAnyOrder(idOf.get(reporter), idOf.get(leftAlone));
        assertThat(activePairOf(idOf.get(reporter)).rematch()).isTrue();
        JsonNode introduction = DevMail.ofRunningProgramme().newest(reporter, NEW_PARTNER).orElseThrow();
        assertThat(introduction.path("text").asText()).contains("a new partner")
                .contains(byId.get(idOf.get(leftAlone)).profile().givenName());
        assertThat(DevMail.ofRunningProgramme().newest(leftAlone, NEW_PARTNER)).isPresent();
        withoutJs.get(reporterPage);
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing")).isEqualTo("MATCHED");
        assertThat(withoutJs.findElements(By.cssSelector(".partner-card"))).singleElement()
                .satisfies(card -> assertThat(card.getText()).contains(byId.get(idOf.get(leftAlone)).profile().givenName()));
        browsers.assertNoAxeViolations("the reporter's page with the new partner");

        // and: the silent partner got nothing more (no new partner, no check-in) and is held back from the re-match
        RunningProgramme.run("nightly", Optional.of(matchDate.plusDays(14).toString()));
        assertThat(DevMail.ofRunningProgramme().to(silent)).hasSize(silentMailsWhenPaused);
        assertThat(statusOf(silent)).isEqualTo(Application.Status.CONFIRMED);
        assertThat(RunningProgramme.pairs()).anySatisfy(p -> assertThat(p.heldBack()).contains(idOf.get(silent)));

        // when: the silent partner says "I'm still here" from their mail
        withoutJs.get(DevMail.ofRunningProgramme().link(silent, ENDED_FOR_SILENT, "ask=still-here"));
        assertThat(withoutJs.findElement(By.id("still-here-title")).getText()).contains("still here");
        browsers.assertNoAxeViolations("the held-back partner's page");
        withoutJs.findElement(By.xpath("//form[contains(@action, '/api/me/still-here')]//button")).click();

        // then: they are back among those the re-match pairs
        Browser.waitFor(withoutJs, "done=still-here");
        assertThat(RunningProgramme.pairs()).noneSatisfy(p -> assertThat(p.heldBack()).contains(idOf.get(silent)));
        assertThat(withoutJs.findElement(By.id("standing")).getAttribute("data-standing"))
                .isEqualTo("LOOKING_FOR_PARTNER");
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

    private static PartnershipStore.Pair activePairOf(String participantId) {
        return RunningProgramme.pairs().stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE && p.members().contains(participantId))
                .findFirst().orElseThrow(() -> new AssertionError("no active partnership for " + participantId));
    }

    private static String other(PartnershipStore.Pair pair, String participantId) {
        return pair.members().stream().filter(m -> !m.equals(participantId)).findFirst().orElseThrow();
    }

    private static String email(Map<String, Application> byId, String participantId) {
        return byId.get(participantId).profile().email();
    }

    private static Application.Status statusOf(String email) {
        return RunningProgramme.confirmed().stream().filter(a -> a.profile().email().equals(email))
                .map(Application::status).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed application for " + email + " in the table"));
    }
}
