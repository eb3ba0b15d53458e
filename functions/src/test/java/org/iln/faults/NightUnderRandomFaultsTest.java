package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.iln.mail.Dispatcher;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundFixture;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The match night, its dispatch and the nights after it, every DynamoDB and SES call of them
 * through random faults: throttling, 500s and read timeouts (before and after DynamoDB applied
 * the request), transactions cancelled as throttled, SES throttling and timeouts before sending.
 * Each failed run is run again, as the schedule's retry and the next run would. The same
 * promises as when the process is killed ({@link NightKilledTest}).
 *
 * <p>The seed is new each run, so that the suite tries other faults each time; it is printed,
 * and {@code -Diln.faults.seed=N} replays a run.
 */
@ExtendWith(AwsEmulator.class)
class NightUnderRandomFaultsTest {

    private static final int RUNS = 20;

    @Test
    void a_round_published_and_sent_through_random_faults_introduces_everyone_once(Aws aws) {
        // given: eleven confirmed applicants on the match date, and clients failing at random
        long seed = Long.getLong("iln.faults.seed", System.nanoTime());
        System.out.println("NightUnderRandomFaultsTest: fault seed " + seed + " (replay with -Diln.faults.seed="
                + seed + ")");
        RoundFixture round = new RoundFixture(aws);
        round.seed(10, Map.of());
        round.seedLoner("p-99");
        Faults faults = new Faults(seed)
                .on(Call.dynamo("TransactWriteItems"), Faults.When.probability(0.08), Fault.dynamoTransactionThrottled())
                .on(Call.anyDynamo(), Faults.When.probability(0.04), Fault.dynamoInternalErrorAfterApplying())
                .on(Call.anyDynamo(), Faults.When.probability(0.04), Fault.dynamoInternalError())
                .on(Call.anyDynamo(), Faults.When.probability(0.04), Fault.timeoutAfterApplying())
                .on(Call.anyDynamo(), Faults.When.probability(0.04), Fault.timeout())
                .on(Call.anyDynamo(), Faults.When.probability(0.10), Fault.dynamoThroughputExceeded())
                .on(Call.sendEmail(), Faults.When.probability(0.15), Fault.sesTooManyRequests())
                .on(Call.sendEmail(), Faults.When.probability(0.05), Fault.timeout());
        NightlyMatchingHandler night = new NightlyMatchingHandler(faults.clients(aws.endpoint()), round.clock,
                aws.config());
        Dispatcher dispatcher = Dispatchers.over(aws, faults.clients(aws.endpoint()), round.clock, pause -> { });

        // when: the match night and the two after it, each run until it succeeds, then dispatch until the outbox is empty
        int failedRuns = 0;
        for (int day = 0; day < 3; day++) {
            round.clock.set(RoundFixture.MATCH_DATE.plus(Duration.ofDays(day)));
            failedRuns += untilDone(() -> night.handleRequest(Map.of(), null));
            round.clock.advance(Duration.ofHours(6));
            for (int run = 0; run < RUNS && !round.pendingMail().isEmpty(); run++) {
                failedRuns += untilDone(() -> dispatcher.dispatch(() -> Duration.ofMinutes(10)));
                round.clock.advance(Dispatcher.LEASE.plusSeconds(1));
            }
        }

        // then
        try {
            assertThat(faults.count()).isGreaterThan(5);
            assertThat(round.pendingMail()).isEmpty();
            NightKilledTest.assertEveryoneOnceAndNothingTwice(aws, round, NightKilledTest.everyone());
        } catch (AssertionError e) {
            throw new AssertionError("with fault seed " + seed + " (replay with -Diln.faults.seed=" + seed + "), "
                    + failedRuns + " failed runs, faults " + faults.injected() + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code job} until it returns, at most {@link #RUNS} times; how many runs failed. */
    private static int untilDone(Runnable job) {
        for (int failed = 0; failed < RUNS; failed++) {
            try {
                job.run();
                return failed;
            } catch (RuntimeException e) {
                // An errored invocation: the schedule's retry, or the next run, runs it again.
            }
        }
        throw new AssertionError("still failing after " + RUNS + " runs");
    }
}
