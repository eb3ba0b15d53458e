package org.iln.signup;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iln.json.JsonStreams;
import org.iln.mail.Phrase;
import org.iln.messages.compiled.CompiledCatalogues;

/**
 * The raw fields of a submitted form, whatever the encoding: a JSON object (arrays for repeated
 * fields) or {@code application/x-www-form-urlencoded} (repeated keys), decoded strictly.
 *
 * <p>Values are raw text, not yet validated. A field whose JSON value is not text (an object, a
 * nested array) is kept as a type problem so that validation can name it.
 */
public final class SubmittedFields {

    private final Map<String, List<String>> values;
    private final Set<String> wrongTypes;

    private SubmittedFields(Map<String, List<String>> values, Set<String> wrongTypes) {
        this.values = values;
        this.wrongTypes = wrongTypes;
    }

    /** Fields from a plain map (for tests and in-process callers). */
    public static SubmittedFields of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new SubmittedFields(copy, Set.of());
    }

    /**
     * Parses a JSON object body; throws {@link MalformedBodyException} if it is not one.
     *
     * <p>Read token by token with jackson-core (see {@link JsonStreams}), as strictly as a tree:
     * the whole body must be well-formed, one object, no duplicate keys, nothing after it.
     */
    public static SubmittedFields fromJson(byte[] body) throws MalformedBodyException {
        try (JsonParser parser = JsonStreams.factory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                // Still read what follows: a broken body is reported as broken, not as the wrong shape.
                skipRest(parser);
                throw new MalformedBodyException(Phrase.of("error.body.notObject"));
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            Set<String> wrong = new LinkedHashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value == JsonToken.START_ARRAY) {
                    List<String> list = new ArrayList<>();
                    boolean ok = true;
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
                         element = parser.nextToken()) {
                        Optional<String> text = ok ? scalar(parser) : Optional.empty();
                        if (text.isPresent()) {
                            list.add(text.get());
                        } else {
                            ok = false;
                            parser.skipChildren();
                        }
                    }
                    if (!ok) {
                        wrong.add(name);
                    }
                    values.put(name, list);
                } else {
                    Optional<String> text = scalar(parser);
                    if (text.isEmpty()) {
                        wrong.add(name);
                        parser.skipChildren();
                    }
                    values.put(name, text.map(List::of).orElse(List.of()));
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the object");
            }
            return new SubmittedFields(values, wrong);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the input; say only where the problem is.
            throw new MalformedBodyException(e.getLocation() == null ? Phrase.of("error.body.notJson")
                    : Phrase.of("error.body.notJsonAt", e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new MalformedBodyException(Phrase.of("error.body.notJson"));
        }
    }

    private static void skipRest(JsonParser parser) throws IOException {
        parser.skipChildren();
        while (parser.nextToken() != null) {
            parser.skipChildren();
        }
    }

    /** Parses a URL-encoded form body strictly (bad percent escapes or UTF-8 are refused). */
    public static SubmittedFields fromForm(byte[] body) throws MalformedBodyException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String text = decodeUtf8(body, Phrase.of("error.body.notUtf8"));
        if (text.isEmpty()) {
            return new SubmittedFields(values, Set.of());
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new SubmittedFields(values, Set.of());
    }

    /** The field names present. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Every value given for a field (empty if absent). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether a field's JSON value had a type other than text, number, boolean or a list of those. */
    public boolean hasWrongType(String name) {
        return wrongTypes.contains(name);
    }

    /** The current token as text if it is text, a boolean or a whole number. */
    private static Optional<String> scalar(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> Optional.of(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> Optional.of(Boolean.toString(parser.getBooleanValue()));
            // The number's value, not its spelling: -0 is "0", as a tree would give it.
            case VALUE_NUMBER_INT -> Optional.of(parser.getNumberValue().toString());
            default -> Optional.empty();
        };
    }

    private static String percentDecode(String encoded) throws MalformedBodyException {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new MalformedBodyException(Phrase.of("error.body.brokenEscape"));
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedBodyException(Phrase.of("error.body.brokenEscape"));
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    raw = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(raw);
            }
        }
        return decodeUtf8(bytes.toByteArray(), Phrase.of("error.body.notUtf8"));
    }

    private static String decodeUtf8(byte[] bytes, Phrase problem) throws MalformedBodyException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException(problem);
        }
    }

    /** The body could not be read as the declared media type. */
    public static final class MalformedBodyException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Phrase problem;

        /** A problem worded for the client in their language ({@link #problem()}); its message is the English wording, for tests and logs. */
        public MalformedBodyException(Phrase problem) {
            super(problem.in(CompiledCatalogues.bundled().defaultCatalogue()));
            this.problem = problem;
        }

        /** The problem as a catalogue key ({@code error.body.*}) and its values, to word in the request's language. */
        public Phrase problem() {
            return problem;
        }
    }
}
