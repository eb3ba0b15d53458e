package org.iln.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * What a test gets from {@link AwsEmulator}: real SDK clients pointed at the emulator, a fresh
 * table, and the mail the emulator accepted.
 */
public final class Aws {

    /** The table every test uses. */
    public static final String TABLE = "iln-test";
    /** The site origin links point to. */
    public static final URI SITE = URI.create("https://iln.example.org");
    /** The verified sender. */
    public static final String FROM = "International Librarians Network <noreply@iln.example.org>";

    private static final byte[] ADDRESS_KEY = Base64.getDecoder().decode("a2V5LWZvci1hZGRyZXNzLWhhc2hlcy1pbi10ZXN0cy0wMTIzNDU2Nzg5");
    private static final byte[] TOKEN_KEY = Base64.getDecoder().decode("a2V5LWZvci1zaWduaW5nLWxpbmtzLWluLXRlc3RzLTAxMjM0NTY3ODk=");

    private final Emulator emulator;
    private final AwsClients clients;

    Aws(Emulator emulator, AwsClients clients) {
        this.emulator = emulator;
        this.clients = clients;
    }

    /** DynamoDB client pointed at the emulator. */
    public DynamoDbClient dynamo() {
        return clients.dynamo();
    }

    /** SESv2 client pointed at the emulator. */
    public SesV2Client ses() {
        return clients.ses();
    }

    /** Both clients. */
    public AwsClients clients() {
        return clients;
    }

    /** The builder, set up as every test client is: url-connection HTTP, test credentials, the emulator. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B onEmulator(B builder) {
        return onEmulator(builder, emulator.endpoint());
    }

    /** As {@link #onEmulator(AwsClientBuilder)}, for an emulator at {@code endpoint} (e.g. from a child JVM). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B onEmulator(B builder,
                                                                                                 URI endpoint) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Emulator.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(endpoint);
    }

    /** The emulator's endpoint. */
    public URI endpoint() {
        return emulator.endpoint();
    }

    /** Which emulator runs ("moto" or "localstack"). */
    public String emulatorName() {
        return emulator.name();
    }

    /** Every message the emulator accepted since the test started, oldest first. */
    public List<SentMail> sentMail() {
        return emulator.sentRawMail().stream().map(SentMail::parse).toList();
    }

    /** Every item in the table (tests only: the functions never scan). */
    public List<Map<String, AttributeValue>> items() {
        return dynamo().scanPaginator(b -> b.tableName(TABLE)).items().stream().toList();
    }

    /** Every item but the per-client rate counters: what a refused or dropped request must not have added. */
    public List<Map<String, AttributeValue>> itemsExceptRateCounters() {
        return items().stream().filter(i -> !i.get("pk").s().startsWith("RATE#")).toList();
    }

    /** A configuration for the functions under test, with a generous rate limit. */
    public FunctionsConfig config() {
        return config(1000);
    }

    /** A configuration with this rate limit per ten minutes. */
    public FunctionsConfig config(int rateLimit) {
        return config(emulator.endpoint(), rateLimit);
    }

    /**
     * The test configuration for an emulator at {@code endpoint} (e.g. from a child JVM). It
     * publishes a round on its match date without waiting for a coordinator's approval (as a
     * deployment with {@code ILN_AUTO_PUBLISH_DAYS=0} does), so that the tests of publishing,
     * re-matching and the round after it start from a published round in one night; the tests of
     * approval use {@link #approvalRequired}.
     */
    public static FunctionsConfig config(URI endpoint, int rateLimit) {
        return new FunctionsConfig(TABLE, Emulator.REGION, Optional.of(endpoint), ADDRESS_KEY, TOKEN_KEY,
                SITE, FROM, programmeFixture().toString(), rateLimit, Duration.ofMinutes(10))
                .withAutoPublishAfterDays(0);
    }

    /** The test configuration as a deployment has it by default: nothing published without approval. */
    public FunctionsConfig approvalRequired() {
        FunctionsConfig c = config();
        return new FunctionsConfig(c.tableName(), c.region(), c.endpointOverride(), c.addressKey(), c.tokenKey(),
                c.siteUrl(), c.mailFrom(), c.programme(), c.rateLimit(), c.rateWindow(), c.sendRate(),
                c.configurationSet(), c.originVerify());
    }

    /** The test programme manifest (src/test/resources/programme.json). */
    public static Path programmeFixture() {
        try {
            return Path.of(Aws.class.getResource("/programme.json").toURI());
        } catch (Exception e) {
            throw new IllegalStateException("programme.json fixture missing from test resources", e);
        }
    }
}
