package org.iln.cli.dev;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answer to a request it cannot parse (conflicting lengths, broken chunks, headers or a
 * URI too long), in the API's JSON error shape rather than Jetty's HTML page, so that every 4xx
 * from {@code ./iln dev} can be read the same way.
 */
final class JsonBadMessages extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        String message = "The request could not be read (HTTP " + status + (reason == null ? "" : ": " + reason) + ").";
        return ByteBuffer.wrap(error("request", message).getBytes(StandardCharsets.UTF_8));
    }

    /** The API's error body, {@code {"errors":[{"field":…,"message":…}]}}, for a fixed field and message. */
    static String error(String field, String message) {
        return "{\"errors\":[{\"field\":\"" + escape(field) + "\",\"message\":\"" + escape(message) + "\"}]}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
