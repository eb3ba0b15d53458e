package org.iln.config;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
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

    public AwsClients {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(ses, "ses");
    }

    /** Real clients for the configured region, pointed at the emulator when one is configured. */
    public static AwsClients create(FunctionsConfig config) {
        Region region = Region.of(config.region());
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        var dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials);
        var ses = SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials);
        config.endpointOverride().ifPresent(endpoint -> {
            dynamo.endpointOverride(endpoint);
            ses.endpointOverride(endpoint);
        });
        return new AwsClients(dynamo.build(), ses.build());
    }
}
