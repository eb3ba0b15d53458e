package org.iln.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an email address (or any identifier such as a client IP) into a keyed HMAC-SHA256 hash,
 * so keys and logs carry a stable pseudonym and never the address itself.
 *
 * <p>Addresses are compared case-insensitively and after NFC normalisation, so
 * {@code Ana@Example.org} and {@code ana@example.org} are the same person.
 */
public final class AddressHasher {

    private final SecretKeySpec key;

    /** A hasher with this secret key (at least 32 bytes). */
    public AddressHasher(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("address key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The hash of an email address, as 64 lower-case hex digits. */
    public String address(String email) {
        String canonical = Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return hash("email:" + canonical);
    }

    /** The hash of a client identifier (an IP address), kept apart from address hashes. */
    public String client(String clientId) {
        return hash("client:" + clientId);
    }

    private String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
