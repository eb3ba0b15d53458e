package org.iln.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iln.messages.CatalogueException;
import org.iln.messages.Catalogues;
import org.iln.messages.Language;
import org.jbake.app.Asset;
import org.jbake.app.Crawler;
import org.jbake.app.JBakeException;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;
import org.jbake.model.DocumentModel;
import org.jbake.model.DocumentTypes;
import org.jbake.model.ModelAttributes;
import org.jbake.parser.Engines;
import org.jbake.parser.ParserEngine;
import org.jbake.render.RenderingTool;
import org.jbake.template.RenderingException;
import org.slf4j.LoggerFactory;

/**
 * Bakes the programme website, its feed, sitemap and programme manifest from a site folder.
 *
 * <p>The site folder holds {@code jbake.properties}, {@code content/}, {@code templates/},
 * {@code assets/} and {@code data/} (see docs/content-model.md). The bake uses JBake 2.7.0's
 * own configuration, crawler, Markdown parser, renderer and asset copier, with three pieces of
 * ours plugged into its extension points: an in-memory content store (no OrientDB), a Freemarker
 * engine with HTML auto-escaping and a model built once, and rendering tools that find each
 * point's neighbours from one sorted list. A bake of N discussion points is therefore O(N).
 *
 * <p>Every page is baked once per language of the message catalogues (module iln-messages): the
 * default language at the root, the others under their tag ({@code /es/}, {@code /ar/}), each page
 * with its alternates in every language and in the sitemap. A content file's translation sits
 * beside it ({@code about.es.md}); without one, the original is shown with a notice.
 *
 * <p>The same folder and bake date always give the same files. Discussion points whose send date
 * is after the bake date are in the manifest but not yet on the public pages or in the feed. When
 * {@code site/node_modules/.bin/pagefind} exists (after {@code npm ci --prefix site}), Pagefind
 * indexes the baked points for client-side search.
 */
public final class SiteBaker {

    private final Path siteDir;
    private final Clock clock;
    private final Optional<String> baseUrl;
    private final Optional<Path> catalogueFolder;
    private final Optional<Path> figuresFile;

    /** A baker for the site folder (the one holding jbake.properties), dated by the system clock in UTC. */
    public SiteBaker(Path siteDir) {
        this(siteDir, Clock.systemUTC());
    }

    /**
     * A baker dated by {@code clock}: what is open, which discussion points are out. {@code ./iln dev}
     * bakes by its programme clock, so that the site agrees with the API after {@code ./iln run --date}.
     */
    public SiteBaker(Path siteDir, Clock clock) {
        this(siteDir, clock, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private SiteBaker(Path siteDir, Clock clock, Optional<String> baseUrl, Optional<Path> catalogueFolder,
                      Optional<Path> figuresFile) {
        this.siteDir = Objects.requireNonNull(siteDir, "siteDir").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseUrl = baseUrl;
        this.catalogueFolder = catalogueFolder;
        this.figuresFile = figuresFile;
    }

    /** The same baker with the message catalogues of {@code folder} (a translator's working copy, a test's) in place of the committed ones. */
    SiteBaker withCatalogues(Path folder) {
        return new SiteBaker(siteDir, clock, baseUrl, Optional.of(folder), figuresFile);
    }

    private Catalogues catalogues() {
        try {
            return catalogueFolder.map(Catalogues::from).orElseGet(Catalogues::bundled);
        } catch (CatalogueException e) {
            throw new BakeException("messages: the catalogues cannot be used:\n" + e.getMessage(), e);
        }
    }

    /**
     * The same baker, writing {@code url} (for example {@code https://iln.example.org}) in place of
     * jbake.properties' {@code site.host}: the address in canonical links, the feed, the sitemap
     * and the manifest's {@code baseUrl}, which is where the site is actually deployed.
     *
     * @throws IllegalArgumentException unless {@code url} is an http(s) origin without a path
     */
    public SiteBaker withBaseUrl(String url) {
        Objects.requireNonNull(url, "url");
        String origin = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!origin.matches("https?://[^/\\s?#]+")) {
            throw new IllegalArgumentException("the base URL must be an http(s) origin without a path, such as "
                    + "https://iln.example.org (was '" + url + "')");
        }
        return new SiteBaker(siteDir, clock, Optional.of(origin), catalogueFolder, figuresFile);
    }

    /**
     * The same baker, with the participation figures in {@code file} (the nightly figures job's
     * document; see docs/content-model.md, "Figures"): country pages and the statistics page show
     * them. A file that does not exist (yet) means no figures, and the pages say so. Each bake
     * reads the file again.
     */
    public SiteBaker withFigures(Path file) {
        return new SiteBaker(siteDir, clock, baseUrl, catalogueFolder, Optional.of(Objects.requireNonNull(file, "file")));
    }

    /**
     * Bakes the site into {@code outputDir}, replacing an earlier bake there.
     *
     * @throws BakeException naming the file and field when content or data is invalid, or the
     *     output folder is not empty and holds no earlier bake
     */
    public BakeReport bake(Path outputDir) {
        long start = System.nanoTime();
        Path out = Objects.requireNonNull(outputDir, "outputDir").toAbsolutePath().normalize();
        quietJBakeLogging();
        LocalDate today = LocalDate.now(clock);

        Catalogues catalogues = catalogues();
        Programme programme = new DataFiles(siteDir).read();
        Figures figures = figuresFile.map(Figures::read).orElse(Figures.NONE);
        Map<String, Map<String, String>> headers = new ContentHeaders(siteDir, programme).check();
        prepare(out);

        JBakeConfiguration config = configuration(out);
        DocumentTypes.resetDocumentTypes();
        config.getDocumentTypes().forEach(DocumentTypes::addDocumentType);
        MemoryContentStore store = new MemoryContentStore();
        ParserEngine stockMarkdown = Engines.get("md");
        Engines.register("md", new MarkdownBodies(config.getMarkdownExtensions()));
        try {
            new Crawler(store, config).crawl();
        } finally {
            Engines.register("md", stockMarkdown);
        }

        List<Language> languages = catalogues.languages();
        Translations translations = new Translations(languages, Stream.concat(store.documents("page").stream(), store.documents("point").stream()).toList());
        Set<String> originals = new HashSet<>();
        Stream.concat(store.documents("page").stream(), store.documents("point").stream()).forEach(d -> originals.add(d.getUri()));
        for (String original : translations.originals()) {
            if (!originals.contains(original)) {
                throw new BakeException("content: a translation names " + original.replace(".html", ".md")
                        + ", which does not exist; name a translation after its original (about.md, about.es.md)");
            }
        }
        List<DiscussionPoint> points = points(store, headers, config, translations, languages.get(0));
        List<DiscussionPoint> visible = points.stream().filter(p -> p.sentBy(today))
                .sorted(Comparator.comparing(DiscussionPoint::sendDate).thenComparing(DiscussionPoint::slug).reversed())
                .toList();
        Path pagefind = siteDir.resolve("node_modules").resolve(".bin").resolve("pagefind");
        boolean searchAvailable = Files.isExecutable(pagefind);
        Fingerprints fingerprints = Fingerprints.of(config.getAssetFolder().toPath());
        List<String> oldestFirst = new ArrayList<>();
        for (int i = visible.size() - 1; i >= 0; i--) {
            oldestFirst.add(visible.get(i).url().substring(1));
        }
        Set<String> contentUris = new HashSet<>();
        store.documents("page").stream().filter(SiteBaker::published).forEach(d -> contentUris.add(d.getUri()));

        PageTool.Pages pages = new PageTool.Pages();
        int countries = 0;
        // The default language last: its pass writes robots.txt and the sitemap, which list every page.
        List<Language> order = new ArrayList<>(languages.subList(1, languages.size()));
        order.add(languages.get(0));
        for (Language language : order) {
            Edition edition = new Edition(language, catalogues.of(language), languages);
            List<DiscussionPoint> shown = visible.stream().map(p -> inEdition(p, edition, store, translations)).toList();
            SiteModel model = new SiteModel(settings(config), programme, shown, today, searchAvailable, edition, figures);
            model.site().put("assets", fingerprints.urls());
            Map<String, Map<String, Object>> pointViews = new HashMap<>();
            for (int i = 0; i < visible.size(); i++) {
                pointViews.put(visible.get(i).url().substring(1), model.points().get(i));
            }
            countries = model.countries().size();
            Renderer renderer = new Renderer(store, config, new SiteTemplateEngine(store, config, model.site(), edition));
            List<RenderingTool> tools = List.of(
                    new ContentPages(pages, edition, store, translations, oldestFirst, pointViews),
                    new ArchivePages(pages, edition, model),
                    new CountryPages(pages, edition, model),
                    new SiteFiles(pages, edition, contentUris));
            for (RenderingTool tool : tools) {
                try {
                    tool.render(renderer, store, config);
                } catch (RenderingException e) {
                    throw new BakeException(e.getMessage(), e);
                }
            }
        }
        // Each point's translations, so that the functions mail a participant the point in their language.
        Map<String, List<DiscussionPoint>> translated = new HashMap<>();
        for (DiscussionPoint point : points) {
            for (Language language : languages.subList(1, languages.size())) {
                DiscussionPoint edition = inEdition(point, new Edition(language, catalogues.of(language), languages),
                        store, translations);
                if (edition.lang().equals(language.tag())) {
                    translated.computeIfAbsent(point.url(), u -> new ArrayList<>()).add(edition);
                }
            }
        }
        new ProgrammeManifest(String.valueOf(config.get("site.host")), programme, points, translated)
                .write(out.resolve("programme.json"));

        Asset asset = new Asset(config);
        asset.copy();
        asset.copyAssetsFromContent(config.getContentFolder());
        if (!asset.getErrors().isEmpty()) {
            throw new BakeException("assets: " + asset.getErrors().get(0).getMessage(), asset.getErrors().get(0));
        }
        fingerprints.copy(out);
        boolean indexed = searchAvailable && index(pagefind, out);
        if (!searchAvailable) {
            System.out.println("Search: Pagefind is not installed, so the site has no search index; "
                    + "run `npm ci --prefix site` and bake again to add it.");
        }
        return new BakeReport(out, pages.count(), points.size(), countries, indexed,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Bakes {@code args[0]} (the site folder) into {@code args[1]}; used by the Maven build and the bench. */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SiteBaker SITE_DIR OUTPUT_DIR");
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try {
            System.out.println(new SiteBaker(Path.of(args[0])).bake(Path.of(args[1])));
        } catch (BakeException e) {
            // no System.exit: Maven's exec:java runs this inside the build's JVM and must report the failure
            System.err.println("The site was not baked:\n" + e.getMessage());
            throw e;
        }
    }

    private static boolean published(DocumentModel doc) {
        return ModelAttributes.Status.PUBLISHED.equals(doc.getStatus());
    }

    /** Published points (including those not yet sent), sorted by send date then slug. */
    private List<DiscussionPoint> points(MemoryContentStore store, Map<String, Map<String, String>> headers,
                                         JBakeConfiguration config, Translations translations, Language original) {
        Path contentDir = config.getContentFolder().toPath().toAbsolutePath().normalize();
        List<DiscussionPoint> points = new ArrayList<>();
        for (DocumentModel doc : store.documents("point")) {
            if (!published(doc) || translations.isTranslation(doc.getUri())) {
                continue;
            }
            String source = contentDir.relativize(Path.of(doc.getFile()).toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            Map<String, String> header = headers.get(source);
            String file = Path.of(source).getFileName().toString();
            String slug = file.substring(0, file.lastIndexOf('.'));
            points.add(new DiscussionPoint(header.get("round"), slug, header.get("title"),
                    ContentHeaders.parseDate(header.get("date")), ContentHeaders.tags(header),
                    header.getOrDefault("summary", ""), "/" + doc.getUri(), doc.getBody(), original.tag()));
        }
        points.sort(Comparator.comparing(DiscussionPoint::sendDate).thenComparing(DiscussionPoint::slug));
        return points;
    }

    /** A point as {@code edition} shows it: at its url there, in its translation when a published one exists. */
    private static DiscussionPoint inEdition(DiscussionPoint point, Edition edition, MemoryContentStore store,
                                             Translations translations) {
        String url = "/" + edition.folder() + point.url().substring(1);
        if (edition.isDefault()) {
            return point.in(url, point.title(), point.summary(), point.html(), point.lang());
        }
        return translations.of(point.url().substring(1), edition.language()).filter(SiteBaker::published)
                .map(t -> point.in(url, t.getTitle(), String.valueOf(t.getOrDefault("summary", point.summary())),
                        t.getBody(), edition.language().tag()))
                .orElse(point.in(url, point.title(), point.summary(), point.html(), point.lang()));
    }

    private static Map<String, String> settings(JBakeConfiguration config) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of("title", "description", "host", "lang")) {
            Object value = config.get("site." + key);
            String text = value instanceof Iterable<?> parts ? String.join(",", stringsOf(parts)) : String.valueOf(value);
            settings.put(key, value == null ? "" : text);
        }
        return settings;
    }

    private static List<String> stringsOf(Iterable<?> parts) {
        List<String> strings = new ArrayList<>();
        parts.forEach(p -> strings.add(String.valueOf(p)));
        return strings;
    }

    private JBakeConfiguration configuration(Path out) {
        if (!Files.isRegularFile(siteDir.resolve("jbake.properties"))) {
            throw new BakeException(siteDir + ": jbake.properties: missing; give the folder that holds the site");
        }
        try {
            JBakeConfiguration config = new JBakeConfigurationFactory()
                    .createDefaultJbakeConfiguration(siteDir.toFile(), out.toFile(), true);
            baseUrl.ifPresent(url -> config.setProperty("site.host", url));
            return config;
        } catch (JBakeException e) {
            throw new BakeException("jbake.properties: " + e.getMessage(), e);
        }
    }

    /** Empties the output folder, refusing one that holds anything but an earlier bake. */
    private static void prepare(Path out) {
        try {
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(out)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(out.resolve("programme.json"))) {
                    throw new BakeException(out + ": output: folder is not empty and holds no earlier bake; "
                            + "choose an empty or new folder");
                }
                try (Stream<Path> walk = Files.walk(out)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!path.equals(out)) {
                            Files.delete(path);
                        }
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BakeException(out + ": output: cannot prepare the folder: " + e.getMessage(), e);
        }
    }

    /** Runs Pagefind over the baked site; its index lands in {@code out/pagefind/}. */
    private static boolean index(Path pagefind, Path out) {
        try {
            Process process = new ProcessBuilder(pagefind.toString(), "--site", out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new BakeException("search: Pagefind failed (exit " + process.exitValue() + "):\n" + output);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot run " + pagefind, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BakeException("search: interrupted while Pagefind ran", e);
        }
    }

    /** JBake logs every file it crawls and renders at INFO; keep its warnings and errors only. */
    private static void quietJBakeLogging() {
        if (LoggerFactory.getLogger("org.jbake") instanceof ch.qos.logback.classic.Logger jbake
                && jbake.getLevel() == null) {
            // Engines warns that Asciidoctor is missing on every bake; we leave it out on purpose
            if (LoggerFactory.getLogger("org.jbake.parser.Engines") instanceof ch.qos.logback.classic.Logger engines) {
                engines.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
            jbake.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
