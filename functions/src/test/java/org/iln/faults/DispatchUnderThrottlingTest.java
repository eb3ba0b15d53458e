package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.iln.aws.AwsClients;
import org.iln.mail.Dispatcher;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.SendRate;
import org.iln.mail.StoredMail;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dispatch while SES throttles (HTTP 429 on the wire, retried first by the SDK, then by the
 * dispatcher's own backoff): nothing is lost, nothing goes twice, the pauses grow, and what could
 * not be sent stays queued for the next run.
 */
@ExtendWith(AwsEmulator.class)
class DispatchUnderThrottlingTest {

    private static final Instant NOW = Instant.parse("2026-02-23T08:00:00Z");
    /** SES attempts the SDK makes for one SendEmail call, at least. */
    private static final int SDK_ATTEMPTS = 3;

    private final SettableClock clock = new SettableClock(NOW);
    private final List<Duration> pauses = new ArrayList<>();
    private final SendRate rate = Dispatchers.rate(clock, pauses::add);

    @Test
    void when_ses_throttles_at_random_every_message_goes_exactly_once_and_the_pauses_grow(Aws aws) {
        // given: 12 queued messages; SES refuses six attempts in ten (seeded)
        List<String> ids = queue(aws, 12);
        Faults faults = new Faults(7).on(Call.sendEmail(), Faults.When.probability(0.6), Fault.sesTooManyRequests());
        Dispatcher dispatcher = dispatcher(aws, faults.clients(aws.endpoint()));

        // when: the scheduled runs go on, a minute apart, until the outbox is empty
        List<Dispatcher.Report> runs = new ArrayList<>();
        for (int run = 0; run < 20 && !pending(aws).isEmpty(); run++) {
            runs.add(dispatcher.dispatch(() -> Duration.ofMinutes(10)));
            clock.advance(Duration.ofMinutes(1));
        }

        // then
        assertThat(faults.count()).isGreaterThan(SDK_ATTEMPTS);
        assertThat(runs.stream().mapToInt(Dispatcher.Report::sent).sum()).isEqualTo(ids.size());
        assertEachSentOnce(aws, ids);
        List<Duration> backoffs = pauses.stream().filter(d -> d.toMillis() >= 100).toList();
        assertThat(backoffs).as("the dispatcher's own backoff after the SDK's retries").isNotEmpty();
    }

    @Test
    void when_ses_throttles_past_every_retry_the_run_stops_and_the_next_run_sends_everything_once(Aws aws) {
        // given: SES throttles every attempt during the first run
        List<String> ids = queue(aws, 5);
        AtomicBoolean throttling = new AtomicBoolean(true);
        Faults faults = new Faults(1).on(Call.sendEmail(), (n, random) -> throttling.get(),
                Fault.sesTooManyRequests());
        Dispatcher dispatcher = dispatcher(aws, faults.clients(aws.endpoint()));

        // when
        Dispatcher.Report throttled = dispatcher.dispatch(() -> Duration.ofMinutes(10));
        List<StoredMail> afterThrottling = ids.stream().map(id -> store(aws).mail(key(id)).orElseThrow()).toList();
        double paceAfterThrottling = rate.pace();
        List<Duration> backoffs = pauses.stream().filter(d -> d.toMillis() >= 100).toList();
        throttling.set(false);
        clock.advance(Duration.ofMinutes(5));
        Dispatcher.Report next = dispatcher.dispatch(() -> Duration.ofMinutes(10));

        // then: the first run sent nothing, backed off harder each time, and put the message back
        assertThat(faults.count()).isGreaterThanOrEqualTo(6 * SDK_ATTEMPTS);
        assertThat(throttled.sent()).isZero();
        assertThat(throttled.requeued()).isEqualTo(1);
        assertThat(throttled.stoppedBecause()).contains("ses-unavailable");
        assertThat(afterThrottling).extracting(StoredMail::status).containsOnly(StoredMail.Status.QUEUED);
        assertThat(backoffs).hasSize(5);
        assertThat(backoffs.get(4)).isGreaterThan(backoffs.get(0));
        // and the send rate backed off: six throttles halved the pace six times
        assertThat(paceAfterThrottling).isLessThan(14.0 / 32);
        // and the next run sent each message once, its pace recovering as they went
        assertThat(next.sent()).isEqualTo(ids.size());
        assertThat(rate.pace()).isGreaterThan(paceAfterThrottling).isLessThan(14);
        assertEachSentOnce(aws, ids);
    }

    @Test
    void when_dynamodb_throttles_and_fails_at_random_every_message_still_goes_exactly_once(Aws aws) {
        // given: DynamoDB throttles one attempt in four and answers one in ten with a 500 after applying it
        List<String> ids = queue(aws, 8);
        Faults faults = new Faults(3)
                .on(Call.anyDynamo(), Faults.When.probability(0.10), Fault.dynamoInternalErrorAfterApplying())
                .on(Call.anyDynamo(), Faults.When.probability(0.25), Fault.dynamoThroughputExceeded());
        Dispatcher dispatcher = dispatcher(aws, faults.clients(aws.endpoint()));

        // when: runs go on, each a lease apart (a run that fails is an errored invocation, retried by the schedule)
        int failedRuns = 0;
        for (int run = 0; run < 12 && !pending(aws).isEmpty(); run++) {
            try {
                dispatcher.dispatch(() -> Duration.ofMinutes(10));
            } catch (RuntimeException e) {
                failedRuns++;
            }
            clock.advance(Dispatcher.LEASE.plusSeconds(1));
        }

        // then
        assertThat(faults.count()).isGreaterThan(5);
        assertThat(pending(aws)).isEmpty();
        assertEachSentOnce(aws, ids);
        assertThat(failedRuns).isLessThan(12);
    }

    @Test
    void a_message_whose_unsubscribe_link_cannot_be_stored_is_put_back_not_failed(Aws aws) {
        // given: during the first run, DynamoDB throttles every write of an unsubscribe link's token
        List<String> ids = queue(aws, 3);
        AtomicBoolean throttling = new AtomicBoolean(true);
        Faults faults = new Faults(1).on(Call.dynamo("PutItem", "\"TOKEN#"), (n, random) -> throttling.get(),
                Fault.dynamoThroughputExceeded());
        Dispatcher dispatcher = dispatcher(aws, faults.clients(aws.endpoint()));

        // when
        Dispatcher.Report first = dispatcher.dispatch(() -> Duration.ofMinutes(10));
        throttling.set(false);
        clock.advance(Duration.ofMinutes(1));
        Dispatcher.Report next = dispatcher.dispatch(() -> Duration.ofMinutes(10));

        // then: the first run put its message back and stopped; nothing failed for good; each went once
        assertThat(faults.count()).isGreaterThan(1);
        assertThat(first.stoppedBecause()).contains("store-unavailable");
        assertThat(first.failed() + next.failed()).isZero();
        assertThat(first.sent() + next.sent()).isEqualTo(ids.size());
        assertEachSentOnce(aws, ids);
    }

    @Test
    void a_message_whose_sent_mark_dynamodb_throttles_past_the_sdk_retries_is_not_sent_again(Aws aws) {
        // given: DynamoDB throttles the first six attempts at a sent mark (more than the SDK's retries)
        List<String> ids = queue(aws, 3);
        Faults faults = new Faults(1).on(Call.dynamo("UpdateItem", "sentAt"), Faults.When.first(6),
                Fault.dynamoThroughputExceeded());
        Dispatcher dispatcher = dispatcher(aws, faults.clients(aws.endpoint()));

        // when
        Dispatcher.Report run = dispatcher.dispatch(() -> Duration.ofMinutes(10));
        clock.advance(Dispatcher.LEASE.plusSeconds(1));
        Dispatcher.Report next = dispatcher.dispatch(() -> Duration.ofMinutes(10));

        // then: the mark was tried again, not the send; each message went once and is marked sent
        assertThat(faults.count()).isEqualTo(6);
        assertThat(run.sent()).isEqualTo(ids.size());
        assertThat(next.sent()).isZero();
        assertEachSentOnce(aws, ids);
    }

    private static List<Map<String, AttributeValue>> pending(Aws aws) {
        return aws.dynamo().query(b -> b.tableName(Aws.TABLE).indexName("mail-queue")
                .keyConditionExpression("mailQueue = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PENDING")))).items();
    }

    private Dispatcher dispatcher(Aws aws, AwsClients clients) {
        return Dispatchers.over(aws, clients, clock, rate);
    }

    private List<String> queue(Aws aws, int count) {
        Outbox outbox = new Outbox(store(aws), clock);
        List<String> ids = IntStream.rangeClosed(1, count).mapToObj(i -> "p-" + i).toList();
        for (String id : ids) {
            outbox.enqueue(OutboxMessage.programme("no-match", "2026-1", "2026-1", id, "no-match",
                    id + "@example.org", "hash-" + id, Map.of("givenName", "Name " + id, "roundTitle", "Round 1, 2026"),
                    List.of("team@iln.example.org")));
        }
        return ids;
    }

    private static String key(String id) {
        return "no-match:2026-1:2026-1:" + id;
    }

    private static MailStore store(Aws aws) {
        return new MailStore(aws.dynamo(), Aws.TABLE);
    }

    private static void assertEachSentOnce(Aws aws, List<String> ids) {
        assertThat(aws.sentMail()).extracting(SentMail::to)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + "@example.org").toList());
        for (String id : ids) {
            assertThat(store(aws).mail(key(id))).get().extracting(StoredMail::status).isEqualTo(StoredMail.Status.SENT);
        }
    }
}
