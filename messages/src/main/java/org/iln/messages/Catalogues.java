package org.iln.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every language of the programme with its catalogue, read from {@code languages.txt} (one tag a
 * line, the default language first) and one {@code <tag>.properties} file per language (UTF-8).
 *
 * <p>Loading checks the whole set: a language without a file, a key the default language has and
 * another lacks, or a key only another language has (a typo) fails with every problem listed,
 * each naming the key and the language. Adding a language is one catalogue file plus its tag in
 * {@code languages.txt}.
 */
public final class Catalogues {

    /** Where the committed catalogues live on the classpath (messages/src/main/resources). */
    private static final String RESOURCES = "/org/iln/messages/";

    private final List<Catalogue> catalogues;

    private Catalogues(List<Catalogue> catalogues) {
        this.catalogues = List.copyOf(catalogues);
    }

    /** The committed catalogues, from the classpath. */
    public static Catalogues bundled() {
        return read(name -> {
            InputStream in = Catalogues.class.getResourceAsStream(RESOURCES + name);
            return in == null ? Optional.empty() : Optional.of(in);
        }, "messages/src/main/resources/org/iln/messages/");
    }

    /** Catalogues from a folder laid out like the committed one (a translator's working copy, a test). */
    public static Catalogues from(Path folder) {
        return read(name -> {
            Path file = folder.resolve(name);
            try {
                return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, folder + "/");
    }

    /** The languages, default first, in the order of languages.txt. */
    public List<Language> languages() {
        return catalogues.stream().map(Catalogue::language).toList();
    }

    /** The default language: the first of languages.txt, at the root of the site. */
    public Language defaultLanguage() {
        return catalogues.get(0).language();
    }

    /** The catalogue of {@code language}, which must be one of {@link #languages()}. */
    public Catalogue of(Language language) {
        return catalogues.stream().filter(c -> c.language().equals(language)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalogue for language " + language.tag()));
    }

    /** The language with this tag, if the programme has it; callers fall back to the default for anything else. */
    public Optional<Language> find(String tag) {
        return languages().stream().filter(l -> l.tag().equals(tag)).findFirst();
    }

    private interface Source {
        Optional<InputStream> open(String name);
    }

    private static Catalogues read(Source source, String where) {
        List<Language> languages = new ArrayList<>();
        for (String line : text(source, "languages.txt", where).lines().toList()) {
            String tag = line.strip();
            if (!tag.isEmpty() && !tag.startsWith("#")) {
                languages.add(new Language(tag));
            }
        }
        if (languages.isEmpty()) {
            throw new CatalogueException(where + "languages.txt: lists no language");
        }
        Map<Language, Map<String, String>> patterns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Language language : languages) {
            String file = language.tag() + ".properties";
            Optional<InputStream> in = source.open(file);
            if (in.isEmpty()) {
                problems.add(where + file + ": missing: " + language.englishName() + " is listed in languages.txt "
                        + "but has no catalogue; copy " + languages.get(0).tag() + ".properties and translate it");
                continue;
            }
            patterns.put(language, properties(in.get(), where + file));
        }
        Language first = languages.get(0);
        Set<String> required = patterns.getOrDefault(first, Map.of()).keySet();
        patterns.forEach((language, messages) -> {
            String file = where + language.tag() + ".properties";
            for (String key : new TreeSet<>(required)) {
                if (!messages.containsKey(key) || messages.get(key).isBlank()) {
                    problems.add(file + ": message '" + key + "' is missing (" + language.englishName() + ")");
                }
            }
            for (String key : new TreeSet<>(messages.keySet())) {
                if (!required.contains(key)) {
                    problems.add(file + ": message '" + key + "' (" + language.englishName() + ") is not in "
                            + first.tag() + ".properties; remove it or fix its name");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new CatalogueException(String.join("\n", problems));
        }
        List<Catalogue> catalogues = new ArrayList<>();
        patterns.forEach((language, messages) ->
                catalogues.add(new Catalogue(language, messages, where + language.tag() + ".properties")));
        return new Catalogues(catalogues);
    }

    private static String text(Source source, String name, String where) {
        try (InputStream in = source.open(name)
                .orElseThrow(() -> new CatalogueException(where + name + ": missing; it lists the languages, one tag a line"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> properties(InputStream in, String file) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CatalogueException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> messages = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return messages;
    }
}
