package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundFixture;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishing a round's partnerships through faults: the matching night's process really killed
 * half-way (a child JVM halting itself after some partnerships were written), or DynamoDB
 * throttling and failing at random; then the night run again until it is done. Every
 * partnership, past-partner record and introduction exists once, and each introduction email
 * goes once.
 */
@ExtendWith(AwsEmulator.class)
class PublishUnderFaultsTest {

    private static final int PEOPLE = 10;
    private static final String INTRODUCTION_SUBJECT = "Meet your International Librarians Network partner";

    @Test
    void a_night_killed_half_way_through_publishing_and_run_again_publishes_everything_exactly_once(Aws aws) {
        // given: ten confirmed applicants on the match date, and a night that dies after its second partnership
        RoundFixture round = new RoundFixture(aws);
        round.seed(PEOPLE, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);

        // when
        ChildJvm.Exit child = ChildJvm.crash("night", aws.endpoint().toString(), RoundFixture.MATCH_DATE.toString(),
                "after-partnership:2");
        int pairsAtKill = round.items("PAIR").size();
        List<String> introductionsAtKill = round.mailKeys("introduction:");
        boolean publishedAtKill = !round.items("PUBLISHED").isEmpty();
        round.handler().handleRequest(Map.of(), null);
        round.clock.advance(Duration.ofHours(6));
        Dispatchers.over(aws, aws.clients(), round.clock, pause -> { }).dispatch(() -> Duration.ofMinutes(10));

        // then: the dead process had written two partnerships, queued the first one's introductions, not finished
        assertThat(child.status()).as(child.output()).isEqualTo(Fault.HALT_STATUS);
        assertThat(pairsAtKill).isEqualTo(2);
        assertThat(introductionsAtKill).hasSize(2);
        assertThat(publishedAtKill).isFalse();
        // and after the second run everything exists once
        assertPublishedOnce(aws, round);
    }

    @Test
    void a_night_publishing_through_random_throttles_and_500s_publishes_everything_exactly_once(Aws aws) {
        // given: ten confirmed applicants on the match date; DynamoDB answers one attempt in ten
        // with a 500 after applying it, throttles one in five, and cancels one transaction in ten
        // as throttled (seeded)
        RoundFixture round = new RoundFixture(aws);
        round.seed(PEOPLE, Map.of());
        round.clock.set(RoundFixture.MATCH_DATE);
        Faults faults = new Faults(11)
                .on(Call.dynamo("TransactWriteItems"), Faults.When.probability(0.10), Fault.dynamoTransactionThrottled())
                .on(Call.anyDynamo(), Faults.When.probability(0.10), Fault.dynamoInternalErrorAfterApplying())
                .on(Call.anyDynamo(), Faults.When.probability(0.20), Fault.dynamoThroughputExceeded());
        NightlyMatchingHandler night = new NightlyMatchingHandler(faults.clients(aws.endpoint()), round.clock,
                aws.config());

        // when: the night is run again (as the schedule's retry would) until the round is published
        int failedRuns = 0;
        for (int run = 0; run < 10 && round.items("PUBLISHED").isEmpty(); run++) {
            try {
                night.handleRequest(Map.of(), null);
            } catch (RuntimeException e) {
                failedRuns++;
            }
        }
        night.handleRequest(Map.of(), null);
        round.clock.advance(Duration.ofHours(6));
        Dispatchers.over(aws, aws.clients(), round.clock, pause -> { }).dispatch(() -> Duration.ofMinutes(10));

        // then
        assertThat(faults.count()).isGreaterThan(5);
        assertThat(failedRuns).isLessThan(10);
        assertPublishedOnce(aws, round);
    }

    private static void assertPublishedOnce(Aws aws, RoundFixture round) {
        List<String> everyone = IntStream.rangeClosed(1, PEOPLE).mapToObj(RoundFixture::id).toList();
        List<Map<String, AttributeValue>> pairs = round.items("PAIR");
        assertThat(pairs).hasSize(PEOPLE / 2);
        assertThat(pairs.stream().flatMap(p -> p.get("members").l().stream().map(AttributeValue::s)))
                .containsExactlyInAnyOrderElementsOf(everyone);
        assertThat(round.items("PAIR_MEMBER")).hasSize(PEOPLE);
        assertThat(round.items("PAST_PARTNER")).hasSize(PEOPLE)
                .extracting(i -> i.get("pk").s() + " " + i.get("sk").s()).doesNotHaveDuplicates();
        assertThat(round.items("PUBLISHED")).hasSize(1);
        assertThat(everyone).allSatisfy(id -> assertThat(round.status(id)).isEqualTo("MATCHED"));
        assertThat(round.mailKeys("introduction:")).hasSize(PEOPLE);
        // and each person got one introduction
        Map<String, Long> introductions = aws.sentMail().stream()
                .filter(m -> INTRODUCTION_SUBJECT.equals(m.subject()))
                .collect(Collectors.groupingBy(SentMail::to, Collectors.counting()));
        assertThat(introductions).containsOnlyKeys(everyone.stream().map(round::email).toList())
                .allSatisfy((to, n) -> assertThat(n).isOne());
        assertThat(aws.sentMail()).extracting(m -> m.to() + " " + m.subject()).doesNotHaveDuplicates();
    }
}
