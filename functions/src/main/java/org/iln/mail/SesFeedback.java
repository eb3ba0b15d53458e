package org.iln.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.iln.json.Json;
import org.iln.store.AddressHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on one SES bounce or complaint notification: a permanent bounce or any complaint writes
 * {@code SUPPRESS#<addressHash>} (reason {@code bounce} or {@code complaint}), so no programme
 * mail goes to that address again. Transient bounces (mailbox full, auto-replies) suppress
 * nothing. Handling the same notification twice is harmless.
 *
 * <p>Reads both shapes SES writes: configuration-set event publishing ({@code eventType}) and
 * identity feedback notifications ({@code notificationType}).
 */
public final class SesFeedback {

    private static final Logger LOG = LoggerFactory.getLogger(SesFeedback.class);

    private final Suppressions suppressions;
    private final AddressHasher hasher;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();

    /** Feedback written to {@code suppressions}, addresses hashed with {@code hasher}. */
    public SesFeedback(Suppressions suppressions, AddressHasher hasher, Clock clock) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies one notification (the SNS message body); returns how many addresses it suppressed.
     *
     * @throws IllegalArgumentException if the message is not JSON (SNS then retries, and the
     *     dead-letter queue keeps it)
     */
    public int apply(String notification) {
        JsonNode root;
        try {
            root = json.readTree(notification);
        } catch (IOException e) {
            throw new IllegalArgumentException("SES notification is not JSON", e);
        }
        String type = root.path("eventType").asText(root.path("notificationType").asText(""));
        int suppressed = 0;
        switch (type) {
            case "Bounce" -> {
                String bounceType = root.path("bounce").path("bounceType").asText("");
                if (!bounceType.equals("Permanent")) {
                    LOG.atInfo().addKeyValue("bounceType", bounceType).log("transient bounce; nothing suppressed");
                    return 0;
                }
                for (JsonNode r : root.path("bounce").path("bouncedRecipients")) {
                    suppressed += suppress(r.path("emailAddress").asText(""), "bounce");
                }
            }
            case "Complaint" -> {
                for (JsonNode r : root.path("complaint").path("complainedRecipients")) {
                    suppressed += suppress(r.path("emailAddress").asText(""), "complaint");
                }
            }
            default -> LOG.atInfo().addKeyValue("type", type).log("SES notification ignored");
        }
        return suppressed;
    }

    private int suppress(String address, String reason) {
        String bare = address.contains("<") && address.contains(">")
                ? address.substring(address.indexOf('<') + 1, address.indexOf('>')) : address;
        if (bare.isBlank() || !bare.contains("@")) {
            return 0;
        }
        suppressions.suppress(hasher.address(bare.toLowerCase(Locale.ROOT)), reason, clock.instant());
        LOG.atInfo().addKeyValue("reason", reason).log("address suppressed");
        return 1;
    }
}
