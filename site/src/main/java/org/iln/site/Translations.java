package org.iln.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iln.messages.Language;
import org.jbake.model.DocumentModel;

/**
 * The translations coordinators keep beside a content file: {@code about.es.md} is the Spanish
 * {@code about.md}, {@code 01-getting-to-know-you.ar.md} the Arabic point. A translation is not a
 * page of its own: it replaces the original's title, summary and body in its language's edition.
 */
final class Translations {

    private static final Pattern TRANSLATION = Pattern.compile("(.+)\\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\\.html");

    private final List<Language> translated;
    private final Map<String, Map<String, DocumentModel>> byOriginal = new HashMap<>();

    /** @param languages the site's languages; a file named for any but the default is a translation */
    Translations(List<Language> languages, Iterable<DocumentModel> documents) {
        this.translated = languages.subList(1, languages.size());
        for (DocumentModel doc : documents) {
            original(doc.getUri()).ifPresent(original -> byOriginal.computeIfAbsent(original, o -> new HashMap<>())
                    .put(tagOf(doc.getUri()), doc));
        }
    }

    /** Whether the document at {@code uri} is a translation rather than an original. */
    boolean isTranslation(String uri) {
        return original(uri).isPresent();
    }

    /** The translation of the original at {@code uri} into {@code language}, when a coordinator wrote one. */
    Optional<DocumentModel> of(String uri, Language language) {
        return Optional.ofNullable(byOriginal.getOrDefault(uri, Map.of()).get(language.tag()));
    }

    /** Uris of originals that some translation names; a translation without its original is an error. */
    Iterable<String> originals() {
        return byOriginal.keySet();
    }

    private Optional<String> original(String uri) {
        Matcher m = TRANSLATION.matcher(uri);
        if (m.matches() && translated.stream().anyMatch(l -> l.tag().equals(m.group(2)))) {
            return Optional.of(m.group(1) + ".html");
        }
        return Optional.empty();
    }

    private static String tagOf(String uri) {
        Matcher m = TRANSLATION.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException(uri + " is not a translation");
        }
        return m.group(2);
    }
}
