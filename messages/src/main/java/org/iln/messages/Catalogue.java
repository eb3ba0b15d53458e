package org.iln.messages;

import com.ibm.icu.text.MessageFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The messages of one language: each key's ICU MessageFormat pattern, parsed once.
 *
 * <p>A pattern may use numbered arguments with ICU's plural and select forms, for example
 * {@code {0, plural, one {# point} other {# points}}}; the language's CLDR plural rules pick the
 * form (Arabic has six). Asking for a key the catalogue lacks throws, naming the key and the
 * language, so a template cannot silently show a key or an empty string.
 */
public final class Catalogue {

    private final Language language;
    private final Map<String, MessageFormat> formats = new TreeMap<>();
    private final Map<String, String> patterns;

    Catalogue(Language language, Map<String, String> patterns, String source) {
        this.language = language;
        this.patterns = Map.copyOf(patterns);
        patterns.forEach((key, pattern) -> {
            try {
                formats.put(key, new MessageFormat(pattern, language.locale()));
            } catch (IllegalArgumentException e) {
                throw new CatalogueException(source + ": message '" + key + "' (" + language.englishName()
                        + "): not a valid ICU message pattern: " + e.getMessage(), e);
            }
        });
    }

    public Language language() {
        return language;
    }

    /** The keys this catalogue has, sorted. */
    public Set<String> keys() {
        return java.util.Collections.unmodifiableSet(formats.keySet());
    }

    /** The pattern of {@code key} as written in the catalogue (for the compiled catalogues). */
    public String pattern(String key) {
        return patterns.get(key);
    }

    /**
     * The message {@code key} in this language, with {@code arguments} in place of {0}, {1}...
     * (numbers and dates are formatted in the language's own format).
     *
     * @throws CatalogueException naming the key and the language when the catalogue lacks the key
     */
    public String format(String key, Object... arguments) {
        MessageFormat format = formats.get(key);
        if (format == null) {
            throw new CatalogueException("message '" + key + "' is missing from the " + language.englishName()
                    + " (" + language.tag() + ") catalogue");
        }
        synchronized (format) { // ICU's MessageFormat is not thread-safe
            return format.format(arguments);
        }
    }
}
