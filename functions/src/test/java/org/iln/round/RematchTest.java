package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.programme.ProgrammeSource;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The re-match's and the round care's limits, against the emulator: someone silent is never
 * handed a new partner until they say they are still here, nobody gets more than
 * {@link RoundCare#MAX_REMATCHES} new partners, whoever is left alone when the window closes is
 * told, once, and no letter goes out more than {@link RoundCare#LATEST_NIGHTS} nights late.
 */
@ExtendWith(AwsEmulator.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RematchTest {

    RoundFixture round;
    PartnershipStore partnerships;

    @BeforeEach
    void setUp(Aws aws) {
        round = new RoundFixture(aws);
        partnerships = new PartnershipStore(aws.dynamo(), Aws.TABLE);
        round.seed(4, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        round.handler().handleRequest(Map.of(), null);
        assertThat(partnerships.pairs(RoundFixture.ROUND)).hasSize(2);
    }

    @Test
    void a_member_dissolved_for_silence_is_left_out_of_the_rematch_until_they_say_they_are_still_here() {
        // given: pair A nudged and unanswered, and a member of pair B withdrew
        List<PartnershipStore.Pair> pairs = partnerships.pairs(RoundFixture.ROUND);
        PartnershipStore.Pair a = pairs.get(0);
        PartnershipStore.Pair b = pairs.get(1);
        String reporter = a.members().get(0);
        String silent = a.members().get(1);
        String aloneInB = b.members().get(0);
        CareStore care = new CareStore(round.aws.dynamo(), Aws.TABLE);
        round.clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(care.nudge(RoundFixture.ROUND, a, reporter, java.time.LocalDate.parse("2026-03-07"),
                round.clock.instant())).isEqualTo(CareStore.Nudged.NUDGED);
        withdraw(b.members().get(1));

        // when: the due night (matching, then care) and the night after
        round.clock.set(Instant.parse("2026-03-07T02:00:00Z"));
        round.handler().handleRequest(Map.of(), null);
        String summary = care().run().toString();
        round.clock.set(Instant.parse("2026-03-08T02:00:00Z"));
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(summary).contains("dissolvedForSilence=1");
        Set<String> active = activeMembers();
        assertThat(active).contains(reporter, aloneInB).doesNotContain(silent);
        assertThat(round.status(silent)).isEqualTo("CONFIRMED");

        // when: the silent one comes back
        PartnershipStore.Pair dissolved = partnerships.pairs(RoundFixture.ROUND).stream()
                .filter(p -> p.id().equals(a.id())).findFirst().orElseThrow();
        assertThat(care.returnAfterSilence(RoundFixture.ROUND, dissolved, silent)).isTrue();

        // then: a replayed answer changes nothing, and nobody else is held back
        assertThat(care.returnAfterSilence(RoundFixture.ROUND, dissolved, silent)).isFalse();
        assertThat(partnerships.pairs(RoundFixture.ROUND).stream().filter(p -> p.id().equals(a.id())).findFirst()
                .orElseThrow().heldBack()).isEmpty();
    }

    @Test
    void someone_over_the_rematch_limit_is_told_kindly_instead_of_getting_another_partner() {
        // given: one member has had MAX_REMATCHES new partners already, and both pairs lose a member
        List<PartnershipStore.Pair> pairs = partnerships.pairs(RoundFixture.ROUND);
        String often = pairs.get(0).members().get(0);
        String other = pairs.get(1).members().get(0);
        for (int i = 0; i < RoundCare.MAX_REMATCHES; i++) {
            seedDissolvedRematch("old-" + i, List.of(often, "p-9" + i));
        }
        withdraw(pairs.get(0).members().get(1));
        withdraw(pairs.get(1).members().get(1));

        // when: a week in, run twice
        round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(7)));
        round.handler().handleRequest(Map.of(), null);
        round.handler().handleRequest(Map.of(), null);

        // then
        assertThat(round.mailKeys("no-new-partner:")).containsExactly("no-new-partner:2026-1:2026-1:" + often);
        assertThat(activeMembers()).doesNotContain(often, other);
        assertThat(round.status(often)).isEqualTo("CONFIRMED");
    }

    @Test
    void whoever_is_left_alone_when_the_window_closes_gets_one_letter() {
        // given: a member of one pair withdrew, and nobody else is free to be the other's new partner
        List<PartnershipStore.Pair> pairs = partnerships.pairs(RoundFixture.ROUND);
        String left = pairs.get(0).members().get(0);
        withdraw(pairs.get(0).members().get(1));
        round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(7)));
        round.handler().handleRequest(Map.of(), null);
        assertThat(round.status(left)).isEqualTo("CONFIRMED");

        // when: care inside the window, then twice after it
        String inside = care().run().toString();
        round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(7L * MatchingNight.REMATCH_WEEKS + 1)));
        String after = care().run().toString();
        care().run();

        // then
        assertThat(inside).contains("toldNoNewPartner=0");
        assertThat(after).contains("toldNoNewPartner=1");
        assertThat(round.mailKeys("no-new-partner:")).containsExactly("no-new-partner:2026-1:2026-1:" + left);
        assertThat(round.mailKeys("no-new-partner:")).doesNotContain("no-new-partner:2026-1:2026-1:"
                + pairs.get(1).members().get(0));
    }

    @Test
    void a_check_in_or_a_window_closed_letter_is_never_sent_more_than_a_week_late() {
        // given: a member left alone by a withdrawal, and nights missed until long after both were due
        List<PartnershipStore.Pair> pairs = partnerships.pairs(RoundFixture.ROUND);
        withdraw(pairs.get(0).members().get(1));
        round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(7)));
        round.handler().handleRequest(Map.of(), null);

        // when: the first care night is eight nights after the window closed (and the check-ins' day)
        round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(7L * MatchingNight.REMATCH_WEEKS
                + RoundCare.LATEST_NIGHTS + 1)));
        String summary = care().run().toString();

        // then: the outbox forgets a sent key after 30 days, so a late send could repeat: none is made
        assertThat(summary).contains("checkIns=0").contains("toldNoNewPartner=0");
        assertThat(round.mailKeys("no-new-partner:")).isEmpty();
        assertThat(round.mailKeys("check-in:")).isEmpty();
    }

    @Test
    void the_limit_counts_rematched_partnerships_dissolved_or_not() {
        // given
        List<PartnershipStore.Pair> pairs = List.of(
                new PartnershipStore.Pair("x", List.of("p-1", "p-2"), Map.of(), Set.of(),
                        PartnershipStore.PairStatus.DISSOLVED, true, 0, List.of()),
                new PartnershipStore.Pair("y", List.of("p-1", "p-3"), Map.of(), Set.of(),
                        PartnershipStore.PairStatus.DISSOLVED, true, 0, List.of()),
                new PartnershipStore.Pair("z", List.of("p-2", "p-4"), Map.of(), Set.of(),
                        PartnershipStore.PairStatus.DISSOLVED, false, 0, List.of()));

        // then
        assertThat(MatchingNight.overRematchLimit(Set.of("p-1", "p-2", "p-4"), pairs)).containsExactly("p-1");
    }

    private RoundCare care() {
        return new RoundCare(new ApplicationStore(round.aws.dynamo(), Aws.TABLE), partnerships,
                new CareStore(round.aws.dynamo(), Aws.TABLE),
                new Outbox(new MailStore(round.aws.dynamo(), Aws.TABLE), round.clock),
                ProgrammeSource.of(round.aws.config().programme(), round.clock), round.clock);
    }

    private Set<String> activeMembers() {
        Set<String> active = new java.util.HashSet<>();
        partnerships.pairs(RoundFixture.ROUND).stream().filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .forEach(p -> active.addAll(p.members()));
        return active;
    }

    private void withdraw(String id) {
        round.aws.dynamo().updateItem(b -> b.tableName(Aws.TABLE)
                .key(Map.of("pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("APP#" + id)))
                .updateExpression("SET #s = :w").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":w", RoundFixture.s("WITHDRAWN"))));
    }

    private void seedDissolvedRematch(String id, List<String> members) {
        round.aws.dynamo().putItem(b -> b.tableName(Aws.TABLE).item(Map.of(
                "pk", RoundFixture.s("ROUND#2026-1"), "sk", RoundFixture.s("PAIR#" + id),
                "itemType", RoundFixture.s("PAIR"), "pairId", RoundFixture.s(id),
                "members", AttributeValue.fromL(members.stream().map(AttributeValue::fromS).toList()),
                "status", RoundFixture.s("DISSOLVED"), "rematch", AttributeValue.fromBool(true))));
    }
}
