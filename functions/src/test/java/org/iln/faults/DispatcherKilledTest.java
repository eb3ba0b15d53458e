package org.iln.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.iln.mail.Dispatcher;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.StoredMail;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SentMail;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dispatcher process really killed mid-run (a child JVM halting itself), then a recovery run
 * once the dead process's lease has lapsed: between claim and send nothing is lost or repeated;
 * after SES accepted and before the sent mark, the one message in flight goes twice (the window
 * docs/mail.md describes), with the same Message-ID.
 */
@ExtendWith(AwsEmulator.class)
class DispatcherKilledTest {

    private static final Instant NOW = Instant.parse("2026-02-23T08:00:00Z");
    private static final int MESSAGES = 6;

    private final SettableClock clock = new SettableClock(NOW);

    @Test
    void a_dispatcher_killed_between_claim_and_send_loses_nothing_and_repeats_nothing(Aws aws) {
        // given: six queued messages, and a dispatcher process that dies just before its third send
        List<String> ids = queue(aws);

        // when
        ChildJvm.Exit child = ChildJvm.crash("dispatch", aws.endpoint().toString(), NOW.toString(), "before-send:3");
        Map<StoredMail.Status, Long> afterKill = statuses(aws, ids);
        Dispatcher.Report duringLease = dispatcher(aws).dispatch(() -> Duration.ofMinutes(10));
        clock.advance(Dispatcher.LEASE.plusSeconds(1));
        Dispatcher.Report afterLease = dispatcher(aws).dispatch(() -> Duration.ofMinutes(10));

        // then: the dead process sent two and held the third's claim
        assertThat(child.status()).as(child.output()).isEqualTo(Fault.HALT_STATUS);
        assertThat(afterKill).containsEntry(StoredMail.Status.SENT, 2L).containsEntry(StoredMail.Status.CLAIMED, 1L)
                .containsEntry(StoredMail.Status.QUEUED, 3L);
        // and the recovery left the claimed one alone until its lease lapsed, then sent it
        assertThat(duringLease.sent()).isEqualTo(3);
        assertThat(afterLease.sent()).isEqualTo(1);
        assertThat(countByRecipient(aws)).containsOnlyKeys(addresses(ids)).allSatisfy((to, n) -> assertThat(n).isOne());
        assertThat(statuses(aws, ids)).containsOnly(Map.entry(StoredMail.Status.SENT, (long) MESSAGES));
    }

    @Test
    void a_dispatcher_killed_after_ses_accepted_a_message_sends_that_one_message_again_with_the_same_message_id(
            Aws aws) {
        // given: six queued messages, and a dispatcher process that dies right after SES accepted the third
        List<String> ids = queue(aws);

        // when
        ChildJvm.Exit child = ChildJvm.crash("dispatch", aws.endpoint().toString(), NOW.toString(), "after-send:3");
        clock.advance(Dispatcher.LEASE.plusSeconds(1));
        dispatcher(aws).dispatch(() -> Duration.ofMinutes(10));

        // then: the one message in flight at the kill went twice, the others once
        assertThat(child.status()).as(child.output()).isEqualTo(Fault.HALT_STATUS);
        Map<String, Long> counts = countByRecipient(aws);
        assertThat(counts).containsOnlyKeys(addresses(ids));
        assertThat(counts.values().stream().filter(n -> n == 2)).hasSize(1);
        assertThat(counts.values().stream().filter(n -> n == 1)).hasSize(MESSAGES - 1);
        List<String> twice = aws.sentMail().stream().filter(m -> counts.get(m.to()) == 2)
                .map(m -> header(m.raw(), "Message-ID")).distinct().toList();
        assertThat(twice).hasSize(1);
    }

    private List<String> queue(Aws aws) {
        Outbox outbox = new Outbox(new MailStore(aws.dynamo(), Aws.TABLE), clock);
        List<String> ids = IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "p-" + i).toList();
        for (String id : ids) {
            outbox.enqueue(OutboxMessage.programme("no-match", "2026-1", "2026-1", id, "no-match", id + "@example.org",
                    "hash-" + id, Map.of("givenName", "Name " + id, "roundTitle", "Round 1, 2026"), List.of()));
        }
        return ids;
    }

    private Dispatcher dispatcher(Aws aws) {
        return Dispatchers.over(aws, aws.clients(), clock, pause -> { });
    }

    private static Map<StoredMail.Status, Long> statuses(Aws aws, List<String> ids) {
        MailStore store = new MailStore(aws.dynamo(), Aws.TABLE);
        return ids.stream().map(id -> store.mail("no-match:2026-1:2026-1:" + id).orElseThrow().status())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> countByRecipient(Aws aws) {
        return aws.sentMail().stream().collect(Collectors.groupingBy(SentMail::to, Collectors.counting()));
    }

    private static String[] addresses(List<String> ids) {
        return ids.stream().map(id -> id + "@example.org").toArray(String[]::new);
    }

    private static String header(String raw, String name) {
        return raw.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
