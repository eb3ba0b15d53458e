package org.iln.messages.compiled;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every language of the programme as the build compiled it ({@code org.iln.messages.CatalogueCompiler}):
 * what the functions' pages and mail are written from, with the JDK alone.
 *
 * <p>{@link #of(String)} is lenient: an unknown, empty or malformed language tag gets the default
 * language (English), never an error, since it comes from a form, a URL or a stored application.
 */
public final class CompiledCatalogues {

    private static final String FOLDER = "/org/iln/messages/compiled/";

    /** Read once: they are part of the build, like the classes. */
    private static volatile CompiledCatalogues bundled;

    private final List<String> tags;
    private final Function<String, InputStream> source;
    private final Map<String, CompiledCatalogue> loaded = new ConcurrentHashMap<>();

    private CompiledCatalogues(List<String> tags, Function<String, InputStream> source) {
        this.tags = List.copyOf(tags);
        this.source = source;
    }

    /**
     * The compiled catalogues on the class path (built by the messages module). Each language's
     * catalogue is read on first use, so a function that answers in English reads only English.
     */
    public static CompiledCatalogues bundled() {
        CompiledCatalogues catalogues = bundled;
        if (catalogues == null) {
            catalogues = read(CompiledCatalogues::open);
            bundled = catalogues;
        }
        return catalogues;
    }

    /** Compiled catalogues in a folder (the build checks what it just wrote). */
    public static CompiledCatalogues from(Path folder) {
        return read(name -> {
            try {
                return Files.newInputStream(folder.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static CompiledCatalogues read(Function<String, InputStream> source) {
        List<String> tags = new ArrayList<>();
        for (String line : text(source.apply("languages.txt")).lines().toList()) {
            if (!line.isBlank()) {
                tags.add(line.strip());
            }
        }
        return new CompiledCatalogues(tags, source);
    }

    /** Reads every language's catalogue now: the build checks what it wrote, a warm-up primes them. */
    public CompiledCatalogues loadAll() {
        tags.forEach(this::catalogue);
        return this;
    }

    private CompiledCatalogue catalogue(String tag) {
        return loaded.computeIfAbsent(tag, t -> new CompiledCatalogue(t, properties(source.apply(t + ".properties"))));
    }

    /** The languages' tags, the default first. */
    public List<String> tags() {
        return tags;
    }

    /** The default language's catalogue (English). */
    public CompiledCatalogue defaultCatalogue() {
        return catalogue(tags.get(0));
    }

    /** The language with exactly this tag, if the programme has it. */
    public Optional<CompiledCatalogue> find(String tag) {
        return tag != null && tags.contains(tag) ? Optional.of(catalogue(tag)) : Optional.empty();
    }

    /** The catalogue of {@code tag}, or the default one for anything the programme does not have. */
    public CompiledCatalogue of(String tag) {
        return find(tag).orElse(defaultCatalogue());
    }

    private static String text(InputStream source) {
        try (InputStream in = source) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> properties(InputStream in) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> entries = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
        return entries;
    }

    private static InputStream open(String name) {
        InputStream in = CompiledCatalogues.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("no compiled catalogue " + FOLDER + name
                    + " on the class path: build the messages module (it runs CatalogueCompiler)");
        }
        return in;
    }
}
