package org.iln.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one place our JSON mapper is configured, so that every file, event and message is read
 * and written the same way.
 *
 * <p>Strict on input (unknown properties and trailing tokens are errors, so a typo in a pool file
 * or a request is reported, not ignored) and stable on output (sorted map keys, ISO dates), which
 * keeps results byte-for-byte deterministic.
 */
public final class Json {

    private Json() {
    }

    /** A new mapper with the project's settings; build one per component and keep it. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
