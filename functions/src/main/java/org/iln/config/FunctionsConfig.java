package org.iln.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the participant-facing functions need to know about their deployment, read once from
 * the environment by a handler's no-arg constructor and passed to the core.
 *
 * <p>The two keys are secrets: {@link #toString()} never prints them.
 *
 * @param tableName the single DynamoDB table ({@code ILN_TABLE_NAME})
 * @param region the AWS region ({@code AWS_REGION})
 * @param endpointOverride an emulator's endpoint ({@code AWS_ENDPOINT_URL}), empty in AWS
 * @param addressKey HMAC key that turns an email address into a storage key
 *     ({@code ILN_ADDRESS_KEY}, base64, at least 32 bytes)
 * @param tokenKey HMAC key that signs links ({@code ILN_TOKEN_KEY}, base64, at least 32 bytes)
 * @param siteUrl the public origin that serves the site and {@code /api/*} ({@code ILN_SITE_URL})
 * @param mailFrom the From address of every message ({@code ILN_MAIL_FROM})
 * @param programme where the programme manifest is: a file path or an http(s) URL
 *     ({@code ILN_PROGRAMME})
 * @param rateLimit requests one client may make per window ({@code ILN_RATE_LIMIT}, default 30)
 * @param rateWindow the rate limit's window ({@code ILN_RATE_WINDOW_SECONDS}, default 600)
 * @param sendRate messages per second the dispatcher sends at most ({@code ILN_SEND_RATE},
 *     default 14, SES's usual production quota; keep it below the account's quota so that
 *     immediate transactional mail has room)
 */
public record FunctionsConfig(
        String tableName,
        String region,
        Optional<URI> endpointOverride,
        byte[] addressKey,
        byte[] tokenKey,
        URI siteUrl,
        String mailFrom,
        String programme,
        int rateLimit,
        Duration rateWindow,
        int sendRate) {

    /** Messages per second when {@code ILN_SEND_RATE} is not set. */
    public static final int DEFAULT_SEND_RATE = 14;

    /** Smallest accepted key: 256 bits, as long as the HMAC-SHA256 output. */
    static final int MIN_KEY_BYTES = 32;

    public FunctionsConfig {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(mailFrom, "mailFrom");
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (addressKey == null || addressKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("addressKey must have at least " + MIN_KEY_BYTES + " bytes");
        }
        if (tokenKey == null || tokenKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("tokenKey must have at least " + MIN_KEY_BYTES + " bytes");
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException("rateLimit must be at least 1, was " + rateLimit);
        }
        if (sendRate < 1) {
            throw new IllegalArgumentException("sendRate must be at least 1, was " + sendRate);
        }
        addressKey = addressKey.clone();
        tokenKey = tokenKey.clone();
        String site = siteUrl.toString();
        if (site.endsWith("/")) {
            siteUrl = URI.create(site.substring(0, site.length() - 1));
        }
    }

    /** The configuration with the default send rate (for callers written before it existed). */
    public FunctionsConfig(String tableName, String region, Optional<URI> endpointOverride, byte[] addressKey,
                           byte[] tokenKey, URI siteUrl, String mailFrom, String programme, int rateLimit,
                           Duration rateWindow) {
        this(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom, programme, rateLimit,
                rateWindow, DEFAULT_SEND_RATE);
    }

    /** The same configuration with another send rate. */
    public FunctionsConfig withSendRate(int messagesPerSecond) {
        return new FunctionsConfig(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom,
                programme, rateLimit, rateWindow, messagesPerSecond);
    }

    @Override
    public byte[] addressKey() {
        return addressKey.clone();
    }

    @Override
    public byte[] tokenKey() {
        return tokenKey.clone();
    }

    /**
     * Reads the configuration from environment variables, reporting every missing or bad one at
     * once so a deployment is fixed in one go.
     */
    public static FunctionsConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = required(env, "ILN_TABLE_NAME", problems);
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
        if (region.isBlank()) {
            problems.add("AWS_REGION is not set");
        }
        Optional<URI> endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL"))
                .filter(s -> !s.isBlank()).map(URI::create);
        byte[] addressKey = key(env, "ILN_ADDRESS_KEY", problems);
        byte[] tokenKey = key(env, "ILN_TOKEN_KEY", problems);
        String site = required(env, "ILN_SITE_URL", problems);
        String from = required(env, "ILN_MAIL_FROM", problems);
        String programme = required(env, "ILN_PROGRAMME", problems);
        int limit = integer(env, "ILN_RATE_LIMIT", 30, problems);
        int window = integer(env, "ILN_RATE_WINDOW_SECONDS", 600, problems);
        int sendRate = integer(env, "ILN_SEND_RATE", DEFAULT_SEND_RATE, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Bad configuration: " + String.join("; ", problems));
        }
        return new FunctionsConfig(table, region, endpoint, addressKey, tokenKey, URI.create(site), from,
                programme, limit, Duration.ofSeconds(window), sendRate);
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set");
            return "";
        }
        return value.trim();
    }

    private static byte[] key(Map<String, String> env, String name, List<String> problems) {
        String value = required(env, name, problems);
        if (value.isEmpty()) {
            return new byte[MIN_KEY_BYTES];
        }
        try {
            byte[] key = Base64.getDecoder().decode(value);
            if (key.length < MIN_KEY_BYTES) {
                problems.add(name + " must be base64 of at least " + MIN_KEY_BYTES + " random bytes"
                        + " (try: openssl rand -base64 32)");
            }
            return key.length < MIN_KEY_BYTES ? new byte[MIN_KEY_BYTES] : key;
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not valid base64 (try: openssl rand -base64 32)");
            return new byte[MIN_KEY_BYTES];
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                problems.add(name + " must be a positive whole number");
            }
            return Math.max(parsed, 1);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a positive whole number");
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "FunctionsConfig[tableName=" + tableName + ", region=" + region + ", endpointOverride="
                + endpointOverride + ", siteUrl=" + siteUrl + ", mailFrom=" + mailFrom + ", programme="
                + programme + ", rateLimit=" + rateLimit + ", rateWindow=" + rateWindow + ", sendRate=" + sendRate + ", keys=<hidden>]";
    }
}
