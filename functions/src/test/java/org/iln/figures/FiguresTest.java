package org.iln.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iln.json.Json;
import org.iln.round.CareStore;
import org.iln.survey.SurveyAnswer;
import org.iln.survey.SurveyStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FiguresTest {

    static final String ROUND = "2026-1";
    /** After round 2026-1 opened (2026-01-12), before 2026-2 opens. */
    static final Instant NIGHT = Instant.parse("2026-03-01T02:30:00Z");

    Aws aws;
    final SettableClock clock = new SettableClock(NIGHT);
    final List<Map<String, AttributeValue>> items = new ArrayList<>();
    int next;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
    }

    @Nested
    class Counting_a_round {

        @Test
        void counts_applied_confirmed_matched_rematched_and_withdrawn_per_country() {
            // given: 12 from AU, all confirmed, 10 of them matched (2 by a re-match), 1 withdrew
            List<String> au = applications("AU", 12, "MATCHED");
            pair("p1", false, au.get(0), au.get(1));
            pair("p2", false, au.get(2), au.get(3));
            pair("p3", false, au.get(4), au.get(5));
            pair("p4", false, au.get(6), au.get(7));
            pair("p5", true, au.get(8), au.get(9));
            applications("AU", 1, "WITHDRAWN");
            write();

            // when
            JsonNode round = runAndRead().get("rounds").get(0);

            // then
            assertThat(round.get("round").asText()).isEqualTo(ROUND);
            JsonNode counts = country(round, "AU");
            assertThat(counts.get("applied").asInt()).isEqualTo(13);
            assertThat(counts.get("confirmed").asInt()).isEqualTo(13);
            assertThat(counts.get("matched").asInt()).isEqualTo(10);
            assertThat(counts.get("rematched").asText()).isEqualTo("<5");
            assertThat(counts.get("withdrawn").asText()).isEqualTo("<5");
        }

        @Test
        void unconfirmed_applications_count_as_applied_only_until_they_expire() {
            // given: 6 unconfirmed in DE, one of them past its 48 hours
            List<String> de = applications("DE", 6, "UNCONFIRMED");
            items.stream().filter(i -> i.get("sk").s().equals("APP#" + de.get(0))).findFirst().orElseThrow()
                    .put("expiresAt", AttributeValue.fromN(Long.toString(NIGHT.getEpochSecond() - 60)));
            write();

            // when
            JsonNode counts = country(runAndRead().get("rounds").get(0), "DE");

            // then
            assertThat(counts.get("applied").asInt()).isEqualTo(5);
            assertThat(counts.get("confirmed").asText()).isEqualTo("<5");
        }

        @Test
        void reads_the_rounds_partition_by_query_and_never_scans_or_reads_names() {
            // given
            applications("KE", 7, "CONFIRMED");
            write();
            List<String> operations = new ArrayList<>();
            List<String> projections = new ArrayList<>();
            DynamoDbClient watched = aws.onEmulator(DynamoDbClient.builder())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest q) {
                                projections.add(q.projectionExpression());
                            }
                        }
                    }))
                    .build();

            // when
            new FiguresHandler(new org.iln.aws.AwsClients(watched, aws.ses()), clock, aws.config())
                    .handleRequest(Map.of(), null);

            // then
            assertThat(operations).doesNotContain("Scan").contains("Query", "PutItem");
            assertThat(projections).isNotEmpty().allSatisfy(p -> assertThat(p)
                    .doesNotContain("givenName", "familyName", "email", "addressHash", "improve"));
        }
    }

    @Nested
    class The_published_document {

        @Test
        void holds_no_count_under_five_no_name_and_no_address() {
            // given: a large country, a small one, and a country of one
            applications("GB", 9, "CONFIRMED");
            applications("FJ", 3, "CONFIRMED");
            applications("NP", 1, "UNCONFIRMED");
            write();

            // when
            String document = runAndRead().toString();

            // then
            assertThat(document).doesNotContain("Secret", "@example.org", "hash-", "p-1");
            JsonNode round = readTree(document).get("rounds").get(0);
            assertThat(country(round, "GB").get("confirmed").asInt()).isEqualTo(9);
            assertThat(country(round, "FJ").get("applied").asText()).isEqualTo("<5");
            assertThat(country(round, "NP").get("applied").asText()).isEqualTo("<5");
            assertThat(every_number(readTree(document).get("rounds")))
                    .as("a count under five is never a number (a total of shown counts may be 0)")
                    .allSatisfy(n -> assertThat(n == 0 || n >= 5).isTrue());
        }

        @Test
        void totals_add_only_the_shown_counts_so_no_suppressed_count_can_be_recovered_by_subtraction() {
            // given: 9 + 6 confirmed in two countries, 3 in a third
            applications("GB", 9, "CONFIRMED");
            applications("IN", 6, "CONFIRMED");
            applications("FJ", 3, "CONFIRMED");
            write();

            // when
            JsonNode round = runAndRead().get("rounds").get(0);

            // then: the total is 15, not 18, and it says one country was left out
            assertThat(round.get("shownTotals").get("confirmed").asInt()).isEqualTo(15);
            assertThat(round.get("countriesUnderThreshold").get("confirmed").asInt()).isEqualTo(1);
            assertThat(round.get("shownTotals").get("matched").asInt()).isZero();
            assertThat(round.get("countriesUnderThreshold").get("matched").asInt()).isEqualTo(3);
        }

        @Test
        void covers_only_rounds_that_have_opened() {
            // when: round 2026-2 opens in July
            JsonNode document = runAndRead();

            // then
            assertThat(document.get("rounds")).hasSize(1);
            assertThat(document.get("threshold").asInt()).isEqualTo(5);
            assertThat(document.get("rounds").get(0).get("countries")).isEmpty();
        }

        @Test
        void running_the_night_again_replaces_the_one_document() {
            // given
            applications("GB", 9, "CONFIRMED");
            write();
            runAndRead();

            // when
            applications("GB", 2, "CONFIRMED");
            write();
            JsonNode again = runAndRead();

            // then
            assertThat(country(again.get("rounds").get(0), "GB").get("applied").asInt()).isEqualTo(11);
            assertThat(aws.items().stream().filter(i -> i.containsKey("itemType")
                    && "FIGURES".equals(i.get("itemType").s()))).hasSize(1);
        }
    }

    @Nested
    class Check_ins_and_the_survey {

        @Test
        void are_counted_per_round_with_small_counts_suppressed() {
            // given: 6 met, 5 arranging, 2 whose partner has not replied; 8 survey answers
            checkIns(CareStore.CheckInAnswer.MET, 6);
            checkIns(CareStore.CheckInAnswer.ARRANGING, 5);
            checkIns(CareStore.CheckInAnswer.NO_REPLY, 2);
            answers(5, SurveyAnswer.Met.MONTHLY, 5, SurveyAnswer.Recommend.YES, true);
            answers(1, SurveyAnswer.Met.A_FEW_TIMES, 4, SurveyAnswer.Recommend.YES, false);
            answers(2, SurveyAnswer.Met.A_FEW_TIMES, 4, SurveyAnswer.Recommend.NOT_SURE, false);

            // when
            JsonNode care = runAndRead().get("rounds").get(0).get("care");

            // then: "arranging" (5) is hidden too, or 13 answers minus 6 minus 5 would give 2
            assertThat(care.get("checkIns").get("met").asInt()).isEqualTo(6);
            assertThat(care.get("checkIns").get("arranging").asText()).isEqualTo("<5");
            assertThat(care.get("checkIns").get("no-reply").asText()).isEqualTo("<5");
            assertThat(care.get("surveyAnswers").asInt()).isEqualTo(8);
            assertThat(care.get("met").get("monthly").asInt()).isEqualTo(5);
            assertThat(care.get("met").get("a-few-times").asText()).isEqualTo("<5");
            assertThat(care.get("usefulness").get("5").asInt()).isEqualTo(5);
            assertThat(care.get("usefulness").get("4").asText()).isEqualTo("<5");
            assertThat(care.get("usefulnessMedian").asDouble()).isEqualTo(5.0);
            assertThat(care.get("recommend").get("yes").asInt()).isEqualTo(6);
            assertThat(care.get("recommendShare").asInt()).isEqualTo(75);
            assertThat(care.get("mayQuote").asInt()).isEqualTo(5);
        }

        @Test
        void fewer_than_five_answers_publish_no_median_and_no_share() {
            // given
            answers(3, SurveyAnswer.Met.ONCE, 2, SurveyAnswer.Recommend.YES, true);

            // when
            JsonNode care = runAndRead().get("rounds").get(0).get("care");

            // then
            assertThat(care.get("surveyAnswers").asText()).isEqualTo("<5");
            assertThat(care.get("usefulnessMedian").isNull()).isTrue();
            assertThat(care.get("recommendShare").isNull()).isTrue();
            assertThat(care.get("mayQuote").asText()).isEqualTo("<5");
        }

        @Test
        void never_publish_the_survey_s_free_text_or_who_answered() {
            // given
            answers(6, SurveyAnswer.Met.MONTHLY, 3, SurveyAnswer.Recommend.NO, true);
            checkIns(CareStore.CheckInAnswer.MET, 5);

            // when
            String document = runAndRead().toString();

            // then
            assertThat(document).doesNotContain("Ana said", "s-1", "c-1", "pair-", "hash-");
        }

        @Test
        void a_distribution_with_one_small_cell_hides_its_smallest_shown_cell_too() {
            // given: a total of 17 would give the one small cell back
            Map<String, Integer> exact = new java.util.LinkedHashMap<>();
            exact.put("yes", 9);
            exact.put("not-sure", 6);
            exact.put("no", 2);

            // when
            Map<String, Object> shown = CareFigures.distribution(exact);

            // then
            assertThat(shown).containsEntry("yes", 9).containsEntry("not-sure", "<5").containsEntry("no", "<5");
        }
    }

    @Nested
    class The_round_report {

        /** The night after round 2026-1's end date (2026-06-22). */
        static final Instant AFTER_THE_END = Instant.parse("2026-06-23T04:00:00Z");

        @BeforeEach
        void aRoundThatRan() {
            List<String> au = applications("AU", 12, "ROUND_ENDED");
            pair("p1", false, au.get(0), au.get(1));
            pair("p2", false, au.get(2), au.get(3));
            pair("p3", true, au.get(4), au.get(5));
            applications("AU", 1, "WITHDRAWN");
            List<String> gb = applications("GB", 6, "ROUND_ENDED");
            pair("p4", false, gb.get(0), gb.get(1));
            write();
            checkIns(CareStore.CheckInAnswer.MET, 7);
            answers(6, SurveyAnswer.Met.MONTHLY, 4, SurveyAnswer.Recommend.YES, true);
        }

        @Test
        void is_not_sent_while_the_round_runs() {
            // given: the round's last day
            clock.set(Instant.parse("2026-06-22T04:00:00Z"));

            // when
            JsonNode round = runAndRead().get("rounds").get(0);

            // then
            assertThat(reports()).isEmpty();
            assertThat(round.get("ended").asBoolean()).as("no summary page yet").isFalse();
        }

        @Test
        void goes_to_the_programme_team_with_every_country_and_to_a_country_coordinator_with_theirs() throws Exception {
            // given
            clock.set(AFTER_THE_END);

            // when
            JsonNode round = runAndRead().get("rounds").get(0);
            new org.iln.mail.DispatchHandler(aws.clients(), clock, aws.config(), clock::advance).handleRequest(Map.of(), null);

            // then: the site may bake the round's summary page
            assertThat(round.get("ended").asBoolean()).isTrue();
            // and: exact counts by country, the public care figures, one CSV each
            List<org.iln.testing.SentMail> sent = aws.sentMail();
            org.iln.testing.SentMail team = sent.stream().filter(m -> m.to().contains("team@iln.example.org"))
                    .findFirst().orElseThrow();
            org.iln.testing.SentMail au = sent.stream().filter(m -> m.to().contains("iln-au@iln.example.org"))
                    .findFirst().orElseThrow();
            assertThat(team.subject()).isEqualTo("Round report: Round 1, 2026");
            assertThat(team.text()).contains("Australia: Applied 13, Matched 6, Re-matched 2, Withdrawn 1",
                    "United Kingdom: Applied 6, Matched 2, Re-matched 0, Withdrawn 0", "We have met: 7",
                    "Answers: 6", "Median usefulness (1 to 5): 4", "100 % would recommend the programme",
                    "Arranging a meeting: fewer than 5", "/statistics/2026-1.html", "/api/coordinate?token=");
            assertThat(team.text()).as("choices in the reader's order, not the stored model's sorted keys")
                    .containsSubsequence("We have met", "Arranging a meeting", "My partner hasn’t replied",
                            "Did not meet", "Met once", "Met a few times", "Met about once a month",
                            "Would recommend the programme", "Not sure", "Would not recommend it");
            // the AU coordinator's roster entry says Spanish: their mail and its sheet are in it
            assertThat(au.text()).contains("Australia: Solicitudes 13").doesNotContain("United Kingdom", "Reino Unido");
            assertThat(csv(team.raw(), "round-report-2026-1.csv")).startsWith("section,figure,country,count\r\n")
                    .contains("Participation,Applied,AU,13\r\n", "Participation,Re-matched,AU,2\r\n",
                    "Participation,Matched,GB,2\r\n", "Check-ins,We have met,,7\r\n",
                    "Check-ins,Arranging a meeting,,<5\r\n", "Survey,Answers,,6\r\n");
            assertThat(csv(au.raw(), "round-report-2026-1-AU.csv")).startsWith("sección,cifra,país,número\r\n")
                    .contains("Participación,Solicitudes,AU,13").doesNotContain(",GB,", "Applied");
            assertThat(team.raw() + au.raw()).doesNotContain("Secret", "Ana said");
        }

        @Test
        void is_queued_once_per_round_and_coordinator_however_often_the_night_runs() {
            // given
            clock.set(AFTER_THE_END);
            runAndRead();

            // when: the same night again, and the next nights
            runAndRead();
            clock.set(AFTER_THE_END.plus(java.time.Duration.ofDays(1)));
            runAndRead();
            clock.set(AFTER_THE_END.plus(java.time.Duration.ofDays(27))); // the survey's last day
            runAndRead();

            // then
            assertThat(reports()).hasSize(2);
            assertThat(org.iln.mail.MailStore.MAIL_CLAIM_TTL)
                    .as("an outbox record outlives the nights a report may be queued on")
                    .isGreaterThan(java.time.Duration.ofDays(org.iln.survey.Survey.OPEN_FOR.toTotalMonths() * 31
                            + org.iln.survey.Survey.OPEN_FOR.getDays()));
        }

        @Test
        void has_a_final_edition_once_the_survey_has_closed_queued_once_too() throws Exception {
            // given: the first edition, sent the night after the end date
            clock.set(AFTER_THE_END);
            runAndRead();

            // when: the nights after the survey closes
            java.time.Instant closed = AFTER_THE_END.plus(java.time.Duration.ofDays(28));
            clock.set(closed);
            runAndRead();
            clock.set(closed.plus(java.time.Duration.ofDays(1)));
            runAndRead();

            // then: one final edition per coordinator, saying the survey has closed
            List<Map<String, AttributeValue>> finals = aws.items().stream()
                    .filter(i -> i.get("pk").s().startsWith("MAIL#round-report-final:")).toList();
            assertThat(finals).hasSize(reports().size());
            assertThat(reports()).hasSize(2);
            String body = finals.stream().map(i -> i.toString()).collect(java.util.stream.Collectors.joining());
            assertThat(body).contains("\"finalFigures\":true").doesNotContain("\"finalFigures\":false");
        }

        @Test
        void reads_in_the_coordinator_s_language_from_the_catalogues() {
            // given
            clock.set(AFTER_THE_END);
            runAndRead();
            Map<String, Object> model = new java.util.HashMap<>(readModel(reports().get(0)));
            model.put("coordinatorUrl", "https://iln.example.org/api/coordinate?token=a.b.c");
            model.put("siteUrl", "https://iln.example.org"); // as the dispatcher adds them
            model.put("unsubscribeUrl", "");
            org.iln.mail.MailRenderer renderer = new org.iln.mail.MailRenderer();

            // when
            model.put(org.iln.mail.Wording.LANGUAGE, "es");
            org.iln.mail.MailRenderer.RenderedMail es = renderer.render(RoundReport.TEMPLATE, model);
            model.put(org.iln.mail.Wording.LANGUAGE, "ar");
            org.iln.mail.MailRenderer.RenderedMail ar = renderer.render(RoundReport.TEMPLATE, model);

            // then
            assertThat(es.subject()).isEqualTo("Informe de la ronda: Round 1, 2026");
            assertThat(es.text()).contains("Ya nos hemos reunido: 7", "Respuestas: 6");
            assertThat(ar.subject()).startsWith("تقرير الدورة");
            assertThat(ar.html()).contains("dir=\"rtl\"", "التقينا");
        }
    }

    List<Map<String, AttributeValue>> reports() {
        return aws.items().stream().filter(i -> i.get("pk").s().startsWith("MAIL#round-report:")).toList();
    }

    static Map<String, Object> readModel(Map<String, AttributeValue> mail) {
        try {
            return Json.newMapper().readValue(mail.get("model").s(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String csv(String raw, String filename) throws Exception {
        jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) message.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            jakarta.mail.BodyPart part = mixed.getBodyPart(i);
            if (filename.equals(part.getFileName())) {
                return new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no attachment " + filename);
    }

    /** {@code n} check-in answers on pairs of their own, through the real store. */
    void checkIns(CareStore.CheckInAnswer answer, int n) {
        CareStore care = new CareStore(aws.dynamo(), Aws.TABLE);
        for (int i = 0; i < n; i++) {
            int id = ++next;
            care.answerCheckIn(ROUND_1, "pair-" + id, "c-" + id, answer, clock.instant());
        }
    }

    /** {@code n} survey answers with these choices, through the real store, each with free text. */
    void answers(int n, SurveyAnswer.Met met, int usefulness, SurveyAnswer.Recommend recommend, boolean mayQuote) {
        SurveyStore survey = new SurveyStore(aws.dynamo(), Aws.TABLE);
        for (int i = 0; i < n; i++) {
            int id = ++next;
            survey.save(ROUND, "s-" + id, "hash-s-" + id,
                    new SurveyAnswer(met, usefulness, recommend, "Ana said the library in Suva was great", mayQuote),
                    ROUND_1.personalDataKeptUntil(), clock.instant());
        }
    }

    static final org.iln.programme.Programme.Round ROUND_1 = new org.iln.programme.Programme.Round(ROUND,
            "Round 1, 2026", java.time.LocalDate.parse("2026-01-12"), java.time.LocalDate.parse("2026-02-09"),
            java.time.LocalDate.parse("2026-02-23"), java.time.LocalDate.parse("2026-02-23"),
            java.time.LocalDate.parse("2026-06-22"), 20, List.of());

    static List<Integer> every_number(JsonNode rounds) {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode round : rounds) {
            for (JsonNode c : round.get("countries")) {
                c.get("counts").forEach(v -> {
                    if (v.isNumber()) {
                        numbers.add(v.asInt());
                    }
                });
            }
            round.get("shownTotals").forEach(v -> numbers.add(v.asInt()));
        }
        return numbers;
    }

    static JsonNode readTree(String json) {
        try {
            return Json.newMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    JsonNode runAndRead() {
        new FiguresHandler(aws.clients(), clock, aws.config()).handleRequest(Map.of(), null);
        return readTree(new FiguresStore(aws.dynamo(), Aws.TABLE).document().orElseThrow());
    }

    static JsonNode country(JsonNode round, String code) {
        for (JsonNode c : round.get("countries")) {
            if (c.get("country").asText().equals(code)) {
                return c.get("counts");
            }
        }
        throw new AssertionError("no figures for " + code + " in " + round);
    }

    List<String> applications(String country, int n, String status) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "p-" + (++next);
            ids.add(id);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("ROUND#" + ROUND));
            item.put("sk", s("APP#" + id));
            item.put("itemType", s("APPLICATION"));
            item.put("participantId", s(id));
            item.put("status", s(status));
            item.put("country", s(country));
            item.put("givenName", s("Secret" + id));
            item.put("email", s(id + "@example.org"));
            item.put("addressHash", s("hash-" + id));
            if (!status.equals("UNCONFIRMED")) {
                item.put("confirmedAt", s("2026-01-20T10:05:00Z"));
            } else {
                item.put("expiresAt", AttributeValue.fromN(Long.toString(NIGHT.getEpochSecond() + 3600)));
            }
            items.add(item);
        }
        return ids;
    }

    void pair(String pairId, boolean rematch, String... members) {
        Map<String, AttributeValue> pair = new HashMap<>();
        pair.put("pk", s("ROUND#" + ROUND));
        pair.put("sk", s("PAIR#" + pairId));
        pair.put("itemType", s("PAIR"));
        pair.put("pairId", s(pairId));
        pair.put("rematch", AttributeValue.fromBool(rematch));
        items.add(pair);
        for (String member : members) {
            String country = items.stream().filter(i -> i.get("sk").s().equals("APP#" + member)).findFirst()
                    .orElseThrow().get("country").s();
            Map<String, AttributeValue> side = new HashMap<>();
            side.put("pk", s("ROUND#" + ROUND));
            side.put("sk", s("PAIR#" + pairId + "#" + member));
            side.put("itemType", s("PAIR_MEMBER"));
            side.put("pairId", s(pairId));
            side.put("participantId", s(member));
            side.put("country", s(country));
            items.add(side);
        }
    }

    void write() {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            aws.dynamo().batchWriteItem(b -> b.requestItems(Map.of(Aws.TABLE, batch)));
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
