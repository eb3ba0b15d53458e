package org.iln.cli.dev;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a local HTTP request into the API Gateway HTTP API (payload 2.0) event that AWS would send,
 * calls the handler in-process, and turns its response back.
 *
 * <p>It copies API Gateway's quirks that handlers must cope with: header names in lower case with
 * repeated values joined by commas, repeated query parameters joined by commas, and bodies
 * base64-encoded unless the content type is JSON or text.
 */
public final class ApiGatewayBridge {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The parts of a local request the event is made from. */
    public record LocalRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                               byte[] body, String sourceIp, Instant receivedAt) {
    }

    /** The parts of the handler's answer a local server writes back. */
    public record LocalResponse(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final Context context;

    public ApiGatewayBridge(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, Context context) {
        this.handler = handler;
        this.context = context;
    }

    public LocalResponse handle(LocalRequest request) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(toEvent(request), context);
        return fromResponse(response);
    }

    static APIGatewayV2HTTPEvent toEvent(LocalRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.merge(
                name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b));
        String cookieHeader = headers.remove("cookie");
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        String body = request.body() == null || request.body().length == 0 ? null
                : text ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body());
        String query = request.rawQuery() == null ? "" : request.rawQuery();

        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(request.path())
                .withRawQueryString(query)
                .withHeaders(headers)
                .withCookies(cookieHeader == null ? null : List.of(cookieHeader.split(";\\s*")))
                .withQueryStringParameters(query.isEmpty() ? null : queryParameters(query))
                .withBody(body)
                .withIsBase64Encoded(body != null && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("$default")
                        .withStage("$default")
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "localhost"))
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(request.receivedAt()))
                        .withTimeEpoch(request.receivedAt().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.path())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(request.sourceIp())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private static LocalResponse fromResponse(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        List<String> cookies = response.getCookies() == null ? List.of() : response.getCookies();
        return new LocalResponse(response.getStatusCode(), headers, cookies, bytes);
    }

    /** API Gateway passes JSON and text bodies as they are and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json");
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // API Gateway passes a malformed escape through rather than rejecting the request.
            return part;
        }
    }
}
