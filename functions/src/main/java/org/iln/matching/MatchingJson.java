package org.iln.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iln.json.Json;

/**
 * Reads pool files and writes result files (docs/schema/pool.schema.json and result.schema.json)
 * with the project's strict mapper, turning every parse error into an {@link InvalidPoolException}
 * that names the record and the field, never the value (pools hold personal data).
 */
public final class MatchingJson {

    private final ObjectMapper mapper = Json.newMapper();
    private final ObjectWriter writer = mapper.writerWithDefaultPrettyPrinter();

    /**
     * Reads and validates a pool.
     *
     * @throws InvalidPoolException when the JSON is malformed or a field is unknown, mistyped or invalid
     * @throws UncheckedIOException when the stream cannot be read
     */
    public Pool readPool(InputStream in) {
        Pool pool;
        try {
            pool = mapper.readValue(in, Pool.class);
        } catch (JsonParseException e) {
            throw new InvalidPoolException("pool: not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidPoolException(parent(e) + ": unknown field '" + e.getPropertyName() + "'", e);
        } catch (JsonMappingException e) {
            String type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null
                    ? " (expected " + describe(m.getTargetType()) + ")" : "";
            throw new InvalidPoolException(where(e) + ": has the wrong type or format" + type, e);
        } catch (JsonProcessingException e) {
            throw new InvalidPoolException("pool: cannot be read as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pool == null) {
            throw new InvalidPoolException("pool: the file is empty or null");
        }
        return pool.validate();
    }

    /** The result as pretty-printed UTF-8 JSON ending in a newline; the same result gives the same bytes. */
    public byte[] writeResult(MatchResult result) {
        try {
            return (writer.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a match result could not be written as JSON", e);
        }
    }

    /** Reads a result written by {@link #writeResult}. */
    public MatchResult readResult(InputStream in) throws IOException {
        return mapper.readValue(in, MatchResult.class);
    }

    private static String where(JsonMappingException e) {
        return path(e.getPath().size(), e);
    }

    /** The path without its last step: the record that holds the unknown field. */
    private static String parent(JsonMappingException e) {
        return path(e.getPath().size() - 1, e);
    }

    private static String path(int steps, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath().subList(0, Math.max(0, steps))) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "pool" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-02-01T09:30:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO date such as 2026-02-23";
        }
        return "a " + type.getSimpleName();
    }
}
