package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.iln.aws.AwsClients;
import org.iln.json.Json;
import org.iln.mail.Suppressions;
import org.iln.matching.MatchResult;
import org.iln.signup.PersonalData;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class NightlyMatchingTest {

    RoundFixture round;

    @BeforeEach
    void setUp(Aws aws) {
        round = new RoundFixture(aws);
    }

    @Test
    void before_the_match_date_a_draft_is_stored_and_reported_to_coordinators_once_even_when_run_twice() {
        // given
        round.seed(20, Map.of());

        // when
        round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(round.items("DRAFT")).hasSize(1);
        assertThat(round.mailKeys("draft-report:2026-1:2026-02-16:")).hasSize(1);
        assertThat(round.items("PAIR")).isEmpty();
        assertThat(round.status("p-01")).isEqualTo("CONFIRMED");
        JsonNode model = model(round.mailKeys("draft-report:").get(0));
        assertThat(model.get("draft").asBoolean()).isTrue();
        assertThat(model.get("summary").get("matched").asInt()).isEqualTo(20);
        assertThat(model.get("summary").get("byCountry").toString()).contains("\"country\":\"AU\"");
    }

    @Test
    void the_next_day_brings_a_new_draft_report() {
        // given
        round.seed(20, Map.of());
        round.handler().handleRequest(Map.of(), null);

        // when
        round.clock.advance(Duration.ofDays(1));
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(round.mailKeys("draft-report:")).hasSize(2);
        assertThat(round.items("DRAFT")).hasSize(1);
    }

    @Test
    void on_the_match_date_everyone_confirmed_is_published_and_introduced_once() {
        // given
        round.seed(20, Map.of());
        round.seedLoner("p-99");
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        String summary = round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(summary).contains("published=10").contains("noMatch=1");
        // partnerships are kept until twelve months after the round ends (2026-06-22); the record
        // of past partners stays until erasure, so that nobody meets the same person twice
        String keptUntil = Long.toString(Instant.parse("2027-06-23T00:00:00Z").getEpochSecond());
        assertThat(round.items("PAIR")).hasSize(10)
                .allSatisfy(p -> assertThat(p.get("expiresAt").n()).isEqualTo(keptUntil));
        assertThat(round.items("PAIR_MEMBER")).hasSize(20)
                .allSatisfy(m -> assertThat(m.get("addressHash").s()).hasSize(64))
                .allSatisfy(m -> assertThat(m.get("expiresAt").n()).isEqualTo(keptUntil));
        assertThat(round.items("PAST_PARTNER")).hasSize(20).allSatisfy(p -> assertThat(p).doesNotContainKey("expiresAt"));
        assertThat(round.items("PUBLISHED")).hasSize(1);
        assertThat(round.status("p-01")).isEqualTo("MATCHED");
        assertThat(round.status("p-99")).isEqualTo("CONFIRMED");
        assertThat(round.mailKeys("introduction:2026-1:")).hasSize(20);
        assertThat(round.mailKeys("no-match:2026-1:")).containsExactly("no-match:2026-1:2026-1:p-99");
        assertThat(round.mailKeys("published-report:2026-1:")).hasSize(1);
        assertThat(new ApplicationStore(round.aws.dynamo(), Aws.TABLE).activeParticipants("2026-1")).hasSize(20);
        // and: the loner (only Japanese) is told why from the matcher's code, the coordinators read it worded
        assertThat(model("no-match:2026-1:2026-1:p-99").get("reasonCode").asText()).isEqualTo("noEligible");
        assertThat(model(round.mailKeys("published-report:2026-1:").get(0)).at("/unmatched/0/reason").asText())
                .isEqualTo("no eligible partner: no one else shares a language");
    }

    @Test
    void an_introduction_names_the_partner_and_gives_reasons_in_the_readers_words() {
        // given
        round.seed(20, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        round.handler().handleRequest(Map.of(), null);

        // then
        String key = round.mailKeys("introduction:2026-1:").get(0);
        String reader = key.substring(key.lastIndexOf(':') + 1);
        JsonNode model = model(key);
        JsonNode partner = model.get("partners").get(0);
        assertThat(partner.get("email").asText()).endsWith("@example.org").doesNotStartWith(reader);
        assertThat(partner.get("givenName").asText()).startsWith("Name");
        assertThat(model.get("reasons")).isNotEmpty();
        assertThat(model.get("reasons").toString()).doesNotContain("p-");
    }

    @Test
    void an_introduction_names_the_languages_the_two_share_and_the_partners_career_stage_and_time_zone() {
        // given
        round.seed(20, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        round.handler().handleRequest(Map.of(), null);

        // then
        JsonNode model = model(round.mailKeys("introduction:2026-1:").get(0));
        JsonNode partner = model.get("partners").get(0);
        // codes in the model; the mail names them in the reader's language
        assertThat(partner.get("sharedLanguages").toString()).isEqualTo("[\"en\"]");
        assertThat(partner.get("careerStage").asText()).isNotBlank().doesNotContain("early", "mid", "senior");
        assertThat(partner.get("timezone").asText()).isEqualTo("UTC");
        Map<String, Object> rendered = new HashMap<>(Json.newMapper().convertValue(model,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        rendered.put("siteUrl", "https://iln.example.org");
        rendered.put("unsubscribeUrl", "");
        String text = new org.iln.mail.MailRenderer().render("match-introduction", rendered).text();
        assertThat(text).contains("Languages you share: English", "Time zone: UTC", "Career stage:");
    }

    @Test
    void reasons_that_name_a_member_are_rewritten_for_each_reader() {
        // given
        Map<String, Application> people = new HashMap<>();
        people.put("p-1", application("p-1", "Ana"));
        people.put("p-17", application("p-17", "Ravi"));

        // when / then
        assertThat(Letters.forReader("p-17 asked for someone in a different sector", "p-17", people))
                .isEqualTo("you asked for someone in a different sector");
        assertThat(Letters.forReader("p-17 asked for someone in a different sector", "p-1", people))
                .isEqualTo("Ravi asked for someone in a different sector");
        assertThat(Letters.forReader("p-1 has waited 40 days for a partner", "p-1", people))
                .isEqualTo("you have waited 40 days for a partner");
        assertThat(Letters.forReader("you both work in public libraries", "p-1", people))
                .isEqualTo("you both work in public libraries");
        people.put("p-3", application("p-3", "Mei"));
        assertThat(Letters.forReader("p-1 and p-17: p-17 asked for a partner in Asia", "p-1", people))
                .isEqualTo("you and Ravi: Ravi asked for a partner in Asia");
        assertThat(Letters.forReader("p-1 and p-17: you both work in public libraries", "p-3", people))
                .isEqualTo("Ana and Ravi: they both work in public libraries");
    }

    @Test
    void publishing_twice_on_the_match_date_changes_nothing() {
        // given
        round.seed(20, Map.of());
        round.seedLoner("p-99");
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        List<Map<String, AttributeValue>> before = round.aws.items();

        // when
        round.clock.advance(Duration.ofHours(1));
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(sorted(round.aws.items())).isEqualTo(sorted(before));
    }

    @Test
    void waitlisted_and_unconfirmed_applications_are_never_matched() {
        // given
        round.seed(20, Map.of("w-1", "WAITLISTED", "u-1", "UNCONFIRMED"));
        round.clock.set(RoundFixture.MATCH_DATE);
        Set<String> operations = new TreeSet<>();
        DynamoDbClient watched = dynamo(round.aws, operations::add);

        // when
        new NightlyMatchingHandler(new AwsClients(watched, round.aws.ses()), round.clock, round.aws.config())
                .handleRequest(Map.of(), null);

        // then
        Set<String> members = round.items("PAIR_MEMBER").stream().map(m -> m.get("participantId").s())
                .collect(Collectors.toSet());
        assertThat(members).hasSize(20).doesNotContain("w-1", "u-1");
        assertThat(round.status("w-1")).isEqualTo("WAITLISTED");
        assertThat(round.status("u-1")).isEqualTo("UNCONFIRMED");
        assertThat(round.mailKeys("no-match:")).isEmpty();
        assertThat(operations).contains("Query").doesNotContain("Scan");
    }

    @Test
    void a_publish_that_crashes_half_way_completes_on_the_next_run_with_each_partnership_once() {
        // given: the fourth partnership's transaction fails, as if the function died there
        round.seed(24, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient failing = dynamo(round.aws, (operation) -> {
            if (operation.equals("TransactWriteItems") && transactions.incrementAndGet() == 4) {
                throw new IllegalStateException("simulated crash after three partnerships");
            }
        });
        NightlyMatchingHandler crashing = new NightlyMatchingHandler(
                new AwsClients(failing, round.aws.ses()), round.clock, round.aws.config());
        assertThatThrownBy(() -> crashing.handleRequest(Map.of(), null)).hasMessage(
                "simulated crash after three partnerships");
        // the writes after the failed one went on (PublishingWriters throws once all have finished)
        assertThat(round.items("PAIR")).hasSize(11);
        assertThat(round.items("PUBLISHED")).isEmpty();

        // when
        round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(round.items("PAIR")).hasSize(12);
        List<String> members = round.items("PAIR_MEMBER").stream().map(m -> m.get("participantId").s()).toList();
        assertThat(members).hasSize(24).doesNotHaveDuplicates();
        assertThat(round.mailKeys("introduction:2026-1:")).hasSize(24)
                .extracting(k -> k.substring(k.lastIndexOf(':') + 1)).doesNotHaveDuplicates();
        assertThat(round.items("PUBLISHED")).hasSize(1);
    }

    @Test
    void people_whose_partner_withdrew_or_was_erased_are_matched_again_never_with_the_old_partner() {
        // given: published, then one member of one pair withdraws and one member of another is erased
        round.seed(20, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        List<List<String>> pairs = round.items("PAIR").stream()
                .map(p -> p.get("members").l().stream().map(AttributeValue::s).toList()).toList();
        List<String> first = pairs.get(0);
        String withdrawn = first.get(0);
        String leftA = first.get(1);
        String leftACountry = country(leftA);
        List<String> second = pairs.stream().skip(1).filter(p -> !country(p.get(1)).equals(leftACountry))
                .findFirst().orElseThrow();
        String erased = second.get(0);
        String leftB = second.get(1);
        round.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#" + withdrawn)))
                .updateExpression("SET #s = :w").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":w", RoundFixture.s("WITHDRAWN"))));
        new PersonalData(round.aws.dynamo(), Aws.TABLE).erase(round.hash(erased));

        // when: a week into the round, run twice
        round.clock.advance(Duration.ofDays(7));
        String summary = round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(summary).contains("dissolved=2").contains("rematched=1");
        assertThat(round.mailKeys("partner-left:2026-1:")).hasSize(2);
        String newPair = PartnershipStore.pairId("2026-1", List.of(leftA, leftB));
        assertThat(round.mailKeys("new-partner:2026-1:" + newPair + ":")).hasSize(2);
        assertThat(round.status(leftA)).isEqualTo("MATCHED");
        assertThat(round.status(leftB)).isEqualTo("MATCHED");
        long active = round.items("PAIR").stream().filter(p -> p.get("status").s().equals("ACTIVE")).count();
        assertThat(active).isEqualTo(9);
        assertThat(round.items("PAIR_MEMBER")).filteredOn(m -> m.containsKey("erased")).hasSize(1)
                .allSatisfy(m -> assertThat(m).doesNotContainKey("addressHash"));
    }

    @Test
    void when_a_member_of_a_group_of_three_withdraws_the_other_two_stay_partners_and_nobody_is_rematched() {
        // given: three people, one willing to have two partners, published as one group of three
        round.seed(3, Map.of());
        round.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#p-01")))
                .updateExpression("SET maxPartners = :two")
                .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        assertThat(round.items("PAIR")).singleElement().satisfies(p -> assertThat(p.get("members").l()).hasSize(3));
        round.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#p-03")))
                .updateExpression("SET #s = :w").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":w", RoundFixture.s("WITHDRAWN"))));

        // when: a week into the round, run twice
        round.clock.advance(Duration.ofDays(7));
        String summary = round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then: the group stays active for the two who remain; no one is told their partner left
        assertThat(summary).contains("dissolved=0").contains("rematched=0");
        assertThat(round.items("PAIR")).singleElement().satisfies(p -> assertThat(p.get("status").s()).isEqualTo("ACTIVE"));
        assertThat(round.mailKeys("partner-left:")).isEmpty();
        assertThat(round.mailKeys("new-partner:")).isEmpty();
        assertThat(round.status("p-01")).isEqualTo("MATCHED");
        assertThat(round.status("p-02")).isEqualTo("MATCHED");
    }

    @Test
    void after_the_first_weeks_nobody_is_matched_again() {
        // given
        round.seed(20, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        String member = round.items("PAIR_MEMBER").get(0).get("participantId").s();
        new PersonalData(round.aws.dynamo(), Aws.TABLE).erase(round.hash(member));

        // when
        round.clock.advance(Duration.ofDays(7 * MatchingNight.REMATCH_WEEKS + 1));
        String summary = round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(summary).contains("dissolved=0");
        assertThat(round.mailKeys("partner-left:")).isEmpty();
    }

    @Test
    void a_person_is_never_matched_with_a_partner_from_an_earlier_round() {
        // given: the only two people of the round were partners before
        round.seed(2, Map.of());
        for (String[] pair : new String[][] {{"p-01", "p-02"}, {"p-02", "p-01"}}) {
            round.aws.dynamo().putItem(b -> b.tableName(Aws.TABLE).item(Map.of(
                    "pk", RoundFixture.s("PERSON#" + round.hash(pair[0])),
                    "sk", RoundFixture.s("PARTNER#" + round.hash(pair[1])),
                    "itemType", RoundFixture.s("PAST_PARTNER"),
                    "addressHash", RoundFixture.s(round.hash(pair[0])),
                    "round", RoundFixture.s("2025-2"))));
        }

        // when
        round.handler().handleRequest(Map.of(), null);

        // then
        MatchResult draft = partnerships().draft("2026-1").orElseThrow();
        assertThat(draft.partnerships()).isEmpty();
        assertThat(draft.unmatched()).extracting(MatchResult.Unmatched::id).containsExactly("p-01", "p-02");
    }

    @Test
    void nobody_is_matched_with_a_past_partner_however_many_of_them_the_matching_first_proposes() {
        // given: of eight people, each two were partners before except four pairs; half of the
        // pairs have a record one way only (the other person asked for erasure, which deletes their own)
        round.seed(8, Map.of());
        Set<List<String>> allowed = Set.of(List.of("p-01", "p-02"), List.of("p-03", "p-04"), List.of("p-05", "p-06"),
                List.of("p-07", "p-08"));
        int pairs = 0;
        for (int i = 1; i <= 8; i++) {
            for (int j = i + 1; j <= 8; j++) {
                List<String> pair = List.of(RoundFixture.id(i), RoundFixture.id(j));
                if (allowed.contains(pair)) {
                    continue;
                }
                pastPartner(pair.get(0), pair.get(1));
                if (pairs++ % 2 == 0) {
                    pastPartner(pair.get(1), pair.get(0));
                }
            }
        }

        // when
        round.handler().handleRequest(Map.of(), null);

        // then: the only matching without a past partner
        MatchResult draft = partnerships().draft("2026-1").orElseThrow();
        assertThat(draft.partnerships()).extracting(MatchResult.Partnership::members)
                .containsExactlyInAnyOrderElementsOf(allowed);
    }

    @Test
    void publishing_reads_past_partners_in_batches_not_a_query_a_person() {
        // given
        round.seed(40, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        Map<String, Integer> calls = new HashMap<>();
        DynamoDbClient watched = dynamo(round.aws, operation -> calls.merge(operation, 1, Integer::sum));

        // when
        new NightlyMatchingHandler(new AwsClients(watched, round.aws.ses()), round.clock, round.aws.config())
                .handleRequest(Map.of(), null);

        // then: 20 partnerships written, their 40 members' past partners read in one batch
        assertThat(round.items("PAIR")).hasSize(20);
        assertThat(calls.get("BatchGetItem")).isBetween(1, 4);
        assertThat(calls.get("Query")).isLessThan(10);
    }

    private void pastPartner(String owner, String partner) {
        round.aws.dynamo().putItem(b -> b.tableName(Aws.TABLE).item(Map.of(
                "pk", RoundFixture.s("PERSON#" + round.hash(owner)),
                "sk", RoundFixture.s("PARTNER#" + round.hash(partner)),
                "itemType", RoundFixture.s("PAST_PARTNER"),
                "addressHash", RoundFixture.s(round.hash(owner)),
                "round", RoundFixture.s("2025-2"))));
    }

    @Test
    void coordinators_pins_and_forbids_shape_the_draft() {
        // given
        round.seed(20, Map.of());
        partnerships().putCoordination("2026-1", new PartnershipStore.Coordination(
                List.of(List.of("p-01", "p-02")), List.of(List.of("p-03", "p-04"))));

        // when
        round.handler().handleRequest(Map.of(), null);

        // then
        MatchResult draft = partnerships().draft("2026-1").orElseThrow();
        assertThat(draft.partnerships()).anySatisfy(p -> {
            assertThat(p.members()).containsExactly("p-01", "p-02");
            assertThat(p.pinned()).isTrue();
        });
        assertThat(draft.partnerships()).noneSatisfy(p -> assertThat(p.members()).contains("p-03", "p-04"));
    }

    @Test
    void a_pin_that_breaks_a_hard_rule_publishes_nothing_and_tells_the_coordinators() {
        // given: p-01 and p-07 both work in Germany
        round.seed(20, Map.of());
        partnerships().putCoordination("2026-1", new PartnershipStore.Coordination(
                List.of(List.of("p-01", "p-07")), List.of()));
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(round.items("PAIR")).isEmpty();
        assertThat(round.items("PUBLISHED")).isEmpty();
        assertThat(round.mailKeys("introduction:")).isEmpty();
        String report = round.mailKeys("publish-error-report:2026-1:").get(0);
        assertThat(model(report).get("summary").get("problem").asText()).contains("p-01").contains("p-07")
                // worded from the catalogue in the coordinator's language (English here), not the matcher's log line
                .contains("are paired by hand but cannot be partners: partners must work in different countries");
    }

    @Test
    void a_confirmed_applicant_whose_address_bounced_or_unsubscribed_is_left_out_of_the_match() {
        // given: 22 confirmed, two of whom can no longer be written to
        round.seed(22, Map.of());
        Suppressions store = new Suppressions(round.aws.dynamo(), Aws.TABLE);
        store.suppress(round.hash("p-01"), "bounce", RoundFixture.MATCH_DATE);
        store.suppress(round.hash("p-02"), "unsubscribed", RoundFixture.MATCH_DATE);
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        String summary = round.handler().handleRequest(Map.of(), null);

        // then: the other 20 are paired; nobody is introduced to someone who will never hear of it
        assertThat(summary).contains("published=10").contains("noMatch=0");
        assertThat(round.items("PAIR_MEMBER")).hasSize(20).extracting(m -> m.get("participantId").s())
                .doesNotContain("p-01", "p-02");
        assertThat(round.status("p-01")).isEqualTo("CONFIRMED");
        assertThat(round.mailKeys("introduction:2026-1:")).hasSize(20)
                .noneMatch(key -> key.endsWith(":p-01") || key.endsWith(":p-02"));
    }

    @Test
    void a_partnership_whose_member_bounced_is_dissolved_and_the_other_told_once() {
        // given
        round.seed(20, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        List<String> pair = round.items("PAIR").get(0).get("members").l().stream().map(AttributeValue::s).toList();
        new Suppressions(round.aws.dynamo(), Aws.TABLE).suppress(round.hash(pair.get(0)), "bounce",
                RoundFixture.MATCH_DATE);

        // when
        round.clock.advance(Duration.ofDays(2));
        round.handler().handleRequest(Map.of(), null);
        round.clock.advance(Duration.ofDays(1));
        round.handler().handleRequest(Map.of(), null);

        // then: nobody else is free, so the other waits, confirmed, for a partner
        assertThat(round.mailKeys("partner-left:")).hasSize(1).allSatisfy(k -> assertThat(k).endsWith(pair.get(1)));
        assertThat(round.status(pair.get(1))).isEqualTo("CONFIRMED");
        assertThat(round.items("PAIR")).filteredOn(p -> p.get("status").s().equals("DISSOLVED")).hasSize(1)
                .allSatisfy(p -> assertThat(p.get("dissolvedBecause").s()).isEqualTo("unreachable"));
    }

    @Test
    void the_queued_messages_render_and_reach_the_people_through_dispatch() {
        // given
        round.seed(4, Map.of());
        round.seedLoner("p-99");
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);

        // when
        new org.iln.mail.DispatchHandler(round.aws.clients(), round.clock, round.aws.config(),
                d -> round.clock.advance(d)).handleRequest(Map.of(), null);

        // then
        List<org.iln.testing.SentMail> sent = round.aws.sentMail();
        List<org.iln.testing.SentMail> intros = sent.stream()
                .filter(m -> m.subject().equals("Meet your International Librarians Network partner")).toList();
        assertThat(intros).hasSize(4).extracting(org.iln.testing.SentMail::to).doesNotHaveDuplicates();
        org.iln.testing.SentMail intro = intros.get(0);
        assertThat(intro.text()).contains("Why we paired you").contains("@example.org").doesNotContain("- p-0")
                .contains("shared interests: Digital libraries");
        assertThat(sent).filteredOn(m -> m.subject().equals("We could not find you a partner this round"))
                .extracting(org.iln.testing.SentMail::to).containsExactly("p-99@example.org");
        assertThat(sent).filteredOn(m -> m.subject().equals("Matching report: Round 1, 2026"))
                .singleElement().satisfies(m -> assertThat(m.text()).contains("p-99").contains("Not matched: 1"));
    }

    private PartnershipStore partnerships() {
        return new PartnershipStore(round.aws.dynamo(), Aws.TABLE);
    }

    private String country(String id) {
        return round.aws.dynamo().getItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#" + id))))
                .item().get("country").s();
    }

    private JsonNode model(String mailKey) {
        Map<String, AttributeValue> item = round.aws.dynamo().getItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("MAIL#" + mailKey), "sk", RoundFixture.s("MAIL")))).item();
        try {
            return Json.newMapper().readTree(item.get("model").s());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> sorted(List<Map<String, AttributeValue>> items) {
        return items.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Application application(String id, String givenName) {
        return new Application("2026-1", id, "h" + id, new Application.Profile(givenName, "", id + "@example.org",
                "AU", "UTC", List.of("en"), "public", "", "mid", List.of(), "any", "any", List.of(), List.of(),
                false, 1, ""), Application.Status.CONFIRMED, java.time.Instant.EPOCH,
                Optional.of(java.time.Instant.EPOCH), Optional.empty());
    }

    interface BeforeCall {
        void before(String operation);
    }

    /** A DynamoDB client on the emulator whose calls first pass through {@code hook}. */
    private static DynamoDbClient dynamo(Aws aws, BeforeCall hook) {
        return aws.onEmulator(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        hook.before(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
    }
}
