package org.iln.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One message to queue: a deterministic key, the recipient, the template and its model.
 *
 * <p>The key names what the message is about, never the address: build it with
 * {@link #key(String, String, String, String)} from kind, round, subject and recipient (a
 * participant id or an address hash), e.g. {@code introduction:2026-1:pair-7:p-123}. Queuing the
 * same key twice queues one message.
 *
 * @param key the deterministic message key: 1-400 characters, no {@code @} and no whitespace
 * @param template the template name under {@code mail/} (e.g. {@code match-introduction})
 * @param to the recipient's address
 * @param addressHash the recipient's address hash (suppression is checked against it)
 * @param model the template's variables: strings, numbers, booleans, lists and maps of them
 * @param replyTo where replies go (the round's coordinators), may be empty
 * @param programmeMail true for programme mail: it gets {@code List-Unsubscribe} and is not sent
 *     to a suppressed address; false for transactional mail the person asked for
 * @param round the round it belongs to, if any (names the unsubscribe link's owner)
 * @param participantId the recipient's participant id in that round, if any
 */
public record OutboxMessage(
        String key,
        String template,
        String to,
        String addressHash,
        Map<String, ?> model,
        List<String> replyTo,
        boolean programmeMail,
        Optional<String> round,
        Optional<String> participantId) {

    private static final Pattern KEY = Pattern.compile("[^@\\s]{1,400}");
    private static final Pattern TEMPLATE = Pattern.compile("[a-z][a-z0-9-]{0,60}");

    public OutboxMessage {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            // Keys end up in the table's primary key and in logs: an address must never be one.
            throw new IllegalArgumentException("key must be 1-400 characters without '@' or whitespace");
        }
        Objects.requireNonNull(template, "template");
        if (!TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be a template name such as match-introduction, was "
                    + template);
        }
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(addressHash, "addressHash");
        model = Map.copyOf(model);
        replyTo = List.copyOf(replyTo);
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(participantId, "participantId");
    }

    /**
     * A programme message to a participant of a round.
     *
     * @param kind what the message is (e.g. {@code introduction}, {@code no-match})
     * @param subject what it is about (a partnership id, a point's slug; the participant id again if nothing else)
     */
    public static OutboxMessage programme(String kind, String round, String subject, String participantId,
                                          String template, String to, String addressHash, Map<String, ?> model,
                                          List<String> replyTo) {
        return new OutboxMessage(key(kind, round, subject, participantId), template, to, addressHash, model, replyTo,
                true, Optional.of(round), Optional.of(participantId));
    }

    /**
     * The deterministic key {@code kind:round:subject:recipient}. {@code recipient} is a participant
     * id or an address hash, never an address.
     */
    public static String key(String kind, String round, String subject, String recipient) {
        return Objects.requireNonNull(kind, "kind") + ":" + Objects.requireNonNull(round, "round") + ":"
                + Objects.requireNonNull(subject, "subject") + ":" + Objects.requireNonNull(recipient, "recipient");
    }

    @Override
    public String toString() {
        // The address and the model are personal data: keep them out of logs and exceptions.
        return "OutboxMessage[key=" + key + ", template=" + template + ", programmeMail=" + programmeMail + "]";
    }
}
