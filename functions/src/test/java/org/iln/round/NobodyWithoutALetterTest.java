package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iln.faults.Call;
import org.iln.faults.Fault;
import org.iln.faults.Faults;
import org.iln.mail.MailStore;
import org.iln.matching.MatchResult;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everyone still waiting for a partner hears so: whoever's planned partner left between the
 * frozen plan and its partnership being written is told on the publishing night, with one no-match
 * letter. (Whoever the re-match leaves alone is told by the round's care when the window closes:
 * RematchTest.)
 */
@ExtendWith(AwsEmulator.class)
class NobodyWithoutALetterTest {

    private RoundFixture round;

    @BeforeEach
    void setUp(Aws aws) {
        round = new RoundFixture(aws);
    }

    @Test
    void the_partner_of_someone_who_withdrew_between_plan_and_publishing_gets_a_no_match_letter_once() {
        // given: the plan frozen and four of five partnerships written (the first transaction failed)
        round.seed(10, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        Faults faults = new Faults(0).on(Call.dynamo("TransactWriteItems", "PAIR_MEMBER"), Faults.When.nth(1),
                Fault.dynamoTransactionThrottled());
        NightlyMatchingHandler failing = new NightlyMatchingHandler(faults.clients(round.aws.endpoint()), round.clock,
                round.aws.config());
        assertThatThrownBy(() -> failing.handleRequest(Map.of(), null)).hasMessageContaining("Transaction cancelled");
        List<String> unwritten = unwrittenPartnership();
        // and one of its members withdraws before the next run
        String withdrawn = unwritten.get(0);
        String waiting = unwritten.get(1);
        withdraw(withdrawn);

        // when: the night runs again, twice
        String summary = round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then: published without that partnership; the one left waiting is told, once
        assertThat(summary).contains("published=4");
        assertThat(round.items("PUBLISHED")).hasSize(1);
        assertThat(round.status(waiting)).isEqualTo("CONFIRMED");
        assertThat(round.mailKeys("no-match:")).containsExactly("no-match:2026-1:2026-1:" + waiting);
        assertThat(round.mailKeys("introduction:")).hasSize(8)
                .noneMatch(k -> k.endsWith(":" + waiting) || k.endsWith(":" + withdrawn));
        // (the letter names its reason by the catalogue's key, which the mail words in the reader's language)
        assertThat(model("no-match:2026-1:2026-1:" + waiting)).contains("\"reasonCode\":\"partnerLeft\"");
        assertThat(org.iln.messages.compiled.CompiledCatalogues.bundled().of("en").format("mail.noMatch.reason.partnerLeft"))
                .contains("left the round before we could introduce you");
        // and the night's check counts them among those who must have a letter
        assertThat(invariants().checkRound(RoundFixture.ROUND).broken()).isFalse();
    }

    private List<String> unwrittenPartnership() {
        MatchResult plan = new PartnershipStore(round.aws.dynamo(), Aws.TABLE).plan(RoundFixture.ROUND).orElseThrow();
        List<String> written = round.items("PAIR").stream().map(p -> p.get("pairId").s()).toList();
        assertThat(written).hasSize(4);
        return plan.partnerships().stream().map(MatchResult.Partnership::members)
                .filter(m -> !written.contains(PartnershipStore.pairId(RoundFixture.ROUND, m)))
                .findFirst().orElseThrow();
    }

    private void withdraw(String id) {
        round.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#" + id)))
                .updateExpression("SET #s = :w").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":w", RoundFixture.s("WITHDRAWN"))));
    }

    private String model(String key) {
        return round.items("MAIL").stream().filter(i -> i.get("pk").s().equals("MAIL#" + key)).findFirst()
                .orElseThrow().get("model").s();
    }

    private RoundInvariants invariants() {
        return new RoundInvariants(round.aws.dynamo(), Aws.TABLE, new ApplicationStore(round.aws.dynamo(), Aws.TABLE),
                new MailStore(round.aws.dynamo(), Aws.TABLE), new PartnershipStore(round.aws.dynamo(), Aws.TABLE));
    }
}
