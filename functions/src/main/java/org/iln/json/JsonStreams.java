package org.iln.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * jackson-core's streaming parser, configured once, for signup request bodies: read token by
 * token so that every field's type and every duplicate key is checked as it is met, and a body
 * is refused with the field named (see {@code org.iln.signup.SubmittedFields}).
 */
public final class JsonStreams {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonStreams() {
    }

    /** The shared factory: strict about duplicate keys, thread-safe, parsers and generators are not. */
    public static JsonFactory factory() {
        return FACTORY;
    }
}
