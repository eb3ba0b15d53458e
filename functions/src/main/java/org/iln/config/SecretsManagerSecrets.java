package org.iln.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.iln.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads secret values from Secrets Manager for {@link FunctionsConfig}, at start-up only: the
 * client is built on the first read (a function whose secrets are all plain variables never
 * builds one) and closed with this object.
 */
final class SecretsManagerSecrets implements AutoCloseable {

    private final Map<String, String> env;
    private SecretsManagerClient client;

    private SecretsManagerSecrets(Map<String, String> env) {
        this.env = env;
    }

    /** Secrets read in the region, and through the emulator, that the environment names. */
    static SecretsManagerSecrets forEnvironment(Map<String, String> env) {
        return new SecretsManagerSecrets(Map.copyOf(env));
    }

    /** The current value of the secret with this ARN (or name). */
    String value(String secretId) {
        if (client == null) {
            client = client();
        }
        String value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        if (value == null) {
            throw new IllegalStateException("the secret has no string value");
        }
        return value;
    }

    private SecretsManagerClient client() {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        // As AwsClients: credentials straight from the environment when Lambda put them there.
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        String session = env.get("AWS_SESSION_TOKEN");
        AwsCredentialsProvider credentials = keyId == null || secretKey == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(session == null
                        ? AwsBasicCredentials.create(keyId, secretKey)
                        : AwsSessionCredentials.create(keyId, secretKey, session));
        var builder = SecretsManagerClient.builder()
                .httpClient(AwsClients.httpClient())
                .region(Region.of(region))
                .credentialsProvider(credentials);
        Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()).map(URI::create)
                .ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
