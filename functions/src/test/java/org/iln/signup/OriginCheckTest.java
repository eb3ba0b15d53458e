package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.testing.Applicant;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.iln.testing.Events;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In AWS, CloudFront adds a secret header to what it forwards to the API; the API's own
 * execute-api address would otherwise let a client skip WAF and pick its own
 * CloudFront-Viewer-Address, the rate limit's key.
 */
@ExtendWith(AwsEmulator.class)
class OriginCheckTest {

    static final String ORIGIN_VALUE = "a-value-only-cloudfront-sends";

    SettableClock clock;
    ApiHandler handler;
    Aws aws;

    @BeforeEach
    void setUp(Aws aws) {
        this.aws = aws;
        clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        handler = new ApiHandler(aws.clients(), clock, aws.config().withOriginVerify(ORIGIN_VALUE));
    }

    @Test
    void a_request_through_cloudfront_is_answered() {
        // when
        APIGatewayV2HTTPResponse response = signup(ORIGIN_VALUE);

        // then
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(aws.sentMail()).hasSize(1);
    }

    @Test
    void a_request_around_cloudfront_is_refused_and_changes_nothing() {
        // when
        APIGatewayV2HTTPResponse without = signup(null);
        APIGatewayV2HTTPResponse wrong = signup("a-guess");

        // then
        assertThat(without.getStatusCode()).isEqualTo(403);
        assertThat(wrong.getStatusCode()).isEqualTo(403);
        assertThat(wrong.getBody()).contains("site address");
        assertThat(aws.items()).isEmpty();
        assertThat(aws.sentMail()).isEmpty();
    }

    @Test
    void the_refusal_is_in_the_links_language_and_english_for_a_malformed_one() {
        // when
        APIGatewayV2HTTPResponse spanish = handler.handleRequest(Events.event("GET", "/api/unsubscribe",
                Map.of("token", "any", "lang", "es"), Map.of(), null, Events.CLIENT_IP), null);
        APIGatewayV2HTTPResponse malformed = handler.handleRequest(Events.event("GET", "/api/unsubscribe",
                Map.of("token", "any", "lang", "es-<x>"), Map.of(), null, Events.CLIENT_IP), null);

        // then
        assertThat(spanish.getStatusCode()).isEqualTo(403);
        assertThat(spanish.getBody()).contains(CompiledCatalogues.bundled().of("es").format("page.api.notThroughSite"))
                .doesNotContain("site address");
        assertThat(malformed.getStatusCode()).isEqualTo(403);
        assertThat(malformed.getBody()).contains("site address");
    }

    @Test
    void a_confirm_link_followed_around_cloudfront_confirms_nothing() {
        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.get("/api/confirm", "any-token"), null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    private APIGatewayV2HTTPResponse signup(String originValue) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (originValue != null) {
            // API Gateway passes header names in lower case.
            headers.put("x-origin-verify", originValue);
        }
        return handler.handleRequest(Events.event("POST", "/api/signup", Map.of(), headers,
                Applicant.valid("ana@example.org", clock).json(), Events.CLIENT_IP), null);
    }
}
