package org.iln.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The server-side half of a signed link: what the opaque id in the link stands for.
 *
 * @param id the opaque random id carried by the link
 * @param purpose what the link may do (confirm, unsubscribe, erase, personal page)
 * @param addressHash whose link it is
 * @param round the round it concerns, or empty
 * @param participantId the application it concerns, or empty
 * @param expiresAt when the link stops working
 */
public record StoredToken(
        String id, String purpose, String addressHash, String round, String participantId, Instant expiresAt) {

    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(addressHash, "addressHash");
        round = round == null ? "" : round;
        participantId = participantId == null ? "" : participantId;
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
