package org.iln.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The headers every response of the programme's origin carries (the site's files and {@code /api/*}):
 * HSTS, the Content-Security-Policy, nosniff, the referrer policy and no framing.
 *
 * <p>{@link #production()} reads them from {@code response-headers.tsv} in this package, which
 * CloudFront's response headers policy and {@code ./iln dev} both use, so neither can drift.
 *
 * @param headers header names (as written, in order) to their values
 */
public record ResponseHeaders(Map<String, String> headers) {

    /** The header that names the Content-Security-Policy. */
    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    public ResponseHeaders {
        Objects.requireNonNull(headers, "headers");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The headers production sends, from response-headers.tsv. */
    public static ResponseHeaders production() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (DefinitionFile.Line line : DefinitionFile.read("response-headers.tsv")) {
            if (headers.put(line.first(), line.second()) != null) {
                throw new IllegalStateException("response-headers.tsv line " + line.number()
                        + ": " + line.first() + " is defined twice");
            }
        }
        return new ResponseHeaders(headers);
    }

    /** The value of {@code name} (case-insensitive, as HTTP header names are). */
    public java.util.Optional<String> value(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }
}
