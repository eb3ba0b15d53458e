package org.iln.infrastructure;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The deployment's settings, read once from CDK context ({@code cdk deploy -c stage=prod}), each
 * with a documented default (docs/deploy.md) so that a plain {@code cdk synth} works offline.
 *
 * @param stage short name used in resource names, for example {@code prod} or {@code test}
 * @param stackName the CloudFormation name of the main stack; the edge stack adds {@code -edge}
 * @param region the region of the main stack (the edge stack is always in us-east-1)
 * @param account the AWS account, or empty to let the CLI's credentials decide at deploy time
 * @param domain the mail domain: the SES identity, verified with Easy DKIM
 * @param sender the From header of every email; its address must be at {@code domain}
 * @param sendRate the most emails the functions send per second (SES's account limit or lower)
 * @param apiRateLimit steady requests per second the HTTP API accepts before answering 429
 * @param apiBurstLimit requests the HTTP API accepts in a burst above the steady rate
 * @param wafRateLimit requests one client address may make in any five minutes before WAF blocks it
 * @param alarmEmail where alarms are mailed, or empty for no email subscription
 * @param siteUrl the public address of the site, or empty to use the CloudFront domain
 * @param functionsDirectory where the functions module writes its jars ({@link FunctionArtifact})
 * @param autoPublishDays publish a round's matching this many days after its match date even if no
 *     programme coordinator approved a draft (the functions' {@code ILN_AUTO_PUBLISH_DAYS}), or
 *     empty (the default) to publish only what a coordinator approved
 */
public record StackSettings(
        String stage,
        String stackName,
        String region,
        Optional<String> account,
        String domain,
        String sender,
        int sendRate,
        int apiRateLimit,
        int apiBurstLimit,
        int wafRateLimit,
        Optional<String> alarmEmail,
        Optional<String> siteUrl,
        Path functionsDirectory,
        Optional<Integer> autoPublishDays) {

    /** Where the functions module writes its shaded jars, relative to the infrastructure module. */
    public static final String DEFAULT_FUNCTIONS_DIRECTORY = "../functions/target";

    public StackSettings {
        Objects.requireNonNull(stage, "stage cannot be null");
        if (!stage.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException(
                    "context 'stage' must be 1-20 lower-case letters, digits or '-', starting with a letter");
        }
        Objects.requireNonNull(stackName, "stackName cannot be null");
        Objects.requireNonNull(region, "region cannot be null");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("context 'region' must be an AWS region such as eu-west-1");
        }
        Objects.requireNonNull(account, "account cannot be null");
        Objects.requireNonNull(domain, "domain cannot be null");
        if (!domain.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}")) {
            throw new IllegalArgumentException("context 'domain' must be a lower-case domain name such as example.org");
        }
        Objects.requireNonNull(sender, "sender cannot be null");
        // IAM lets the functions send only as the domain identity, so any other address would fail at send time.
        if (!sender.matches("(.*<)?[^@<>\\s]+@" + Pattern.quote(domain) + ">?")) {
            throw new IllegalArgumentException(
                    "context 'sender' must be an address at the domain '" + domain + "', such as 'ILN <noreply@" + domain + ">'");
        }
        requirePositive(sendRate, "sendRate");
        requirePositive(apiRateLimit, "apiRateLimit");
        requirePositive(apiBurstLimit, "apiBurstLimit");
        if (wafRateLimit < 10) {
            throw new IllegalArgumentException("context 'wafRateLimit' must be at least 10 (WAF's lowest rate limit)");
        }
        Objects.requireNonNull(alarmEmail, "alarmEmail cannot be null");
        Objects.requireNonNull(siteUrl, "siteUrl cannot be null");
        siteUrl.ifPresent(url -> {
            if (!url.matches("https://[^/\\s]+")) {
                throw new IllegalArgumentException("context 'siteUrl' must be an https origin without a path, such as https://iln.example.org");
            }
        });
        Objects.requireNonNull(functionsDirectory, "functionsDirectory cannot be null");
        Objects.requireNonNull(autoPublishDays, "autoPublishDays cannot be null");
        autoPublishDays.ifPresent(days -> {
            if (days < 0) {
                throw new IllegalArgumentException("context 'autoPublishDays' must be 0 or more (days after the match date)");
            }
        });
    }

    /** The settings without auto-publishing (it is off unless a deployment asks for it). */
    public StackSettings(String stage, String stackName, String region, Optional<String> account, String domain,
                         String sender, int sendRate, int apiRateLimit, int apiBurstLimit, int wafRateLimit,
                         Optional<String> alarmEmail, Optional<String> siteUrl, Path functionsDirectory) {
        this(stage, stackName, region, account, domain, sender, sendRate, apiRateLimit, apiBurstLimit, wafRateLimit,
                alarmEmail, siteUrl, functionsDirectory, Optional.empty());
    }

    /**
     * Reads the settings from CDK context, falling back to the defaults for what is not set.
     *
     * @param context looks a context key up, answering null when it is not set
     * @param environment looks an environment variable up (the CLI sets CDK_DEFAULT_REGION and
     *     CDK_DEFAULT_ACCOUNT from the caller's credentials), answering null when it is not set
     */
    public static StackSettings from(Function<String, Object> context, Function<String, String> environment) {
        String stage = stringOr(context.apply("stage"), "dev");
        String domain = stringOr(context.apply("domain"), "example.org");
        return new StackSettings(
                stage,
                stringOr(context.apply("stackName"), "iln-" + stage),
                stringOr(context.apply("region"), stringOr(environment.apply("CDK_DEFAULT_REGION"), "eu-west-1")),
                optional(context.apply("account")).or(() -> optional(environment.apply("CDK_DEFAULT_ACCOUNT"))),
                domain,
                stringOr(context.apply("sender"), "ILN <noreply@" + domain + ">"),
                intOr(context.apply("sendRate"), 14, "sendRate"),
                intOr(context.apply("apiRateLimit"), 20, "apiRateLimit"),
                intOr(context.apply("apiBurstLimit"), 40, "apiBurstLimit"),
                intOr(context.apply("wafRateLimit"), 300, "wafRateLimit"),
                optional(context.apply("alarmEmail")),
                optional(context.apply("siteUrl")),
                Path.of(stringOr(context.apply("functionsDirectory"), DEFAULT_FUNCTIONS_DIRECTORY)),
                optional(context.apply("autoPublishDays")).map(days -> intOr(days, 0, "autoPublishDays")));
    }

    /** The edge stack's name: it holds what CloudFront needs in us-east-1 (the WAF web ACL). */
    public String edgeStackName() {
        return stackName + "-edge";
    }

    /** The functions jars' directory as an absolute path, resolved against the infrastructure module directory. */
    public Path functionsDirectoryIn(Path moduleDirectory) {
        return moduleDirectory.resolve(functionsDirectory).toAbsolutePath().normalize();
    }

    private static String stringOr(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private static Optional<String> optional(Object value) {
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static int intOr(Object value, int fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context '" + key + "' must be a whole number");
        }
    }

    private static void requirePositive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException("context '" + key + "' must be at least 1");
        }
    }
}
