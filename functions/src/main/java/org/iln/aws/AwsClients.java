package org.iln.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.iln.config.FunctionsConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The SDK clients a participant-facing function talks to, built once per Lambda instance.
 *
 * <p>Built with the url-connection HTTP client (small, fast to start) and, when the environment
 * already holds credentials (as in Lambda), read straight from there rather than probing the
 * whole default chain.
 */
public record AwsClients(DynamoDbClient dynamo, SesV2Client ses) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    public AwsClients {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(ses, "ses");
    }

    /**
     * Real clients for the configured region, pointed at the emulator when one is configured. They
     * share one HTTP client (and so one TLS context): a second would cost start-up time for nothing.
     */
    public static AwsClients create(FunctionsConfig config) {
        SdkHttpClient http = httpClient();
        return new AwsClients(configure(DynamoDbClient.builder(), config, http).build(),
                configure(SesV2Client.builder(), config, http).build());
    }

    /**
     * The HTTP client every SDK client here uses: url-connection (no Netty, no Apache client),
     * over the JVM's one TLS context, which checks servers against AWS's roots before the JDK's
     * whole store ({@link AwsRootsFirst}). The timeouts are the url-connection client's defaults.
     */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create(AwsClients::connection);
    }

    private static HttpURLConnection connection(URI uri) {
        try {
            return AwsRootsFirst.open(uri, CONNECT_TIMEOUT, READ_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                              FunctionsConfig config,
                                                                                              SdkHttpClient http) {
        builder.httpClient(http)
                .region(Region.of(config.region()))
                .credentialsProvider(credentials());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static AwsCredentialsProvider credentials() {
        // Lambda puts the function's role credentials in these variables.
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
