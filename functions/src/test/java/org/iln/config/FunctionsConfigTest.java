package org.iln.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionsConfigTest {

    static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    @Test
    void reads_every_setting_from_the_environment() {
        // when
        FunctionsConfig config = FunctionsConfig.fromEnvironment(Map.of(
                "ILN_TABLE_NAME", "iln", "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "ILN_ADDRESS_KEY", KEY, "ILN_TOKEN_KEY", KEY, "ILN_SITE_URL", "https://iln.example.org/",
                "ILN_MAIL_FROM", "ILN <noreply@iln.example.org>", "ILN_PROGRAMME", "/site/programme.json",
                "ILN_RATE_LIMIT", "12"));

        // then
        assertThat(config.tableName()).isEqualTo("iln");
        assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(config.siteUrl()).isEqualTo(URI.create("https://iln.example.org"));
        assertThat(config.rateLimit()).isEqualTo(12);
        assertThat(config.rateWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.toString()).doesNotContain(KEY).contains("keys=<hidden>");
    }

    @Test
    void names_every_missing_or_bad_variable_at_once() {
        assertThatThrownBy(() -> FunctionsConfig.fromEnvironment(Map.of("ILN_ADDRESS_KEY", "c2hvcnQ=",
                "ILN_RATE_LIMIT", "lots")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ILN_TABLE_NAME is not set")
                .hasMessageContaining("AWS_REGION is not set")
                .hasMessageContaining("ILN_ADDRESS_KEY must be base64 of at least 32 random bytes")
                .hasMessageContaining("ILN_TOKEN_KEY is not set")
                .hasMessageContaining("ILN_RATE_LIMIT must be a positive whole number")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void reads_the_configuration_set_and_origin_value_and_never_prints_the_origin_value() {
        // when
        FunctionsConfig config = FunctionsConfig.fromEnvironment(Map.of(
                "ILN_TABLE_NAME", "iln", "AWS_REGION", "eu-west-1", "ILN_ADDRESS_KEY", KEY, "ILN_TOKEN_KEY", KEY,
                "ILN_SITE_URL", "https://iln.example.org", "ILN_MAIL_FROM", "ILN <noreply@iln.example.org>",
                "ILN_PROGRAMME", "https://iln.example.org/programme.json",
                "ILN_CONFIGURATION_SET", "iln-prod-mail", "ILN_ORIGIN_VERIFY", "only-cloudfront-knows"));

        // then
        assertThat(config.configurationSet()).contains("iln-prod-mail");
        assertThat(config.originVerify()).contains("only-cloudfront-knows");
        assertThat(config.toString()).contains("iln-prod-mail").doesNotContain("only-cloudfront-knows");
    }

    @Test
    void without_them_mail_goes_without_a_configuration_set_and_every_request_is_accepted() {
        // when
        FunctionsConfig config = FunctionsConfig.fromEnvironment(Map.of(
                "ILN_TABLE_NAME", "iln", "AWS_REGION", "eu-west-1", "ILN_ADDRESS_KEY", KEY, "ILN_TOKEN_KEY", KEY,
                "ILN_SITE_URL", "https://iln.example.org", "ILN_MAIL_FROM", "ILN <noreply@iln.example.org>",
                "ILN_PROGRAMME", "/site/programme.json"));

        // then
        assertThat(config.configurationSet()).isEmpty();
        assertThat(config.originVerify()).isEmpty();
    }
}
