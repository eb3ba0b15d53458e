package org.iln.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one person: who gets it, which template renders it, and for programme mail the
 * signed one-click unsubscribe link.
 *
 * @param to the recipient's address
 * @param addressHash the recipient's address hash (for claims and suppression; never logged address)
 * @param template the template name under {@code mail/}
 * @param model the template's variables
 * @param unsubscribeUrl present for programme mail: adds {@code List-Unsubscribe} headers and
 *     makes the message respect suppression
 * @param replyTo where replies go (the round's programme team)
 */
public record Envelope(
        String to,
        String addressHash,
        String template,
        Map<String, ?> model,
        Optional<String> unsubscribeUrl,
        List<String> replyTo) {

    public Envelope {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(addressHash, "addressHash");
        Objects.requireNonNull(template, "template");
        model = Map.copyOf(model);
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        replyTo = List.copyOf(replyTo);
    }

    /** Whether this is programme mail (as opposed to a transactional message the person asked for). */
    public boolean isProgrammeMail() {
        return unsubscribeUrl.isPresent();
    }

    @Override
    public String toString() {
        return "Envelope[template=" + template + ", addressHash=" + addressHash + "]";
    }
}
