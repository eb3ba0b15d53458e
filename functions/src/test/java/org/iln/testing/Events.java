package org.iln.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** HTTP API (payload v2) events as API Gateway delivers them. */
public final class Events {

    /** The client address tests use unless they say otherwise. */
    public static final String CLIENT_IP = "203.0.113.7";

    private Events() {
    }

    /** A POST with a body of this media type. */
    public static APIGatewayV2HTTPEvent post(String path, String contentType, String body) {
        return post(path, contentType, body, CLIENT_IP);
    }

    /** A POST from a given client address. */
    public static APIGatewayV2HTTPEvent post(String path, String contentType, String body, String ip) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return event("POST", path, Map.of(), headers, body, ip);
    }

    /** A POST to a path with a token in the query (one-click unsubscribe, erase). */
    public static APIGatewayV2HTTPEvent postWithToken(String path, String token, String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        return event("POST", path, Map.of("token", token), headers, body, CLIENT_IP);
    }

    /** A GET with a token in the query. */
    public static APIGatewayV2HTTPEvent get(String path, String token) {
        return event("GET", path, token == null ? Map.of() : Map.of("token", token), Map.of(), null, CLIENT_IP);
    }

    /** Any method. */
    public static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> query,
                                              Map<String, String> headers, String body, String ip) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(new HashMap<>(headers))
                .withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp(ip).withProtocol("HTTP/1.1").build())
                        .build())
                .build();
    }
}
