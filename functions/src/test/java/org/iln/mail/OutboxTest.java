package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class OutboxTest {

    static final Instant NOW = Instant.parse("2026-02-23T08:00:00Z");

    static OutboxMessage introduction(String participantId) {
        return OutboxMessage.programme("introduction", "2026-1", "pair-7", participantId, "match-introduction",
                participantId + "@example.org", "hash-" + participantId, Map.of("givenName", "Ana"),
                List.of("team@iln.example.org"));
    }

    @Test
    void enqueuing_the_same_message_twice_queues_it_once(Aws aws) {
        // given
        MailStore store = new MailStore(aws.dynamo(), Aws.TABLE);
        Outbox outbox = new Outbox(store, new SettableClock(NOW));

        // when
        boolean first = outbox.enqueue(introduction("p-1"));
        boolean second = outbox.enqueue(introduction("p-1"));

        // then
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store.dueMail(NOW).toList()).containsExactly("introduction:2026-1:pair-7:p-1");
        assertThat(store.mail("introduction:2026-1:pair-7:p-1")).get()
                .extracting(StoredMail::status).isEqualTo(StoredMail.Status.QUEUED);
    }

    @Test
    void a_key_holding_an_address_is_refused() {
        assertThatThrownBy(() -> new OutboxMessage("welcome:ana@example.org", "confirmed", "ana@example.org", "h",
                Map.of(), List.of(), true, java.util.Optional.empty(), java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key")
                .hasMessageNotContaining("ana@example.org");
    }

    @Test
    void a_claim_is_held_by_one_dispatcher_until_its_lease_ends(Aws aws) {
        // given
        MailStore store = new MailStore(aws.dynamo(), Aws.TABLE);
        new Outbox(store, new SettableClock(NOW)).enqueue(introduction("p-1"));
        String key = "introduction:2026-1:pair-7:p-1";

        // when
        var first = store.claimQueuedMail(key, NOW, NOW.plus(Duration.ofMinutes(2)));
        var whileLeased = store.claimQueuedMail(key, NOW.plusSeconds(60), NOW.plusSeconds(60 + 120));
        var afterLease = store.claimQueuedMail(key, NOW.plusSeconds(121), NOW.plusSeconds(121 + 120));

        // then
        assertThat(first).get().satisfies(m -> {
            assertThat(m.to()).isEqualTo("p-1@example.org");
            assertThat(m.modelJson()).contains("\"givenName\":\"Ana\"");
            assertThat(m.attempts()).isEqualTo(1);
        });
        assertThat(whileLeased).isEmpty();
        assertThat(store.dueMail(NOW.plusSeconds(60)).toList()).isEmpty();
        assertThat(afterLease).get().extracting(StoredMail::attempts).isEqualTo(2);
    }

    @Test
    void a_sent_message_leaves_the_queue_and_its_personal_data_leaves_the_record(Aws aws) {
        // given
        MailStore store = new MailStore(aws.dynamo(), Aws.TABLE);
        new Outbox(store, new SettableClock(NOW)).enqueue(introduction("p-1"));
        String key = "introduction:2026-1:pair-7:p-1";
        store.claimQueuedMail(key, NOW, NOW.plusSeconds(120));

        // when
        store.markMailSent(key, "ses-1", NOW);

        // then
        assertThat(store.dueMail(NOW.plus(Duration.ofDays(1))).toList()).isEmpty();
        StoredMail sent = store.mail(key).orElseThrow();
        assertThat(sent.status()).isEqualTo(StoredMail.Status.SENT);
        assertThat(sent.to()).isEmpty();
        assertThat(sent.modelJson()).isEqualTo("{}");
        assertThat(new Outbox(store, new SettableClock(NOW)).enqueue(introduction("p-1"))).isFalse();
    }
}
