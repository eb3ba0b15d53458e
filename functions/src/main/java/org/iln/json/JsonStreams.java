package org.iln.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * jackson-core's streaming parser and generator, configured once, for the few small documents on
 * a cold start's path (request bodies, API responses, the programme manifest).
 *
 * <p>Why not the mapper: {@link Json#newMapper()} loads some 700 databind classes and introspects
 * every type it meets, which costs a Lambda's first request most of a second; these documents
 * are a handful of known fields, read and written token by token instead.
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
