package org.iln.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbox message as the table holds it under {@code MAIL#<key>}: who gets it, which template
 * renders it (the model as JSON), and where it stands.
 *
 * @param key the deterministic message key (never holds an address)
 * @param template the template name under {@code mail/}
 * @param to the recipient's address (removed from the item once sent)
 * @param addressHash the recipient's address hash
 * @param modelJson the template's variables as a JSON object (removed once sent)
 * @param replyTo where replies go
 * @param programmeMail whether it is programme mail (one-click unsubscribe, respects suppression)
 * @param round the round it belongs to, empty if none
 * @param participantId the recipient's participant id in that round, empty if none
 * @param status where it stands
 * @param attempts how many times it has been claimed
 */
public record StoredMail(
        String key,
        String template,
        String to,
        String addressHash,
        String modelJson,
        List<String> replyTo,
        boolean programmeMail,
        String round,
        String participantId,
        Status status,
        int attempts) {

    public StoredMail {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(addressHash, "addressHash");
        Objects.requireNonNull(modelJson, "modelJson");
        replyTo = List.copyOf(replyTo);
        round = round == null ? "" : round;
        participantId = participantId == null ? "" : participantId;
        Objects.requireNonNull(status, "status");
    }

    /** The round, if the message belongs to one. */
    public Optional<String> roundId() {
        return round.isEmpty() ? Optional.empty() : Optional.of(round);
    }

    /** Where an outbox message stands: {@code QUEUED → CLAIMED → SENT | FAILED | SKIPPED}. */
    public enum Status {
        /** Waiting in the {@code mail-queue} index. */
        QUEUED,
        /** Being sent by one dispatcher until its lease ends; after that, claimable again. */
        CLAIMED,
        /** SES accepted it ({@code messageId} holds SES's id). */
        SENT,
        /** SES refused it for a reason other than throttling ({@code error} says why). */
        FAILED,
        /** Not sent on purpose: programme mail to a suppressed address. */
        SKIPPED
    }

    @Override
    public String toString() {
        return "StoredMail[key=" + key + ", template=" + template + ", status=" + status + "]";
    }
}
