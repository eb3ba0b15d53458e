package org.iln.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** In AWS the keys live in Secrets Manager; the functions read them once, at start-up, through the SDK. */
@ExtendWith(AwsEmulator.class)
class SecretsFromSecretsManagerTest {

    static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void a_deployed_function_reads_its_keys_and_origin_value_from_secrets_manager(Aws aws) {
        // given: values as the stack generates them (64 letters and digits)
        String addressKey = generated();
        String tokenKey = generated();
        Map<String, String> env = deployed(aws);
        env.put("ILN_ADDRESS_KEY_SECRET_ARN", secret(aws, "address-key", addressKey));
        env.put("ILN_TOKEN_KEY_SECRET_ARN", secret(aws, "token-key", tokenKey));
        env.put("ILN_ORIGIN_VERIFY_SECRET_ARN", secret(aws, "origin-verify", "from-cloudfront-only"));

        // when
        FunctionsConfig config = FunctionsConfig.fromEnvironment(env);

        // then
        assertThat(config.addressKey()).isEqualTo(Base64.getDecoder().decode(addressKey)).hasSize(48);
        assertThat(config.tokenKey()).isEqualTo(Base64.getDecoder().decode(tokenKey));
        assertThat(config.originVerify()).contains("from-cloudfront-only");
        assertThat(config.toString()).doesNotContain("from-cloudfront-only", addressKey, tokenKey);
    }

    @Test
    void a_secret_that_cannot_be_read_is_named_with_what_to_check(Aws aws) {
        // given
        Map<String, String> env = deployed(aws);
        env.put("ILN_ADDRESS_KEY_SECRET_ARN", secret(aws, "address-key", generated()));
        env.put("ILN_TOKEN_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-AbCdEf");

        // then
        assertThatThrownBy(() -> FunctionsConfig.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ILN_TOKEN_KEY_SECRET_ARN: cannot read the secret")
                .hasMessageContaining("secretsmanager:GetSecretValue")
                .hasMessageNotContaining("ILN_ADDRESS_KEY");
    }

    @Test
    void a_key_given_both_directly_and_as_a_secret_is_refused(Aws aws) {
        // given
        Map<String, String> env = deployed(aws);
        String key = generated();
        env.put("ILN_ADDRESS_KEY", key);
        env.put("ILN_ADDRESS_KEY_SECRET_ARN", secret(aws, "address-key", key));
        env.put("ILN_TOKEN_KEY", key);

        // then
        assertThatThrownBy(() -> FunctionsConfig.fromEnvironment(env))
                .hasMessageContaining("set ILN_ADDRESS_KEY or ILN_ADDRESS_KEY_SECRET_ARN, not both");
    }

    /** What Lambda and the stack set, minus the keys. */
    private static Map<String, String> deployed(Aws aws) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.put("ILN_TABLE_NAME", Aws.TABLE);
        env.put("ILN_SITE_URL", "https://iln.example.org");
        env.put("ILN_MAIL_FROM", Aws.FROM);
        env.put("ILN_PROGRAMME", "https://iln.example.org/programme.json");
        return env;
    }

    private static String secret(Aws aws, String name, String value) {
        try (SecretsManagerClient secrets = aws.onEmulator(SecretsManagerClient.builder()).build()) {
            return secrets.createSecret(b -> b.name(name).secretString(value)).arn();
        }
    }

    /** A value as the stack's secret generator makes it: 64 letters and digits, no punctuation. */
    private static String generated() {
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            value.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return value.toString();
    }
}
