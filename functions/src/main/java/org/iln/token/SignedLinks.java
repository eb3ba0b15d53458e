package org.iln.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks the tokens in participants' links: {@code <id>.<expiry>.<signature>}, where
 * the id is random, the expiry is in epoch seconds and the signature is an HMAC-SHA256 over
 * purpose, id and expiry.
 *
 * <p>A token names no person: the id points to a stored item that erasure deletes, so a link
 * dies with the data it points to. Forged, altered, expired or re-purposed tokens are refused
 * before the table is read.
 */
public final class SignedLinks {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final TokenStore store;
    private final SecureRandom random = new SecureRandom();

    /** Links signed with {@code key} (at least 32 bytes) whose ids live in {@code store}. */
    public SignedLinks(byte[] key, TokenStore store) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("token key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Creates and stores a new token for a purpose; returns the string that goes into the link. */
    public String mint(Purpose purpose, String addressHash, String round, String participantId, Instant now) {
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = BASE64URL.encodeToString(idBytes);
        Instant expiresAt = now.plus(purpose.validity());
        store.put(new StoredToken(id, purpose.name(), addressHash, round, participantId, expiresAt));
        long expiry = expiresAt.getEpochSecond();
        return id + "." + expiry + "." + sign(purpose, id, expiry);
    }

    /** The stored token behind a link, if the link is genuine, of this purpose and unexpired. */
    public Optional<StoredToken> check(String token, Purpose purpose, Instant now) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        long expiry = Long.parseLong(parts[1]);
        byte[] expected = sign(purpose, parts[0], expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))
                || expiry < now.getEpochSecond()) {
            return Optional.empty();
        }
        return store.find(parts[0], now).filter(t -> t.purpose().equals(purpose.name()));
    }

    /** Makes a used one-shot link stop working. */
    public void revoke(StoredToken token) {
        store.delete(token.id());
    }

    private String sign(Purpose purpose, String id, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal((purpose.name() + "." + id + "." + expiry).getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[16];
            System.arraycopy(full, 0, truncated, 0, truncated.length);
            return BASE64URL.encodeToString(truncated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
