package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Suppressions;
import org.iln.matching.MatchResult;
import org.iln.programme.ProgrammeSource;
import org.iln.store.AddressHasher;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A publishing run that reaches the end of its time (a Lambda run's remaining time) stops
 * writing, fails so that it is run again, and the next run resumes the same frozen plan: each
 * partnership and each introduction once, then the round marked published.
 */
@ExtendWith(AwsEmulator.class)
class PublishingTimeBudgetTest {

    @Test
    void a_publish_stopped_by_its_time_budget_is_resumed_by_the_next_run_from_the_frozen_plan(Aws aws) {
        // given: ten confirmed applicants on the match date, and a run with time for two partnerships
        RoundFixture round = new RoundFixture(aws);
        round.seed(10, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        MatchingNight night = night(aws, round);
        AtomicInteger asked = new AtomicInteger();
        Supplier<Duration> twoThenOut = () -> asked.incrementAndGet() <= 2 ? Duration.ofMinutes(10)
                : MatchingNight.PUBLISH_STOP_MARGIN.minusSeconds(1);

        // when
        assertThatThrownBy(() -> night.run(twoThenOut)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("publishing stopped").hasMessageContaining("the next run");
        MatchResult frozen = plan(aws).orElseThrow();
        int pairsAtStop = round.items("PAIR").size();
        List<String> introductionsAtStop = round.mailKeys("introduction:");
        boolean publishedAtStop = !round.items("PUBLISHED").isEmpty();
        round.clock.advance(Duration.ofMinutes(2));
        MatchingNight.Summary resumed = night.run(() -> Duration.ofMinutes(10));

        // then: the stopped run wrote two partnerships and their introductions, and not the marker
        assertThat(pairsAtStop).isEqualTo(2);
        assertThat(introductionsAtStop).hasSize(4);
        assertThat(publishedAtStop).isFalse();
        // and the next run finished the same plan, each partnership and introduction once
        assertThat(resumed.published()).isEqualTo(5);
        assertThat(plan(aws).orElseThrow().partnerships()).isEqualTo(frozen.partnerships());
        assertThat(round.items("PAIR")).extracting(p -> p.get("pairId").s()).hasSize(5).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(frozen.partnerships().stream()
                        .map(p -> PartnershipStore.pairId(RoundFixture.ROUND, p.members())).toList());
        assertThat(round.items("PAIR_MEMBER")).extracting(m -> m.get("participantId").s()).hasSize(10)
                .doesNotHaveDuplicates();
        assertThat(round.mailKeys("introduction:")).hasSize(10).containsAll(introductionsAtStop)
                .extracting(k -> k.substring(k.lastIndexOf(':') + 1)).doesNotHaveDuplicates();
        assertThat(round.items("PUBLISHED")).singleElement()
                .satisfies(p -> assertThat(p.get("partnerships")).isEqualTo(AttributeValue.fromN("5")));
    }

    /** The night as its handler builds it, with one writer (as on the emulator). */
    private static MatchingNight night(Aws aws, RoundFixture round) {
        return new MatchingNight(new ApplicationStore(aws.dynamo(), Aws.TABLE), new Suppressions(aws.dynamo(), Aws.TABLE),
                new PartnershipStore(aws.dynamo(), Aws.TABLE), new Outbox(new MailStore(aws.dynamo(), Aws.TABLE),
                round.clock), new AddressHasher(aws.config().addressKey()),
                ProgrammeSource.of(aws.config().programme(), round.clock), round.clock, 1,
                new MatchingNight.ApprovalPolicy(java.util.Optional.of(0)));
    }

    private static java.util.Optional<MatchResult> plan(Aws aws) {
        return new PartnershipStore(aws.dynamo(), Aws.TABLE).plan(RoundFixture.ROUND);
    }
}
