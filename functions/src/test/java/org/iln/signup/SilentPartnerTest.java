package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iln.round.CareStore;
import org.iln.round.PartnershipStore;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.CapturedLogs;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "My partner hasn't replied", the partner's "I'm still here", the nightly expiry of an unanswered
 * nudge and the check-in, driven as participants and the night's jobs would, against the emulator:
 * every move, and every refused one (too early, double click, replayed link, a GET, a withdrawal
 * racing the expiry).
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SilentPartnerTest {

    static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    /** A week after the introduction: "my partner hasn't replied" opens. */
    static final Instant A_WEEK_LATER = Instant.parse("2026-03-02T10:00:00Z");
    static final String FORM = "application/x-www-form-urlencoded";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    LifecycleFixture participant;
    /** The two who were paired, and the one left without a partner on the match date. */
    String reporter;
    String silent;
    String alone;
    String reporterPage;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
        for (String[] person : new String[][] {{"lena@example.se", "SE"}, {"kofi@example.gh", "GH"},
                {"omar@example.ke", "KE"}}) {
            apply(person[0], person[1]);
        }
        participant.clock.set(MATCH_NIGHT);
        night();
        PartnershipStore.Pair pair = pairs().get(0);
        reporter = emailOf(pair.members().get(0));
        silent = emailOf(pair.members().get(1));
        alone = List.of("lena@example.se", "kofi@example.gh", "omar@example.ke").stream()
                .filter(e -> !e.equals(reporter) && !e.equals(silent)).findFirst().orElseThrow();
        reporterPage = mailTo(reporter, "Meet your International Librarians Network partner").token("/api/me");
    }

    @Nested
    class Reporting_that_the_partner_has_not_replied {

        @Test
        void is_not_offered_in_the_first_week_and_a_post_then_changes_nothing() {
            // given
            participant.clock.set(MATCH_NIGHT.plus(Duration.ofDays(3)));
            List<Map<String, AttributeValue>> before = state();

            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me", reporterPage);
            APIGatewayV2HTTPResponse posted = participant.post("/api/me/no-reply", reporterPage, "");

            // then
            assertThat(page.getBody()).doesNotContain("/api/me/no-reply");
            assertThat(posted.getHeaders().get("Location")).endsWith("&done=nudge-closed");
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void is_offered_after_a_week_records_one_nudge_on_a_double_click_and_mails_the_partner_once() {
            // given
            participant.clock.set(A_WEEK_LATER);
            assertThat(participant.get("/api/me", reporterPage).getBody()).contains("action=\"/api/me/no-reply?token=");

            // when
            APIGatewayV2HTTPResponse first = participant.post("/api/me/no-reply", reporterPage, "");
            APIGatewayV2HTTPResponse second = participant.post("/api/me/no-reply", reporterPage, "");
            participant.dispatch();

            // then
            assertThat(first.getStatusCode()).isEqualTo(303);
            assertThat(first.getHeaders().get("Location")).endsWith("&done=nudged");
            assertThat(second.getHeaders().get("Location")).endsWith("&done=nudged");
            PartnershipStore.Pair pair = pairs().get(0);
            assertThat(pair.nudge()).hasValueSatisfying(n -> {
                assertThat(n.by()).isEqualTo(participantId(reporter));
                assertThat(n.due()).isEqualTo(java.time.LocalDate.parse("2026-03-07"));
                assertThat(n.answeredAt()).isEmpty();
            });
            List<SentMail> nudges = participant.aws.sentMail().stream()
                    .filter(m -> m.subject().startsWith("Are you still there?")).toList();
            assertThat(nudges).singleElement().satisfies(m -> {
                assertThat(m.to()).isEqualTo(silent);
                assertThat(m.text()).contains("has not heard from you yet", "&ask=still-here", "by 7 March 2026")
                        .doesNotContain(reporter);
            });
            assertThat(participant.get("/api/me", reporterPage).getBody()).contains("id=\"nudge-reported\"")
                    .doesNotContain("/api/me/no-reply");
        }

        @Test
        void a_get_on_the_moves_is_refused_and_a_tampered_link_changes_nothing() {
            // given
            participant.clock.set(A_WEEK_LATER);
            String tampered = reporterPage.substring(0, reporterPage.length() - 2)
                    + (reporterPage.endsWith("AA") ? "BB" : "AA");
            List<Map<String, AttributeValue>> before = state();

            // when
            List<APIGatewayV2HTTPResponse> gets = List.of(participant.get("/api/me/no-reply", reporterPage),
                    participant.get("/api/me/still-here", reporterPage), participant.get("/api/me/check-in", reporterPage));
            List<APIGatewayV2HTTPResponse> forged = List.of(participant.post("/api/me/no-reply", tampered, ""),
                    participant.post("/api/me/still-here", tampered, ""),
                    participant.post("/api/me/check-in", tampered, "answer=yes"));

            // then
            assertThat(gets).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(405);
            assertThat(forged).allSatisfy(r -> assertThat(r.getHeaders()).containsEntry("Location", "/link-expired.html"));
            assertThat(state()).isEqualTo(before);
        }
    }

    @Nested
    class The_partner_answering_I_m_still_here {

        String silentNudgeLink;

        @BeforeEach
        void nudge() {
            participant.clock.set(A_WEEK_LATER);
            participant.post("/api/me/no-reply", reporterPage, "");
            participant.dispatch();
            silentNudgeLink = mailTo(silent, "Are you still there?").link("/api/me");
        }

        @Test
        void opening_the_link_shows_a_confirm_form_and_changes_nothing() {
            // given
            List<Map<String, AttributeValue>> before = state();

            // when
            APIGatewayV2HTTPResponse page = participant.handler.handleRequest(Events.event("GET", "/api/me",
                    Map.of("token", tokenOf(silentNudgeLink), "ask", "still-here"), Map.of(), null, Events.CLIENT_IP), null);

            // then
            assertThat(silentNudgeLink).endsWith("&ask=still-here");
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getBody()).contains("id=\"still-here\"", "action=\"/api/me/still-here?token=");
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void keeps_the_pair_and_a_replayed_post_and_the_nights_after_change_nothing() {
            // when
            APIGatewayV2HTTPResponse first = participant.post("/api/me/still-here", tokenOf(silentNudgeLink), "");
            APIGatewayV2HTTPResponse replayed = participant.post("/api/me/still-here", tokenOf(silentNudgeLink), "");
            participant.clock.set(Instant.parse("2026-03-08T02:00:00Z"));
            night();

            // then
            assertThat(first.getHeaders().get("Location")).endsWith("&done=still-here");
            assertThat(replayed.getHeaders().get("Location")).endsWith("&done=still-here");
            PartnershipStore.Pair pair = pairs().get(0);
            assertThat(pair.status()).isEqualTo(PartnershipStore.PairStatus.ACTIVE);
            assertThat(pair.nudge().orElseThrow().answeredAt()).isPresent();
            assertThat(status(reporter)).isEqualTo("MATCHED");
            assertThat(status(silent)).isEqualTo("MATCHED");
            assertThat(participant.aws.sentMail()).noneMatch(m -> m.subject().contains("partnership"));
            assertThat(participant.post("/api/me/no-reply", reporterPage, "").getHeaders().get("Location"))
                    .endsWith("&done=nudged-before");
        }

        @Test
        void the_reporter_cannot_answer_their_own_nudge() {
            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/still-here", reporterPage, "");

            // then
            assertThat(response.getHeaders().get("Location")).endsWith("&done=nothing-to-answer");
            assertThat(pairs().get(0).nudge().orElseThrow().answeredAt()).isEmpty();
        }
    }

    @Nested
    class No_answer {

        @BeforeEach
        void nudge() {
            participant.clock.set(A_WEEK_LATER);
            participant.post("/api/me/no-reply", reporterPage, "");
            participant.dispatch();
        }

        @Test
        void before_the_due_day_the_night_keeps_the_pair() {
            // when
            participant.clock.set(Instant.parse("2026-03-06T02:00:00Z"));
            night();

            // then
            assertThat(pairs().get(0).status()).isEqualTo(PartnershipStore.PairStatus.ACTIVE);
        }

        @Test
        void on_the_due_night_dissolves_the_pair_tells_both_without_blame_and_the_next_night_rematches_the_reporter() {
            // when: the night, and its round care run again (a retry)
            participant.clock.set(Instant.parse("2026-03-07T02:00:00Z"));
            night();
            participant.roundCare();
            participant.dispatch();

            // then
            PartnershipStore.Pair old = pairs().stream()
                    .filter(p -> p.members().contains(participantId(silent))).findFirst().orElseThrow();
            assertThat(old.status()).isEqualTo(PartnershipStore.PairStatus.DISSOLVED);
            assertThat(old.heldBack()).containsExactly(participantId(silent));
            assertThat(status(silent)).isEqualTo("CONFIRMED");
            assertThat(status(reporter)).isEqualTo("CONFIRMED");
            assertThat(mailTo(reporter, "Your International Librarians Network partnership has ended").text())
                    .contains("nobody's fault", "looking for a new partner");
            SentMail paused = mailTo(silent, "We have paused your International Librarians Network partnership");
            assertThat(paused.text()).contains("&ask=still-here");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().contains("partnership"))
                    .hasSize(2);

            // when: the next night re-matches the reporter with the one left alone, never the silent one
            participant.clock.set(Instant.parse("2026-03-08T02:00:00Z"));
            night();

            // then
            PartnershipStore.Pair fresh = pairs().stream()
                    .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE).findFirst().orElseThrow();
            assertThat(fresh.rematch()).isTrue();
            assertThat(fresh.members()).containsExactlyInAnyOrder(participantId(reporter), participantId(alone));
            assertThat(mailTo(reporter, "You have a new International Librarians Network partner").text())
                    .contains("new partner");
            assertThat(status(silent)).isEqualTo("CONFIRMED");

            // when: the silent one comes back, from the paused mail's link
            String silentPage = tokenOf(paused.link("/api/me"));
            assertThat(participant.get("/api/me", silentPage).getBody()).contains("id=\"still-here\"");
            APIGatewayV2HTTPResponse back = participant.post("/api/me/still-here", silentPage, "");

            // then
            assertThat(back.getHeaders().get("Location")).endsWith("&done=still-here");
            assertThat(pairs().stream().filter(p -> p.id().equals(old.id())).findFirst().orElseThrow().heldBack())
                    .isEmpty();
            // and the logs told the story in counts and outcomes, naming nobody
            assertThat(logs.text()).contains("round care", "dissolvedForSilence=1", "partner has not replied",
                    "still here").doesNotContain("@example", "Ngozi", "Okafor");
        }

        @Test
        void a_withdrawal_racing_the_expiry_dissolves_the_pair_once_for_the_withdrawal() {
            // given: the silent one withdraws on the due day, before the night
            participant.clock.set(Instant.parse("2026-03-07T01:00:00Z"));
            String silentPage = mailTo(silent, "Are you still there?").token("/api/me").split("&")[0];
            participant.post("/api/me/withdraw", silentPage, PersonalPageModel.CONFIRM_WITHDRAWAL + "=yes");

            // when: the night, and its round care run again (a retry)
            participant.clock.set(Instant.parse("2026-03-07T02:00:00Z"));
            night();
            participant.roundCare();
            participant.dispatch();

            // then
            PartnershipStore.Pair old = pairs().stream()
                    .filter(p -> p.members().contains(participantId(silent))).findFirst().orElseThrow();
            assertThat(old.status()).isEqualTo(PartnershipStore.PairStatus.DISSOLVED);
            assertThat(old.heldBack()).isEmpty();
            assertThat(status(silent)).isEqualTo("WITHDRAWN");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.to().equals(reporter))
                    .extracting(SentMail::subject)
                    .containsOnlyOnce("Your partner has left the round")
                    .doesNotContain("Your International Librarians Network partnership has ended");
        }

        @Test
        void a_dissolution_on_a_nudge_answered_meanwhile_is_refused_by_its_condition() {
            // given: read before the answer
            PartnershipStore.Pair stale = pairs().get(0);
            participant.post("/api/me/still-here",
                    mailTo(silent, "Are you still there?").token("/api/me").split("&")[0], "");

            // when
            boolean dissolved = new CareStore(participant.aws.dynamo(), Aws.TABLE).dissolveSilent("2026-1", stale,
                    participantId(reporter), List.of(participantId(silent)), participant.clock.instant());

            // then
            assertThat(dissolved).isFalse();
            assertThat(pairs().get(0).status()).isEqualTo(PartnershipStore.PairStatus.ACTIVE);
            assertThat(status(silent)).isEqualTo("MATCHED");
        }
    }

    @Nested
    class The_check_in {

        @Test
        void goes_to_each_member_once_two_weeks_after_the_introduction() {
            // when
            participant.clock.set(Instant.parse("2026-03-08T02:00:00Z"));
            night();
            participant.clock.set(Instant.parse("2026-03-09T02:00:00Z"));
            night();
            night();

            // then
            List<SentMail> checkIns = participant.aws.sentMail().stream()
                    .filter(m -> m.subject().equals("Have you met your International Librarians Network partner yet?"))
                    .toList();
            assertThat(checkIns).extracting(SentMail::to).containsExactlyInAnyOrder(reporter, silent);
            assertThat(checkIns.get(0).text()).contains("&ask=check-in&answer=yes",
                    "&ask=check-in&answer=arranging", "&ask=check-in&answer=no-reply");
        }

        @Test
        void an_answer_link_opens_a_confirm_form_and_the_post_stores_the_answer_the_last_one_winning() {
            // given
            participant.clock.set(Instant.parse("2026-03-09T02:00:00Z"));
            night();
            String link = mailTo(reporter, "Have you met your International Librarians Network partner yet?")
                    .links().stream().filter(l -> l.endsWith("&answer=arranging")).findFirst().orElseThrow();
            String token = tokenOf(link);
            List<Map<String, AttributeValue>> before = state();

            // when
            APIGatewayV2HTTPResponse page = participant.handler.handleRequest(Events.event("GET", "/api/me",
                    Map.of("token", token, "ask", "check-in", "answer", "arranging"), Map.of(), null,
                    Events.CLIENT_IP), null);

            // then
            assertThat(page.getBody()).contains("value=\"arranging\" checked", "action=\"/api/me/check-in?token=");
            assertThat(state()).isEqualTo(before);

            // when
            APIGatewayV2HTTPResponse first = participant.post("/api/me/check-in", token, "answer=arranging");
            participant.clock.advance(Duration.ofHours(1));
            APIGatewayV2HTTPResponse second = participant.post("/api/me/check-in", token, "answer=yes");

            // then
            assertThat(first.getHeaders().get("Location")).endsWith("&done=checked-in");
            assertThat(second.getHeaders().get("Location")).endsWith("&done=checked-in");
            List<CareStore.CheckIn> answers = new CareStore(participant.aws.dynamo(), Aws.TABLE).checkIns("2026-1");
            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.participantId()).isEqualTo(participantId(reporter));
                assertThat(a.answer()).isEqualTo(CareStore.CheckInAnswer.MET);
            });
        }

        @Test
        void an_older_answer_arriving_late_never_replaces_a_newer_one() {
            // given
            CareStore care = new CareStore(participant.aws.dynamo(), Aws.TABLE);
            var round = participant.handler.participants().programme().get().round("2026-1").orElseThrow();
            Instant later = Instant.parse("2026-03-09T12:00:00Z");
            care.answerCheckIn(round, "pair-1", "p-1", CareStore.CheckInAnswer.MET, later);

            // when
            care.answerCheckIn(round, "pair-1", "p-1", CareStore.CheckInAnswer.ARRANGING, later.minusSeconds(60));

            // then
            assertThat(care.checkIns("2026-1")).extracting(CareStore.CheckIn::answer)
                    .containsExactly(CareStore.CheckInAnswer.MET);
        }

        @Test
        void my_partner_hasn_t_replied_is_stored_and_nudges_the_partner() {
            // given
            participant.clock.set(Instant.parse("2026-03-09T02:00:00Z"));
            night();

            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/check-in", reporterPage, "answer=no-reply");
            participant.dispatch();

            // then
            assertThat(response.getHeaders().get("Location")).endsWith("&done=checked-in");
            assertThat(pairs().get(0).nudge()).isPresent();
            assertThat(mailTo(silent, "Are you still there?")).isNotNull();
            assertThat(new CareStore(participant.aws.dynamo(), Aws.TABLE).checkIns("2026-1"))
                    .extracting(CareStore.CheckIn::answer).containsExactly(CareStore.CheckInAnswer.NO_REPLY);
        }

        @Test
        void a_missing_or_unknown_answer_is_named_and_nothing_is_stored() {
            // given
            List<Map<String, AttributeValue>> before = state();

            // when
            APIGatewayV2HTTPResponse none = participant.post("/api/me/check-in", reporterPage, "");
            APIGatewayV2HTTPResponse unknown = participant.handler.handleRequest(Events.postWithToken(
                    "/api/me/check-in", reporterPage, "application/json", "{\"answer\":\"maybe\"}"), null);

            // then
            assertThat(none.getStatusCode()).isEqualTo(400);
            assertThat(none.getBody()).contains("Your answer");
            assertThat(unknown.getStatusCode()).isEqualTo(400);
            assertThat(unknown.getBody()).contains("\"answer\"");
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void two_answers_at_once_store_one() throws Exception {
            // given
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Callable<APIGatewayV2HTTPResponse>> clicks = List.of(
                    () -> participant.post("/api/me/check-in", reporterPage, "answer=yes"),
                    () -> participant.post("/api/me/check-in", reporterPage, "answer=yes"));

            // when
            List<Integer> codes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(clicks)) {
                codes.add(f.get().getStatusCode());
            }
            pool.shutdown();

            // then
            assertThat(codes).containsOnly(303);
            assertThat(new CareStore(participant.aws.dynamo(), Aws.TABLE).checkIns("2026-1")).hasSize(1);
        }
    }

    /** Every item but the rate limit's counters (each POST counts). */
    private List<Map<String, AttributeValue>> state() {
        return participant.aws.items().stream()
                .filter(i -> !i.containsKey("itemType") || !"RATE".equals(i.get("itemType").s())).toList();
    }

    private void apply(String email, String country) {
        APIGatewayV2HTTPResponse response = participant.handler.handleRequest(Events.post("/api/signup",
                "application/json", Applicant.valid(email, participant.clock).set("country", country)
                        .set("excludeCountries").set("maxPartners", "1").json()), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        participant.get("/api/confirm", participant.lastMail().token("/api/confirm"));
    }

    /** The night's jobs in production's order: matching, round care, dispatch. */
    private void night() {
        participant.matchingNight();
        participant.roundCare();
        participant.dispatch();
    }

    private List<PartnershipStore.Pair> pairs() {
        return new PartnershipStore(participant.aws.dynamo(), Aws.TABLE).pairs("2026-1");
    }

    private SentMail mailTo(String to, String subjectStart) {
        return participant.aws.sentMail().stream().filter(m -> m.to().equals(to) && m.subject().startsWith(subjectStart))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no mail '" + subjectStart + "' to " + to));
    }

    private static String tokenOf(String link) {
        String query = link.substring(link.indexOf("?token=") + "?token=".length());
        return query.split("&")[0];
    }

    private Map<String, AttributeValue> application(String email) {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("email").s().equals(email)).findFirst().orElseThrow();
    }

    private String participantId(String email) {
        return application(email).get("participantId").s();
    }

    private String emailOf(String participantId) {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("participantId").s().equals(participantId)).findFirst().orElseThrow()
                .get("email").s();
    }

    private String status(String email) {
        return application(email).get("status").s();
    }
}
