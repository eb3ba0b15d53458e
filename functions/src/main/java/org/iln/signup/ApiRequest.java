package org.iln.signup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.signup.SubmittedFields.MalformedBodyException;

/**
 * The parts of an HTTP API event (payload v2) the API uses, decoded once; among them whether the
 * body is the site's form or JSON, which decides how it is read and how it is answered.
 */
record ApiRequest(String method, String path, MediaType mediaType, byte[] body, Map<String, String> query,
                  String sourceIp) {

    /** What a body claims to be: the site's form, JSON from a script, or something else. */
    enum MediaType {
        FORM, JSON, OTHER;

        static MediaType of(String contentType) {
            int semicolon = contentType.indexOf(';');
            String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
            return switch (type) {
                case "application/x-www-form-urlencoded" -> FORM;
                case "application/json" -> JSON;
                default -> OTHER;
            };
        }
    }

    static ApiRequest of(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http != null && http.getMethod() != null ? http.getMethod().toUpperCase(Locale.ROOT) : "GET";
        String path = event.getRawPath() != null ? event.getRawPath() : http != null ? http.getPath() : "/";
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of()
                : event.getQueryStringParameters();
        String ip = http != null && http.getSourceIp() != null ? http.getSourceIp() : "unknown";
        // Behind CloudFront the source is an edge server; CloudFront sets this header to the
        // visitor's "address:port" and overwrites any a client sends (the stack forwards it;
        // the handler's origin header check keeps clients from going around CloudFront).
        String viewer = header(event, "cloudfront-viewer-address");
        if (!viewer.isBlank()) {
            int port = viewer.lastIndexOf(':');
            ip = port > 0 ? viewer.substring(0, port) : viewer;
        }
        return new ApiRequest(method, path, MediaType.of(header(event, "content-type")), decode(event), query, ip);
    }

    /** A header's value (names compared ignoring case), or "" if absent. */
    static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null) {
                    return h.getValue();
                }
            }
        }
        return "";
    }

    private static byte[] decode(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return body.getBytes(StandardCharsets.UTF_8);
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** Whether the site's form (a browser, perhaps without JavaScript) sent it. */
    boolean isForm() {
        return mediaType == MediaType.FORM;
    }

    /** Whether a browser is showing the answer: it posted the site's form, or followed a link. */
    boolean wantsPage() {
        return isForm() || method.equals("GET") || method.equals("HEAD");
    }

    /**
     * The language to answer in when no stored application names it (a tampered or expired link,
     * a refused form): the link's {@code lang}, else the form's {@code language} field; the default
     * language for anything missing, unknown or malformed, never an error.
     */
    String language() {
        String tag = query("lang").orElse("");
        if (tag.isEmpty() && isForm()) {
            try {
                List<String> values = fields().all("language");
                tag = values.size() == 1 ? values.get(0).strip() : "";
            } catch (MalformedBodyException | RuntimeException unreadable) {
                tag = "";
            }
        }
        return CompiledCatalogues.bundled().of(tag).tag();
    }

    /**
     * The body's fields, read as what it claims to be.
     *
     * @throws MalformedBodyException if it is not well-formed
     * @throws IllegalStateException if it is neither the form nor JSON (check {@link #mediaType} first)
     */
    SubmittedFields fields() throws MalformedBodyException {
        return switch (mediaType) {
            case FORM -> SubmittedFields.fromForm(body);
            case JSON -> SubmittedFields.fromJson(body);
            case OTHER -> throw new IllegalStateException("a body of another media type is refused, not read");
        };
    }
}
