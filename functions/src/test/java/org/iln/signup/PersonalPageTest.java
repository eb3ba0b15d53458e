package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The personal page behind the signed link, driven through the API handler against the emulator:
 * what it shows, and every move of the participant's state machine it allows or refuses.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PersonalPageTest {

    static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    static final Instant AFTER_THE_REMATCH_WINDOW = Instant.parse("2026-03-20T10:00:00Z");
    static final Instant AFTER_THE_ROUND = Instant.parse("2026-06-23T10:00:00Z");
    static final String FORM = "application/x-www-form-urlencoded";

    LifecycleFixture participant;
    String lenaPage;

    @BeforeEach
    void setUp(Aws aws) {
        participant = new LifecycleFixture(aws);
        participant.get("/api/confirm", participant.apply("lena@example.se", "SE"));
        lenaPage = participant.lastMail().token("/api/me");
    }

    @Nested
    class The_page {

        @Test
        void the_confirmation_mail_links_to_it_and_opening_it_shows_the_round_and_status_and_changes_nothing() {
            // given
            List<Map<String, AttributeValue>> before = participant.aws.items();

            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me", lenaPage);

            // then
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getHeaders()).containsEntry("Cache-Control", "no-store")
                    .containsEntry("Referrer-Policy", "no-referrer");
            assertThat(page.getBody()).contains("Round 1, 2026", "data-standing=\"CONFIRMED\"", "Ngozi",
                    "action=\"/api/me/update?token=" + lenaPage, "action=\"/api/me/withdraw?token=" + lenaPage);
            assertThat(participant.aws.items()).isEqualTo(before);
        }

        @Test
        void a_tampered_or_expired_link_leads_to_the_sites_page_for_dead_links_and_changes_nothing() {
            // given
            String tampered = lenaPage.substring(0, lenaPage.length() - 2) + (lenaPage.endsWith("AA") ? "BB" : "AA");

            // when
            APIGatewayV2HTTPResponse forged = participant.get("/api/me", tampered);
            participant.clock.advance(java.time.Duration.ofDays(241));
            APIGatewayV2HTTPResponse expired = participant.get("/api/me", lenaPage);

            // then
            for (APIGatewayV2HTTPResponse page : List.of(forged, expired)) {
                assertThat(page.getStatusCode()).isEqualTo(303);
                assertThat(page.getHeaders()).containsEntry("Location", "/link-expired.html");
                assertThat(page.getBody()).isEmpty();
            }
            APIGatewayV2HTTPResponse update = participant.post("/api/me/update", tampered,
                    answers().set("givenName", "Mallory").form());
            APIGatewayV2HTTPResponse withdraw = withdraw(tampered);
            assertThat(update.getHeaders()).containsEntry("Location", "/link-expired.html");
            assertThat(withdraw.getHeaders()).containsEntry("Location", "/link-expired.html");
            assertThat(application("lena").get("givenName").s()).isEqualTo("Ngozi");
            assertThat(status("lena")).isEqualTo("CONFIRMED");
        }

        @Test
        void asking_for_a_fresh_link_mails_one_only_to_a_known_address_and_answers_the_same_either_way() {
            // given
            int mails = participant.aws.sentMail().size();

            // when
            APIGatewayV2HTTPResponse known = participant.handler.handleRequest(
                    Events.post("/api/me/link", FORM, "email=LENA%40example.se"), null);
            APIGatewayV2HTTPResponse unknown = participant.handler.handleRequest(
                    Events.post("/api/me/link", FORM, "email=nobody%40example.se"), null);

            // then
            assertThat(known.getStatusCode()).isEqualTo(303);
            assertThat(unknown.getStatusCode()).isEqualTo(303);
            assertThat(known.getHeaders()).isEqualTo(unknown.getHeaders());
            assertThat(participant.aws.sentMail()).hasSize(mails + 1);
            SentMail fresh = participant.lastMail();
            assertThat(fresh.to()).isEqualTo("lena@example.se");
            assertThat(participant.get("/api/me", fresh.token("/api/me")).getBody()).contains("Ngozi");
        }

        @Test
        void a_get_on_a_move_is_refused_and_changes_nothing() {
            // when
            APIGatewayV2HTTPResponse update = participant.get("/api/me/update", lenaPage);
            APIGatewayV2HTTPResponse withdraw = participant.get("/api/me/withdraw", lenaPage);

            // then
            assertThat(update.getStatusCode()).isEqualTo(405);
            assertThat(withdraw.getStatusCode()).isEqualTo(405);
            assertThat(status("lena")).isEqualTo("CONFIRMED");
        }
    }

    @Nested
    class Updating_the_application {

        @Test
        void stores_every_answer_but_the_address_and_answers_the_browser_with_303_to_the_page() {
            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/update", lenaPage,
                    answers().set("givenName", "Lena").set("role", "Data librarian").form());

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders().get("Location")).isEqualTo("/api/me?token=" + lenaPage + "&done=updated");
            Map<String, AttributeValue> app = application("lena");
            assertThat(app.get("givenName").s()).isEqualTo("Lena");
            assertThat(app.get("role").s()).isEqualTo("Data librarian");
            assertThat(app.get("email").s()).isEqualTo("lena@example.se");
            assertThat(app.get("status").s()).isEqualTo("CONFIRMED");
            assertThat(participant.handler.handleRequest(Events.event("GET", "/api/me",
                    Map.of("token", lenaPage, "done", "updated"), Map.of(), null, Events.CLIENT_IP), null).getBody())
                    .contains("Your application is updated.", "value=\"Lena\"");
        }

        @Test
        void names_every_bad_field_at_once_refuses_a_new_address_and_stores_nothing() {
            // given
            Map<String, AttributeValue> before = application("lena");

            // when
            APIGatewayV2HTTPResponse response = participant.handler.handleRequest(Events.postWithToken(
                    "/api/me/update", lenaPage, "application/json", answers().set("email", "new@example.se")
                            .set("givenName", "").set("country", "XX").without("languages").json()), null);

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("\"email\"", "\"givenName\"", "\"country\"", "\"languages\"");
            assertThat(application("lena")).isEqualTo(before);
        }

        @Test
        void is_refused_with_a_clear_message_from_the_match_date_on() {
            // given
            participant.clock.set(MATCH_NIGHT);
            Map<String, AttributeValue> before = application("lena");

            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/update", lenaPage,
                    answers().set("givenName", "Lena").form());

            // then
            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(response.getBody()).contains("Matching has happened");
            assertThat(application("lena")).isEqualTo(before);
            assertThat(participant.get("/api/me", lenaPage).getBody()).doesNotContain("/api/me/update");
        }

        @Test
        void is_refused_once_withdrawn() {
            // given
            withdraw(lenaPage);

            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/update", lenaPage,
                    answers().set("givenName", "Lena").form());

            // then
            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(application("lena").get("givenName").s()).isEqualTo("Ngozi");
        }

        @Test
        void written_on_a_stale_read_after_the_status_moved_changes_nothing() {
            // given: read while confirmed, then matched by a night in between
            ApplicationStore store = new ApplicationStore(participant.aws.dynamo(), Aws.TABLE);
            Application stale = store.application("2026-1", application("lena").get("participantId").s(),
                    participant.clock.instant()).orElseThrow();
            setStatus("lena", "MATCHED");

            // when
            boolean written = store.updateProfile(stale, stale.profile(), participant.clock.instant());

            // then
            assertThat(written).isFalse();
            assertThat(status("lena")).isEqualTo("MATCHED");
        }
    }

    @Nested
    class Withdrawing_before_matching {

        @Test
        void leaves_the_pool_acknowledges_once_and_a_double_click_or_replayed_link_changes_nothing() {
            // when
            APIGatewayV2HTTPResponse first = withdraw(lenaPage);
            int mails = participant.aws.sentMail().size();
            APIGatewayV2HTTPResponse again = withdraw(lenaPage);

            // then
            assertThat(first.getStatusCode()).isEqualTo(303);
            assertThat(first.getHeaders().get("Location")).endsWith("&done=withdrawn");
            assertThat(again.getStatusCode()).isEqualTo(303);
            assertThat(status("lena")).isEqualTo("WITHDRAWN");
            assertThat(participant.aws.sentMail()).hasSize(mails);
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().startsWith("You have withdrawn"))
                    .singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("lena@example.se"));
            assertThat(participant.get("/api/me", lenaPage).getBody()).contains("data-standing=\"WITHDRAWN\"")
                    .doesNotContain("/api/me/withdraw", "/api/me/update");
        }

        @Test
        void needs_the_box_ticked_and_changes_nothing_without_it() {
            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/withdraw", lenaPage, "");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("Confirm you are leaving");
            assertThat(status("lena")).isEqualTo("CONFIRMED");
        }

        @Test
        void an_unconfirmed_application_can_be_withdrawn_from_a_fresh_link_too() {
            // given
            participant.apply("omar@example.ke", "KE");
            participant.handler.handleRequest(Events.post("/api/me/link", FORM, "email=omar%40example.ke"), null);
            String omarPage = participant.lastMail().token("/api/me");
            assertThat(participant.get("/api/me", omarPage).getBody())
                    .contains("data-standing=\"WAITING_FOR_CONFIRMATION\"");

            // when
            withdraw(omarPage);

            // then
            assertThat(status("omar")).isEqualTo("WITHDRAWN");
        }

        @Test
        void two_withdrawals_at_once_withdraw_once_and_acknowledge_once() throws Exception {
            // given
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Callable<APIGatewayV2HTTPResponse>> clicks = List.of(() -> withdraw(lenaPage), () -> withdraw(lenaPage));

            // when
            List<Integer> codes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(clicks)) {
                codes.add(f.get().getStatusCode());
            }
            pool.shutdown();

            // then
            assertThat(codes).containsOnly(303);
            assertThat(status("lena")).isEqualTo("WITHDRAWN");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().startsWith("You have withdrawn"))
                    .hasSize(1);
        }

        @Test
        void a_withdrawal_written_on_a_stale_read_is_refused_by_its_condition() {
            // given: read while confirmed, then matched by a night in between
            ApplicationStore store = new ApplicationStore(participant.aws.dynamo(), Aws.TABLE);
            Application stale = store.application("2026-1", application("lena").get("participantId").s(),
                    participant.clock.instant()).orElseThrow();
            setStatus("lena", "MATCHED");

            // when
            boolean written = store.withdraw(stale, participant.clock.instant());

            // then
            assertThat(written).isFalse();
            assertThat(status("lena")).isEqualTo("MATCHED");
        }

        @Test
        void the_match_night_leaves_a_withdrawn_application_out() {
            // given
            participant.get("/api/confirm", participant.apply("kofi@example.gh", "GH"));
            withdraw(lenaPage);

            // when
            participant.clock.set(MATCH_NIGHT);
            participant.matchingNight();

            // then
            assertThat(status("lena")).isEqualTo("WITHDRAWN");
            assertThat(status("kofi")).isEqualTo("CONFIRMED");
            assertThat(participant.itemsOfType("PARTNERSHIP")).isEmpty();
        }
    }

    @Nested
    class Withdrawing_after_matching {

        String kofiPage;

        @BeforeEach
        void matchLenaAndKofi() {
            participant.get("/api/confirm", participant.apply("kofi@example.gh", "GH"));
            participant.clock.set(MATCH_NIGHT);
            participant.matchingNight();
            participant.dispatch();
            assertThat(status("lena")).isEqualTo("MATCHED");
            kofiPage = introductionTo("kofi@example.gh").token("/api/me");
        }

        @Test
        void the_introduction_links_to_the_page_which_shows_the_partners_card() {
            // when
            String page = participant.get("/api/me", introductionTo("lena@example.se").token("/api/me")).getBody();

            // then
            assertThat(page).contains("data-standing=\"MATCHED\"", "partner-card", "kofi@example.gh")
                    .doesNotContain("/api/me/update");
        }

        @Test
        void inside_the_rematch_window_the_next_night_dissolves_the_pair_and_tells_the_partner() {
            // when
            withdraw(kofiPage);
            participant.clock.advance(java.time.Duration.ofDays(1));
            participant.matchingNight();
            participant.dispatch();

            // then
            assertThat(status("kofi")).isEqualTo("WITHDRAWN");
            assertThat(status("lena")).isEqualTo("CONFIRMED");
            assertThat(pairStatuses()).containsExactly("DISSOLVED");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().equals("Your partner has left the round"))
                    .extracting(SentMail::to).containsExactly("lena@example.se");
            // and her page says a new partner is being looked for, not that she waits for the match date
            assertThat(participant.get("/api/me", introductionTo("lena@example.se").token("/api/me")).getBody())
                    .contains("data-standing=\"LOOKING_FOR_PARTNER\"", "looking for a partner for you")
                    .doesNotContain("on the match date");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.to().equals("kofi@example.gh"))
                    .extracting(SentMail::subject).last().asString().startsWith("You have withdrawn");
        }

        @Test
        void after_the_rematch_window_the_pair_is_dissolved_at_once_and_the_partner_told_no_new_partner_comes() {
            // given
            participant.clock.set(AFTER_THE_REMATCH_WINDOW);

            // when
            withdraw(kofiPage);
            withdraw(kofiPage);
            participant.dispatch();

            // then
            assertThat(pairStatuses()).containsExactly("DISSOLVED");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().equals("Your partner has left the round"))
                    .singleElement().satisfies(m -> {
                        assertThat(m.to()).isEqualTo("lena@example.se");
                        assertThat(m.text()).contains("too late in the round");
                    });
        }

        @Test
        void after_the_round_ends_withdrawing_is_refused_and_the_page_says_the_round_ended() {
            // given
            participant.clock.set(AFTER_THE_ROUND);
            participant.handler.handleRequest(Events.post("/api/me/link", FORM, "email=kofi%40example.gh"), null);
            String fresh = participant.lastMail().token("/api/me");

            // when
            APIGatewayV2HTTPResponse response = withdraw(fresh);

            // then
            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(status("kofi")).isEqualTo("MATCHED");
            assertThat(participant.get("/api/me", fresh).getBody()).contains("data-standing=\"ROUND_ENDED\"")
                    .doesNotContain("/api/me/withdraw");
        }
    }

    private APIGatewayV2HTTPResponse withdraw(String token) {
        return participant.post("/api/me/withdraw", token, PersonalPageModel.CONFIRM_WITHDRAWAL + "=yes");
    }

    private Applicant answers() {
        return Applicant.valid("ignored@example.org", participant.clock).without("email").set("country", "SE")
                .set("excludeCountries").without("formStartedAt").without("website");
    }

    private SentMail introductionTo(String to) {
        return participant.aws.sentMail().stream()
                .filter(m -> m.to().equals(to) && m.subject().equals("Meet your International Librarians Network partner"))
                .findFirst().orElseThrow();
    }

    private List<String> pairStatuses() {
        return new PartnershipStore(participant.aws.dynamo(), Aws.TABLE).pairs("2026-1").stream()
                .map(p -> p.status().name()).toList();
    }

    private Map<String, AttributeValue> application(String who) {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("email").s().startsWith(who + "@")).findFirst().orElseThrow();
    }

    private String status(String who) {
        return application(who).get("status").s();
    }

    private void setStatus(String who, String status) {
        Map<String, AttributeValue> app = application(who);
        participant.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", app.get("pk"), "sk", app.get("sk")))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
    }
}
