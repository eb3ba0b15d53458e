package org.iln.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Objects;
import org.iln.json.Json;

/**
 * Where every programme message waits to be sent: {@link #enqueue} writes {@code MAIL#<key>}
 * (status {@code QUEUED}) with a conditional put, and the {@link Dispatcher} sends it once.
 *
 * <p>Enqueuing is idempotent: a message whose key is already in the table (queued, being sent,
 * sent, failed or skipped) is not queued again, so a job that crashed half-way can simply run
 * again. A sent message's record (and so its key's "already sent") lasts 30 days.
 */
public final class Outbox {

    private final MailStore store;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();

    /** An outbox in {@code store}, timing messages by {@code clock}. */
    public Outbox(MailStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Queues a message for the dispatcher; returns false (queuing nothing) if a message with the
     * same key was queued before.
     *
     * @throws IllegalArgumentException if the model cannot be stored as JSON
     */
    public boolean enqueue(OutboxMessage message) {
        Objects.requireNonNull(message, "message");
        String model;
        try {
            model = json.writeValueAsString(message.model());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model of " + message.template()
                    + " must hold only strings, numbers, booleans, lists and maps", e);
        }
        return store.enqueueMail(new StoredMail(message.key(), message.template(), message.to(),
                message.addressHash(), model, message.replyTo(), message.programmeMail(),
                message.round().orElse(""), message.participantId().orElse(""), StoredMail.Status.QUEUED, 0),
                clock.instant());
    }
}
