package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.round.RoundEndHandler;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;
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
 * The end of a round, driven as the nights and the participants would against the emulator: the
 * round-end job's one mail and the move to {@code ROUND_ENDED}, the survey behind its link, and
 * joining the next round from it.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EndOfRoundTest {

    static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    static final Instant THE_DAY_BEFORE_THE_END = Instant.parse("2026-06-21T02:30:00Z");
    static final Instant END_NIGHT = Instant.parse("2026-06-22T02:30:00Z");
    static final Instant SURVEY_CLOSED = Instant.parse("2026-07-21T10:00:00Z");
    static final Instant NEXT_ROUND_OPEN = Instant.parse("2026-07-13T10:00:00Z");
    static final Instant NEXT_MATCH_NIGHT = Instant.parse("2026-08-24T02:00:00Z");
    static final String ROUND_END_SUBJECT = "Your round has ended: tell us how it went";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String VALID = "met=monthly&usefulness=4&recommend=yes&improve=More+time%0D%0Ato+talk&mayQuote=no";

    LifecycleFixture participant;

    @BeforeEach
    void lenaAndKofiMatched_tomWithdrewBefore(Aws aws) {
        participant = new LifecycleFixture(aws);
        participant.get("/api/confirm", participant.apply("lena@example.se", "SE"));
        participant.get("/api/confirm", participant.apply("kofi@example.gh", "GH"));
        participant.get("/api/confirm", participant.apply("tom@example.nz", "NZ"));
        participant.post("/api/me/withdraw", participant.lastMail().token("/api/me"),
                PersonalPageModel.CONFIRM_WITHDRAWAL + "=yes");
        participant.clock.set(MATCH_NIGHT);
        participant.matchingNight();
        participant.dispatch();
        assertThat(List.of(status("lena"), status("kofi"))).containsOnly("MATCHED");
        assertThat(status("tom")).isEqualTo("WITHDRAWN");
    }

    @Nested
    class The_round_end_night {

        @Test
        void mails_everyone_still_matched_once_with_the_survey_and_next_round_links_and_ends_the_round_for_them() {
            // given
            participant.clock.set(THE_DAY_BEFORE_THE_END);
            assertThat(roundEnd()).startsWith("rounds ended 0");
            int before = participant.aws.sentMail().size();

            // when: the end night runs, and runs again (a retry), and the next night too
            participant.clock.set(END_NIGHT);
            String first = roundEnd();
            String again = roundEnd();
            participant.dispatch();
            participant.clock.advance(Duration.ofDays(1));
            roundEnd();
            participant.dispatch();

            // then
            assertThat(first).isEqualTo("rounds ended 1, round-end mail queued 2, participants moved to ROUND_ENDED 2");
            assertThat(again).isEqualTo("rounds ended 1, round-end mail queued 0, participants moved to ROUND_ENDED 0");
            List<SentMail> ending = participant.aws.sentMail().subList(before, participant.aws.sentMail().size());
            assertThat(ending).extracting(SentMail::subject).containsOnly(ROUND_END_SUBJECT);
            assertThat(ending).extracting(SentMail::to).containsExactlyInAnyOrder("lena@example.se", "kofi@example.gh");
            SentMail lena = roundEndMailTo("lena@example.se");
            assertThat(lena.text()).contains("Round 1, 2026\u2069 ended on 22 June 2026", "until 20 July 2026",
                    "Join \u2068Round 2, 2026", "opens for applications on 13 July 2026");
            assertThat(lena.link("/api/me/survey")).startsWith("https://iln.example.org/api/me/survey?token=");
            assertThat(lena.link("/api/me/next-round")).startsWith("https://iln.example.org/api/me/next-round?token=");
            assertThat(List.of(status("lena"), status("kofi"))).containsOnly("ROUND_ENDED");
            assertThat(status("tom")).isEqualTo("WITHDRAWN");
        }

        @Test
        void the_page_then_says_the_round_ended_links_the_survey_and_the_next_round_and_refuses_a_withdrawal() {
            // given
            endTheRound();
            String link = roundEndMailTo("lena@example.se").token("/api/me/survey");

            // when
            String page = participant.get("/api/me", link).getBody();
            APIGatewayV2HTTPResponse withdraw = participant.post("/api/me/withdraw", link,
                    PersonalPageModel.CONFIRM_WITHDRAWAL + "=yes");

            // then
            assertThat(page).contains("data-standing=\"ROUND_ENDED\"", "/api/me/survey?token=",
                    "/api/me/next-round?token=").doesNotContain("/api/me/withdraw", "/api/me/update");
            assertThat(withdraw.getStatusCode()).isEqualTo(409);
            assertThat(status("lena")).isEqualTo("ROUND_ENDED");
        }
    }

    @Nested
    class The_survey {

        String lenaLink;

        @BeforeEach
        void endTheRoundForLena() {
            endTheRound();
            lenaLink = roundEndMailTo("lena@example.se").token("/api/me/survey");
        }

        @Test
        void shows_the_form_from_the_mails_link_and_opening_it_changes_nothing() {
            // given
            List<Map<String, AttributeValue>> before = participant.aws.items();

            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me/survey", lenaLink);

            // then
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getHeaders()).containsEntry("Cache-Control", "no-store");
            assertThat(page.getBody()).contains("How did Round 1, 2026 go?", "action=\"/api/me/survey?token=" + lenaLink,
                    "name=\"met\"", "name=\"usefulness\"", "name=\"recommend\"", "name=\"improve\"",
                    "name=\"mayQuote\"", "until 20 July 2026");
            assertThat(participant.aws.items()).isEqualTo(before);
        }

        @Test
        void stores_one_answer_under_the_rounds_survey_partition_and_answers_the_browser_with_303() {
            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/survey", lenaLink, VALID);

            // then
            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders()).containsEntry("Location",
                    "/api/me/survey?token=" + lenaLink + "&done=saved");
            List<SurveyAnswer.Stored> answers = surveys().answers("2026-1");
            assertThat(answers).singleElement().satisfies(stored -> {
                assertThat(stored.participantId()).isEqualTo(id("lena"));
                assertThat(stored.answer()).isEqualTo(new SurveyAnswer(SurveyAnswer.Met.MONTHLY, 4,
                        SurveyAnswer.Recommend.YES, "More time\nto talk", false));
            });
            assertThat(participant.get("/api/me/survey", lenaLink).getBody())
                    .contains("You have answered already", "value=\"monthly\" required checked", "More time\nto talk");
        }

        @Test
        void an_edit_replaces_the_answer_and_keeps_when_it_was_first_given() {
            // given
            participant.post("/api/me/survey", lenaLink, VALID);
            Instant first = surveys().answer("2026-1", id("lena")).orElseThrow().answeredAt();
            participant.clock.advance(Duration.ofDays(3));

            // when
            participant.post("/api/me/survey", lenaLink, VALID.replace("usefulness=4", "usefulness=2")
                    .replace("mayQuote=no", "mayQuote=yes"));
            participant.post("/api/me/survey", lenaLink, VALID.replace("usefulness=4", "usefulness=2")
                    .replace("mayQuote=no", "mayQuote=yes"));

            // then
            assertThat(surveys().answers("2026-1")).singleElement().satisfies(stored -> {
                assertThat(stored.answer().usefulness()).isEqualTo(2);
                assertThat(stored.answer().mayQuote()).isTrue();
                assertThat(stored.answeredAt()).isEqualTo(first);
                assertThat(stored.updatedAt()).isAfter(first);
            });
        }

        @Test
        void names_every_bad_field_at_once_on_the_form_and_stores_nothing() {
            // when
            APIGatewayV2HTTPResponse response = participant.post("/api/me/survey", lenaLink,
                    "met=daily&usefulness=9&recommend=&improve=" + "x".repeat(2001) + "&colour=blue");

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("role=\"alert\"", "id=\"met-error\"", "id=\"usefulness-error\"",
                    "id=\"recommend-error\"", "id=\"improve-error\"", "id=\"mayQuote-error\"", "colour",
                    "at most 2000 characters");
            assertThat(surveys().answers("2026-1")).isEmpty();
        }

        @Test
        void a_script_gets_every_bad_field_as_json() {
            // when
            APIGatewayV2HTTPResponse response = participant.handler.handleRequest(Events.postWithToken(
                    "/api/me/survey", lenaLink, "application/json", "{\"met\":[\"once\",\"never\"],\"usefulness\":{}}"),
                    null);

            // then
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("\"field\":\"met\"", "\"field\":\"usefulness\"",
                    "\"field\":\"recommend\"", "\"field\":\"mayQuote\"");
            assertThat(surveys().answers("2026-1")).isEmpty();
        }

        @Test
        void is_refused_after_it_closes_and_to_a_tampered_link_and_to_someone_who_withdrew() {
            // given
            participant.post("/api/me/survey", lenaLink, VALID);
            String tampered = lenaLink.substring(0, lenaLink.length() - 2) + (lenaLink.endsWith("AA") ? "BB" : "AA");
            String tomPage = freshPage("tom@example.nz");

            // when
            APIGatewayV2HTTPResponse forged = participant.post("/api/me/survey", tampered,
                    VALID.replace("usefulness=4", "usefulness=1"));
            APIGatewayV2HTTPResponse withdrawn = participant.post("/api/me/survey", tomPage, VALID);
            participant.clock.set(SURVEY_CLOSED);
            APIGatewayV2HTTPResponse closed = participant.post("/api/me/survey", lenaLink,
                    VALID.replace("usefulness=4", "usefulness=1"));

            // then
            assertThat(forged.getHeaders()).containsEntry("Location", "/link-expired.html");
            assertThat(withdrawn.getStatusCode()).isEqualTo(409);
            assertThat(withdrawn.getBody()).contains("You withdrew from this round");
            assertThat(closed.getStatusCode()).isEqualTo(409);
            assertThat(closed.getBody()).contains("The survey closed on 20 July 2026");
            assertThat(surveys().answers("2026-1")).singleElement()
                    .satisfies(stored -> assertThat(stored.answer().usefulness()).isEqualTo(4));
        }
    }

    @Nested
    class Joining_the_next_round {

        String lenaLink;

        @BeforeEach
        void endTheRoundForLena() {
            endTheRound();
            lenaLink = roundEndMailTo("lena@example.se").token("/api/me/next-round");
        }

        @Test
        void is_refused_clearly_while_no_round_takes_applications() {
            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me/next-round", lenaLink);
            APIGatewayV2HTTPResponse join = participant.post("/api/me/next-round", lenaLink, "");

            // then
            for (APIGatewayV2HTTPResponse response : List.of(page, join)) {
                assertThat(response.getStatusCode()).isEqualTo(409);
                assertThat(response.getBody()).contains("Round 2, 2026 opens on 13 July 2026");
            }
            assertThat(participant.confirmedByRound("2026-2")).isEmpty();
            assertThat(participant.itemsOfType("APPLICATION")).hasSize(3);
        }

        @Test
        void asks_first_then_applies_with_the_earlier_answers_and_mails_the_usual_confirmation_link_once() {
            // given
            participant.clock.set(NEXT_ROUND_OPEN);
            int mails = participant.aws.sentMail().size();

            List<Map<String, AttributeValue>> before = participant.aws.items();

            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me/next-round", lenaLink);
            List<Map<String, AttributeValue>> afterGet = participant.aws.items();
            APIGatewayV2HTTPResponse join = participant.post("/api/me/next-round", lenaLink, "");
            APIGatewayV2HTTPResponse again = participant.post("/api/me/next-round", lenaLink, "");

            // then
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getBody()).contains("Join Round 2, 2026", "confirm your address",
                    "action=\"/api/me/next-round?token=" + lenaLink);
            assertThat(afterGet).isEqualTo(before);
            assertThat(join.getStatusCode()).isEqualTo(303);
            assertThat(join.getHeaders()).containsEntry("Location", "/check-your-email.html");
            assertThat(again.getStatusCode()).isEqualTo(409);
            assertThat(again.getBody()).contains("You have already applied for Round 2, 2026");
            assertThat(participant.aws.sentMail()).hasSize(mails + 1);
            SentMail confirm = participant.lastMail();
            assertThat(confirm.to()).isEqualTo("lena@example.se");
            Map<String, AttributeValue> next = participant.itemsOfType("APPLICATION").stream()
                    .filter(i -> i.get("round").s().equals("2026-2")).findFirst().orElseThrow();
            assertThat(next.get("status").s()).isEqualTo("UNCONFIRMED");
            assertThat(next.get("email").s()).isEqualTo("lena@example.se");
            assertThat(next.get("country").s()).isEqualTo("SE");

            // and the usual confirmation makes it count
            assertThat(participant.get("/api/confirm", confirm.token("/api/confirm")).getHeaders())
                    .containsEntry("Location", "/confirmed.html");
            assertThat(participant.confirmedByRound("2026-2")).hasSize(1);
        }

        @Test
        void leaves_out_the_optional_answers_no_longer_offered_and_keeps_the_rest() {
            // given: since round 1, a language, a region and "how you heard of us" left the form's lists
            changeLenasAnswers(Map.of("languages", list("en", "tlh"), "preferRegions", list("Atlantis"),
                    "heardFrom", AttributeValue.fromS("carrier-pigeon")));
            participant.clock.set(NEXT_ROUND_OPEN);

            // when
            APIGatewayV2HTTPResponse page = participant.get("/api/me/next-round", lenaLink);
            APIGatewayV2HTTPResponse join = participant.post("/api/me/next-round", lenaLink, "");

            // then: applied with what is still offered
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(join.getStatusCode()).isEqualTo(303);
            Map<String, AttributeValue> next = participant.itemsOfType("APPLICATION").stream()
                    .filter(i -> i.get("round").s().equals("2026-2")).findFirst().orElseThrow();
            assertThat(next.get("languages").l()).extracting(AttributeValue::s).containsExactly("en");
            assertThat(next.getOrDefault("preferRegions", list()).l()).isEmpty();
            assertThat(next.getOrDefault("heardFrom", AttributeValue.fromS("")).s()).isEmpty();
            assertThat(next.get("sector").s()).isEqualTo(lenasItem().get("sector").s());
        }

        @Test
        void shows_every_answer_that_no_longer_fits_by_field_and_stores_nothing() {
            // given: Lena's sector and career stage are no longer offered, and none of her languages
            changeLenasAnswers(Map.of("sector", AttributeValue.fromS("bookmobile"),
                    "careerStage", AttributeValue.fromS("emeritus"), "languages", list("tlh")));
            participant.clock.set(NEXT_ROUND_OPEN);
            int mails = participant.aws.sentMail().size();
            List<Map<String, AttributeValue>> before = participant.aws.itemsExceptRateCounters();

            // when: the page, a browser's click, a script's click
            APIGatewayV2HTTPResponse page = participant.get("/api/me/next-round", lenaLink);
            APIGatewayV2HTTPResponse join = participant.post("/api/me/next-round", lenaLink, "");
            APIGatewayV2HTTPResponse script = participant.handler.handleRequest(Events.postWithToken(
                    "/api/me/next-round", lenaLink, "application/json", "{}"), null);

            // then: the form's error page, every field named, and a way back to the signup form
            for (APIGatewayV2HTTPResponse response : List.of(page, join)) {
                assertThat(response.getStatusCode()).isEqualTo(400);
                assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
                assertThat(response.getBody()).contains("Library sector", "Career stage", "Languages",
                        "href=\"/signup.html\"");
            }
            assertThat(script.getStatusCode()).isEqualTo(400);
            assertThat(script.getBody()).contains("\"field\":\"sector\"", "\"field\":\"careerStage\"",
                    "\"field\":\"languages\"");
            assertThat(participant.aws.itemsExceptRateCounters()).isEqualTo(before);
            assertThat(participant.confirmedByRound("2026-2")).isEmpty();
            assertThat(participant.aws.sentMail()).hasSize(mails);
        }

        @Test
        void never_pairs_two_former_partners_again() {
            // given: Lena and Kofi, partners in round 1, both join round 2 and confirm
            String kofiLink = roundEndMailTo("kofi@example.gh").token("/api/me/next-round");
            participant.clock.set(NEXT_ROUND_OPEN);
            for (String link : List.of(lenaLink, kofiLink)) {
                participant.post("/api/me/next-round", link, "");
                participant.get("/api/confirm", participant.lastMail().token("/api/confirm"));
            }
            assertThat(participant.confirmedByRound("2026-2")).hasSize(2);

            // when
            participant.clock.set(NEXT_MATCH_NIGHT);
            participant.matchingNight();
            participant.dispatch();

            // then
            assertThat(participant.itemsOfType("APPLICATION")).filteredOn(i -> i.get("round").s().equals("2026-2"))
                    .extracting(i -> i.get("status").s()).containsOnly("CONFIRMED");
            assertThat(participant.aws.sentMail()).filteredOn(m -> m.subject().startsWith("We could not find you"))
                    .extracting(SentMail::to).contains("lena@example.se", "kofi@example.gh");
        }
    }

    private static AttributeValue list(String... values) {
        return AttributeValue.fromL(java.util.Arrays.stream(values).map(AttributeValue::fromS).toList());
    }

    private Map<String, AttributeValue> lenasItem() {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("email").s().equals("lena@example.se")).findFirst().orElseThrow();
    }

    /** Lena's round-1 answers as they were stored when the form still offered these values. */
    private void changeLenasAnswers(Map<String, AttributeValue> answers) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(lenasItem());
        item.putAll(answers);
        participant.aws.dynamo().putItem(b -> b.tableName(Aws.TABLE).item(item));
    }

    private void endTheRound() {
        participant.clock.set(END_NIGHT);
        roundEnd();
        participant.dispatch();
    }

    private String roundEnd() {
        return new RoundEndHandler(participant.aws.clients(), participant.clock, participant.aws.config())
                .handleRequest(Map.of(), null);
    }

    private String freshPage(String email) {
        participant.handler.handleRequest(Events.post("/api/me/link", FORM,
                "email=" + email.replace("@", "%40")), null);
        return participant.lastMail().token("/api/me");
    }

    private SentMail roundEndMailTo(String to) {
        return participant.aws.sentMail().stream()
                .filter(m -> m.to().equals(to) && m.subject().equals(ROUND_END_SUBJECT)).findFirst().orElseThrow();
    }

    private SurveyStore surveys() {
        return new SurveyStore(participant.aws.dynamo(), Aws.TABLE);
    }

    private Map<String, AttributeValue> application(String who) {
        return participant.itemsOfType("APPLICATION").stream()
                .filter(i -> i.get("round").s().equals("2026-1") && i.get("email").s().startsWith(who + "@"))
                .findFirst().orElseThrow();
    }

    private String status(String who) {
        return application(who).get("status").s();
    }

    private String id(String who) {
        return application(who).get("participantId").s();
    }
}
