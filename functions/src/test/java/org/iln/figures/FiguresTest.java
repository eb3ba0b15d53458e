package org.iln.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iln.json.Json;
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
                    .doesNotContain("givenName", "familyName", "email", "addressHash"));
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
