package org.iln.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.iln.cli.dev.ApiGatewayBridge.LocalRequest;
import org.iln.cli.dev.ApiGatewayBridge.LocalResponse;
import org.junit.jupiter.api.Test;

class ApiGatewayBridgeTest {

    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();
    private final ApiGatewayBridge bridge = new ApiGatewayBridge((event, context) -> {
        received.set(event);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(303)
                .withHeaders(Map.of("location", "/check-your-email.html"))
                .withCookies(List.of("a=1"))
                .withBody(Base64.getEncoder().encodeToString("done".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
    }, new LocalLambdaContext("api", 512, 10_000));

    private static LocalRequest post(String contentType, String body) {
        return new LocalRequest("POST", "/api/signup", "lang=en&tag=a&tag=b",
                Map.of("Content-Type", List.of(contentType), "X-Multi", List.of("1", "2"), "Cookie", List.of("x=1; y=2")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", Instant.parse("2026-11-29T10:15:30Z"));
    }

    @Test
    void a_form_post_arrives_base64_encoded_as_api_gateway_sends_it() {
        bridge.handle(post("application/x-www-form-urlencoded", "email=a%40example.org"));

        APIGatewayV2HTTPEvent event = received.get();
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8))
                .isEqualTo("email=a%40example.org");
    }

    @Test
    void a_json_post_arrives_as_text() {
        bridge.handle(post("application/json; charset=utf-8", "{\"email\":\"a@example.org\"}"));

        assertThat(received.get().getIsBase64Encoded()).isFalse();
        assertThat(received.get().getBody()).isEqualTo("{\"email\":\"a@example.org\"}");
    }

    @Test
    void headers_are_lower_case_and_repeated_values_joined_with_commas() {
        bridge.handle(post("application/json", "{}"));

        APIGatewayV2HTTPEvent event = received.get();
        assertThat(event.getHeaders()).containsEntry("x-multi", "1,2").containsEntry("content-type", "application/json");
        assertThat(event.getCookies()).containsExactly("x=1", "y=2");
        assertThat(event.getQueryStringParameters()).containsEntry("lang", "en").containsEntry("tag", "a,b");
        assertThat(event.getRawQueryString()).isEqualTo("lang=en&tag=a&tag=b");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(Instant.parse("2026-11-29T10:15:30Z").toEpochMilli());
    }

    @Test
    void the_handlers_answer_comes_back_decoded() {
        LocalResponse response = bridge.handle(post("application/json", "{}"));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.headers()).containsEntry("location", "/check-your-email.html");
        assertThat(response.cookies()).containsExactly("a=1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("done");
    }
}
