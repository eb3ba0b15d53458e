package org.iln.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
 * @param configurationSet the SES configuration set every message is sent with, so that bounces
 *     and complaints reach {@code SesEventHandler} ({@code ILN_CONFIGURATION_SET}, optional)
 * @param originVerify the value CloudFront puts in the {@value #ORIGIN_VERIFY_HEADER} header of every
 *     request it forwards to the API; when set, the API refuses requests without it, so nobody
 *     reaches the API around CloudFront and WAF ({@code ILN_ORIGIN_VERIFY}, optional, secret)
 * @param autoPublishAfterDays publish a round's matching this many days after its match date even
 *     if no programme coordinator approved a draft by then ({@code ILN_AUTO_PUBLISH_DAYS}, 0 or
 *     more; unset, the default: never publish without approval). Drafts warn of the day.
 *
 * <p>In AWS the secret values come from Secrets Manager: {@code ILN_ADDRESS_KEY_SECRET_ARN},
 * {@code ILN_TOKEN_KEY_SECRET_ARN} and {@code ILN_ORIGIN_VERIFY_SECRET_ARN} name secrets whose
 * values are read once, at start-up, in place of the plain variables (which local runs and tests
 * set directly).
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
        int sendRate,
        Optional<String> configurationSet,
        Optional<String> originVerify,
        Optional<Integer> autoPublishAfterDays) {

    /** Messages per second when {@code ILN_SEND_RATE} is not set. */
    public static final int DEFAULT_SEND_RATE = 14;

    /** The header CloudFront adds to every request it forwards to the API (see {@link #originVerify}). */
    public static final String ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

    /** The variables' names: the one list the deployment (infrastructure/) is tested against. */
    public static final String TABLE_NAME = "ILN_TABLE_NAME";
    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String ADDRESS_KEY = "ILN_ADDRESS_KEY";
    public static final String TOKEN_KEY = "ILN_TOKEN_KEY";
    public static final String SITE_URL = "ILN_SITE_URL";
    public static final String MAIL_FROM = "ILN_MAIL_FROM";
    public static final String PROGRAMME = "ILN_PROGRAMME";
    public static final String RATE_LIMIT = "ILN_RATE_LIMIT";
    public static final String RATE_WINDOW_SECONDS = "ILN_RATE_WINDOW_SECONDS";
    public static final String SEND_RATE = "ILN_SEND_RATE";
    public static final String CONFIGURATION_SET = "ILN_CONFIGURATION_SET";
    public static final String ORIGIN_VERIFY = "ILN_ORIGIN_VERIFY";
    public static final String AUTO_PUBLISH_DAYS = "ILN_AUTO_PUBLISH_DAYS";
    /** Appended to a secret variable's name, names the Secrets Manager secret holding its value. */
    public static final String SECRET_ARN_SUFFIX = "_SECRET_ARN";

    /** Every variable {@link #fromEnvironment} reads; anything else set for a function is read by nobody. */
    public static final Set<String> VARIABLES = Set.of(TABLE_NAME, REGION, "AWS_DEFAULT_REGION", ENDPOINT_URL,
            ADDRESS_KEY, ADDRESS_KEY + SECRET_ARN_SUFFIX, TOKEN_KEY, TOKEN_KEY + SECRET_ARN_SUFFIX, SITE_URL,
            MAIL_FROM, PROGRAMME, RATE_LIMIT, RATE_WINDOW_SECONDS, SEND_RATE, CONFIGURATION_SET, ORIGIN_VERIFY,
            ORIGIN_VERIFY + SECRET_ARN_SUFFIX, AUTO_PUBLISH_DAYS);

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
        Objects.requireNonNull(configurationSet, "configurationSet");
        Objects.requireNonNull(originVerify, "originVerify");
        Objects.requireNonNull(autoPublishAfterDays, "autoPublishAfterDays");
        if (autoPublishAfterDays.isPresent() && autoPublishAfterDays.get() < 0) {
            throw new IllegalArgumentException("autoPublishAfterDays must be 0 or more, was " + autoPublishAfterDays.get());
        }
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

    /** The configuration that never publishes without a coordinator's approval. */
    public FunctionsConfig(String tableName, String region, Optional<URI> endpointOverride, byte[] addressKey,
                           byte[] tokenKey, URI siteUrl, String mailFrom, String programme, int rateLimit,
                           Duration rateWindow, int sendRate, Optional<String> configurationSet,
                           Optional<String> originVerify) {
        this(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom, programme, rateLimit,
                rateWindow, sendRate, configurationSet, originVerify, Optional.empty());
    }

    /** The configuration without a configuration set or origin check (local runs, tests). */
    public FunctionsConfig(String tableName, String region, Optional<URI> endpointOverride, byte[] addressKey,
                           byte[] tokenKey, URI siteUrl, String mailFrom, String programme, int rateLimit,
                           Duration rateWindow, int sendRate) {
        this(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom, programme, rateLimit,
                rateWindow, sendRate, Optional.empty(), Optional.empty());
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
                programme, rateLimit, rateWindow, messagesPerSecond, configurationSet, originVerify, autoPublishAfterDays);
    }

    /** The same configuration sending with this SES configuration set. */
    public FunctionsConfig withConfigurationSet(String name) {
        return new FunctionsConfig(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom,
                programme, rateLimit, rateWindow, sendRate, Optional.of(name), originVerify, autoPublishAfterDays);
    }

    /** The same configuration, refusing API requests that lack this origin header value. */
    public FunctionsConfig withOriginVerify(String value) {
        return new FunctionsConfig(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom,
                programme, rateLimit, rateWindow, sendRate, configurationSet, Optional.of(value), autoPublishAfterDays);
    }

    /** The same configuration, publishing unapproved matching {@code days} after the match date. */
    public FunctionsConfig withAutoPublishAfterDays(int days) {
        return new FunctionsConfig(tableName, region, endpointOverride, addressKey, tokenKey, siteUrl, mailFrom,
                programme, rateLimit, rateWindow, sendRate, configurationSet, originVerify, Optional.of(days));
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
     * once so a deployment is fixed in one go. A secret given as {@code <NAME>_SECRET_ARN} is read
     * from Secrets Manager, once, with a client that is closed again at once.
     */
    public static FunctionsConfig fromEnvironment(Map<String, String> env) {
        try (SecretsManagerSecrets secrets = SecretsManagerSecrets.forEnvironment(env)) {
            return fromVariables(env, secrets::value);
        }
    }

    /**
     * Reads the configuration from these variables as {@link #fromEnvironment} does, taking a
     * secret variable's value from {@code secrets} (secret ARN to value) when
     * {@code <NAME>_SECRET_ARN} is set instead of it: for a caller with no Secrets Manager to ask
     * (the infrastructure's tests check the stack's environment against this parser).
     */
    public static FunctionsConfig fromVariables(Map<String, String> env, Function<String, String> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        List<String> problems = new ArrayList<>();
        Map<String, String> resolved = new HashMap<>(env);
        for (String name : List.of(ADDRESS_KEY, TOKEN_KEY, ORIGIN_VERIFY)) {
            String arn = env.get(name + SECRET_ARN_SUFFIX);
            if (arn == null || arn.isBlank()) {
                continue;
            }
            if (env.containsKey(name)) {
                problems.add("set " + name + " or " + name + SECRET_ARN_SUFFIX + ", not both");
                continue;
            }
            try {
                resolved.put(name, secrets.apply(arn.trim()));
            } catch (RuntimeException e) {
                problems.add(name + SECRET_ARN_SUFFIX + ": cannot read the secret (" + e.getMessage()
                        + "); check that it exists and that the function may call secretsmanager:GetSecretValue on it");
            }
        }
        return parse(resolved, problems);
    }

    private static FunctionsConfig parse(Map<String, String> env, List<String> problems) {
        String table = required(env, TABLE_NAME, problems);
        String region = env.getOrDefault(REGION, env.getOrDefault("AWS_DEFAULT_REGION", ""));
        if (region.isBlank()) {
            problems.add(REGION + " is not set");
        }
        Optional<URI> endpoint = Optional.ofNullable(env.get(ENDPOINT_URL))
                .filter(s -> !s.isBlank()).map(URI::create);
        byte[] addressKey = key(env, ADDRESS_KEY, problems);
        byte[] tokenKey = key(env, TOKEN_KEY, problems);
        String site = required(env, SITE_URL, problems);
        String from = required(env, MAIL_FROM, problems);
        String programme = required(env, PROGRAMME, problems);
        int limit = integer(env, RATE_LIMIT, 30, problems);
        int window = integer(env, RATE_WINDOW_SECONDS, 600, problems);
        int sendRate = integer(env, SEND_RATE, DEFAULT_SEND_RATE, problems);
        Optional<String> configurationSet = optional(env, CONFIGURATION_SET);
        Optional<String> originVerify = optional(env, ORIGIN_VERIFY);
        Optional<Integer> autoPublish = optional(env, AUTO_PUBLISH_DAYS).isEmpty() ? Optional.empty()
                : Optional.of(integer(env, AUTO_PUBLISH_DAYS, 0, problems));
        if (autoPublish.isPresent() && autoPublish.get() < 0) {
            problems.add(AUTO_PUBLISH_DAYS + " must be 0 or more days, or unset to always wait for approval");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Bad configuration: " + String.join("; ", problems));
        }
        return new FunctionsConfig(table, region, endpoint, addressKey, tokenKey, URI.create(site), from,
                programme, limit, Duration.ofSeconds(window), sendRate, configurationSet, originVerify, autoPublish);
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
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
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            problems.add(name + " is not set (nor " + name + SECRET_ARN_SUFFIX + ", its secret in AWS)");
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
                + programme + ", rateLimit=" + rateLimit + ", rateWindow=" + rateWindow + ", sendRate=" + sendRate
                + ", configurationSet=" + configurationSet + ", originVerify=" + originVerify.map(v -> "<hidden>")
                + ", keys=<hidden>]";
    }
}
