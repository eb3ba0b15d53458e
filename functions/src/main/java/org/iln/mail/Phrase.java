package org.iln.mail;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;

/**
 * A sentence as data: a catalogue key and the values it is filled with, worded only when a page
 * or a mail is written for a reader, in the reader's language. Arguments are text, whole numbers
 * (which choose plural forms) or days (written in the language's long date format).
 */
public record Phrase(String key, List<Object> arguments) {

    public Phrase {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
        for (Object argument : arguments) {
            if (!(argument instanceof String) && !(argument instanceof Number) && !(argument instanceof LocalDate)) {
                throw new IllegalArgumentException("phrase '" + key + "': an argument is not text, a number or a day");
            }
        }
    }

    /** The phrase {@code key} with {@code arguments} in place of {0}, {1}... */
    public static Phrase of(String key, Object... arguments) {
        return new Phrase(key, List.of(arguments));
    }

    /** The sentence in {@code catalogue}'s language. */
    public String in(CompiledCatalogue catalogue) {
        return catalogue.format(key, arguments.stream()
                .map(a -> a instanceof LocalDate day ? catalogue.date(day) : a).toArray());
    }

    /** The sentence in the language tagged {@code language} (English for an unknown tag). */
    public String in(String language) {
        return in(CompiledCatalogues.bundled().of(language));
    }
}
