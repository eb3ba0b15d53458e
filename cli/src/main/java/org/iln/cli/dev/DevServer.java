package org.iln.cli.dev;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.iln.config.FunctionsConfig;
import org.iln.figures.FiguresStore;
import org.iln.mail.MailStore;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.signup.ApiHandler;
import org.iln.site.BakeException;
import org.iln.site.SiteBaker;

/**
 * The local programme server behind `./iln dev`: one origin, as CloudFront gives in AWS, serving
 * the baked site, {@code /api/*} through the real {@link ApiHandler} (each request turned into the
 * API Gateway event AWS would send), and the developer pages under {@code /_dev}: sent mail and
 * buttons that run the scheduled jobs now. Open pages reload after each re-bake.
 *
 * <p>Files are served only from inside the baked folder; any path that resolves outside it is a 404.
 */
public final class DevServer implements AutoCloseable {

    private static final String RELOAD_SCRIPT = "<script src=\"/_dev/reload.js\"></script>";
    /** The sender used with emulators (its domain is verified at start). */
    public static final String LOCAL_MAIL_FROM = "International Librarians Network <noreply@" + LocalAws.LOCAL_SENDER_DOMAIN + ">";

    private static final int API_CONCURRENCY = 8;

    private final Path siteRoot;
    /** Where the figures job's document is written for the bake, beside the baked folder (never in it). */
    private final Path figuresFile;
    private final SiteBaker baker;
    private final PrintWriter log;
    private final Javalin app;
    private final SiteWatcher watcher;
    private final Set<SseClient> reloadClients = ConcurrentHashMap.newKeySet();
    private final Optional<LocalAws> aws;
    /** With AWS: the programme clock, which the API, the jobs and the bake read. */
    private final Optional<ProgrammeClock> programmeClock;
    private volatile ApiGatewayBridge bridge;
    private volatile DevJobs jobs = DevJobs.of(Map.of());
    /**
     * moto answers one request at a time and its listen queue holds 128 connections; past that the
     * kernel drops new connections and the SDK stalls for seconds in TCP's retries, then fails. So
     * requests beyond these slots wait here, in order, as they would for a Lambda concurrency limit.
     */
    private final Semaphore apiSlots = new Semaphore(API_CONCURRENCY, true);
    private final ServedAsInProduction served = ServedAsInProduction.production();

    /**
     * The API's secrets and limits: the two HMAC keys and how many POSTs one client may make per
     * window. Tests pass their own (to mint links with the server's key, or to test the limit).
     */
    public record ApiSettings(byte[] addressKey, byte[] tokenKey, int rateLimit, Duration rateWindow) {

        /** Keys from {@code ILN_ADDRESS_KEY} / {@code ILN_TOKEN_KEY} if set, else fresh random ones; 1000 POSTs per 10 minutes. */
        public static ApiSettings fromEnvironment() {
            return new ApiSettings(key("ILN_ADDRESS_KEY"), key("ILN_TOKEN_KEY"), 1000, Duration.ofMinutes(10));
        }

        @Override
        public String toString() {
            return "ApiSettings[rateLimit=" + rateLimit + ", rateWindow=" + rateWindow + ", keys=<hidden>]";
        }
    }

    private DevServer(Path siteDir, Path bakeDir, int port, PrintWriter log, Optional<LocalAws> aws, Clock clock,
                      String mailFrom, ApiSettings settings) {
        this.siteRoot = bakeDir.toAbsolutePath().normalize();
        this.aws = aws;
        this.log = log;
        MailViewer mailViewer = new MailViewer(aws);
        this.figuresFile = siteRoot.resolveSibling(siteRoot.getFileName() + "-figures.json");
        // Figures come from this run's AWS only (written again once it is connected), never from an earlier run's file.
        deleteFigures();
        // One clock for the site and the API: the programme's, which ./iln run --date moves (kept in an emulator).
        this.programmeClock = aws.map(local -> local.isEmulator()
                ? ProgrammeClock.keptIn(local.clients().dynamo(), local.table(), clock) : ProgrammeClock.inMemory(clock));
        this.baker = new SiteBaker(siteDir, programmeClock.map(Clock.class::cast).orElse(clock)).withFigures(figuresFile);
        bake(baker, log);
        this.app = Javalin.create(config -> {
                    config.showJavalinBanner = false;
                    // Requests Jetty refuses before routing (broken framing, huge headers) get a JSON error too.
                    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonBadMessages()));
                })
                .get("/_dev", this::devPage)
                .get("/_dev/", this::devPage)
                .get("/_dev/mail", mailViewer::page)
                .get("/_dev/mail.json", mailViewer::json)
                .post("/_dev/run/{job}", this::runJob)
                // Each open page holds one connection; closing it on pagehide keeps browsers (six
                // connections per host over HTTP/1.1) from stalling after a few navigations.
                .get("/_dev/reload.js", ctx -> ctx.contentType(ContentType.TEXT_JS).result(
                        "(function () { var events = new EventSource('/_dev/reload');"
                                + " events.addEventListener('reload', function () { location.reload(); });"
                                + " addEventListener('pagehide', function () { events.close(); }); })();"))
                .sse("/_dev/reload", client -> {
                    client.keepAlive();
                    client.onClose(() -> reloadClients.remove(client));
                    reloadClients.add(client);
                });
        // The API first: Javalin takes the first matching route, and the files' "/*" matches everything.
        // Every method, unknown ones (INVALID) included, so that the handler answers 405 in JSON.
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT,
                HandlerType.DELETE, HandlerType.PATCH, HandlerType.OPTIONS, HandlerType.TRACE, HandlerType.CONNECT,
                HandlerType.INVALID)) {
            app.addHttpHandler(method, "/api/*", this::api);
            app.addHttpHandler(method, "/api", this::api);
        }
        app.get("/*", this::serveFile).head("/*", this::serveFile);
        // After the handler, replacing the API's own values, as CloudFront's policy (override) does.
        app.after(ctx -> {
            if (!ctx.path().startsWith("/_dev")) {
                served.securityHeaders(ctx);
            }
        });
        try {
            app.start("127.0.0.1", port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not listen on port " + port
                    + ": is another program using it? Stop it or run ./iln dev --port " + (port + 1), e);
        }
        aws.ifPresent(local -> connectApi(local, programmeClock.orElseThrow(), mailFrom, settings, log));
        this.watcher = SiteWatcher.watch(siteDir, () -> {
            try {
                rebakeAndReload();
            } catch (BakeException e) {
                log.println("Bake failed: " + e.getMessage() + " (fix it and save again)");
                log.flush();
            }
        });
    }

    /** Bakes the site into {@code bakeDir} and serves it on {@code port} (0 picks a free port), without an API. */
    public static DevServer start(Path siteDir, Path bakeDir, int port, PrintWriter log) {
        return new DevServer(siteDir, bakeDir, port, log, Optional.empty(), Clock.systemUTC(), LOCAL_MAIL_FROM, null);
    }

    /**
     * Bakes and serves the site and serves {@code /api/*} with the real handler over {@code aws}
     * (which the server closes with itself). With an emulator, seeds the demo participants.
     */
    public static DevServer start(Path siteDir, Path bakeDir, int port, PrintWriter log, LocalAws aws, Clock clock,
                                  String mailFrom) {
        // On an emulator the keys are kept in it, so that a restart on one that outlives us keeps them.
        return start(siteDir, bakeDir, port, log, aws, clock, mailFrom,
                aws.isEmulator() ? DevKeys.keptIn(aws.clients().dynamo(), aws.table()) : ApiSettings.fromEnvironment());
    }

    /** As {@link #start(Path, Path, int, PrintWriter, LocalAws, Clock, String)}, with these keys and rate limit. */
    public static DevServer start(Path siteDir, Path bakeDir, int port, PrintWriter log, LocalAws aws, Clock clock,
                                  String mailFrom, ApiSettings settings) {
        try {
            return new DevServer(siteDir, bakeDir, port, log, Optional.of(aws), clock, mailFrom, settings);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    private void connectApi(LocalAws local, ProgrammeClock clock, String mailFrom, ApiSettings settings, PrintWriter log) {
        FunctionsConfig config = new FunctionsConfig(local.table(), local.region(), local.endpoint(),
                settings.addressKey(), settings.tokenKey(), URI.create("http://localhost:" + app.port()), mailFrom,
                siteRoot.resolve("programme.json").toString(), settings.rateLimit(), settings.rateWindow());
        ApiHandler handler = new ApiHandler(local.clients(), clock, config);
        this.jobs = DevJobs.register(local.clients(), clock, config,
                () -> ProgrammeSource.fromFile(siteRoot.resolve("programme.json")));
        this.bridge = new ApiGatewayBridge(handler, new LocalLambdaContext("iln-api", 512, 10_000));
        log.println("AWS: " + local.description());
        if (local.isEmulator()) {
            toTheNextOpening(clock, ProgrammeSource.fromFile(siteRoot.resolve("programme.json")), log);
        }
        log.println("Programme clock: today is " + clock.today() + " (./iln run --date YYYY-MM-DD JOB moves it forward)");
        if (local.isEmulator()) {
            DemoParticipants.Seeded seeded = new DemoParticipants(handler.participants().store(),
                    new MailStore(local.clients().dynamo(), local.table()), handler.participants().hasher(), clock)
                    .seed(ProgrammeSource.fromFile(siteRoot.resolve("programme.json")));
            log.println(seeded.round().map(r -> "Demo: " + seeded.added() + " fictional participants confirmed in "
                            + r.title() + " (example.org addresses); sign up at " + url() + "signup.html to be matched with them.")
                    .orElse("Demo: no round is open for applications today, so no demo participants were added "
                            + "and the signup form will say applications are closed."));
        }
        if (publishFigures()) {
            log.println("Figures: the emulator holds figures from an earlier figures run; the site shows them.");
        }
        log.flush();
    }

    /**
     * On an emulator whose programme clock was never moved, on a day when no round takes
     * applications: moves the clock to the next round's opening day and re-bakes, so that a
     * newcomer can sign up and be matched with the demo people whatever the real date (real AWS
     * always runs on the real date). A clock moved before, by {@code ./iln run --date} or an
     * earlier start on the same emulator, stays where it is.
     */
    private void toTheNextOpening(ProgrammeClock clock, Programme programme, PrintWriter log) {
        LocalDate today = clock.today();
        if (clock.wasMoved() || programme.roundOpenOn(today).isPresent()) {
            return;
        }
        programme.nextRoundOpeningAfter(today).ifPresent(next -> {
            clock.advanceTo(next.opens());
            log.println("Programme clock: no round takes applications on " + today + ", so it starts on "
                    + next.opens() + ", when " + next.title() + " opens, for you to sign up (real AWS runs on the real date)");
            bake(baker, log);
        });
    }

    /**
     * Writes the figures job's latest document for the bake and re-bakes, when it differs from what
     * the site shows (as the daily publish bakes from the stored document in AWS).
     *
     * @return whether the site was re-baked
     */
    private boolean publishFigures() {
        Optional<String> document = aws.flatMap(local -> new FiguresStore(local.clients().dynamo(), local.table()).document());
        try {
            String shown = Files.isRegularFile(figuresFile) ? Files.readString(figuresFile, StandardCharsets.UTF_8) : null;
            if (document.isEmpty() || document.get().equals(shown)) {
                return false;
            }
            Files.writeString(figuresFile, document.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures for the bake to " + figuresFile, e);
        }
        rebakeAndReload();
        return true;
    }

    private void deleteFigures() {
        try {
            Files.deleteIfExists(figuresFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier run's figures " + figuresFile, e);
        }
    }

    /** A key from the environment if set (base64), otherwise fresh random bytes for this run. */
    private static byte[] key(String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return java.util.Base64.getDecoder().decode(value.trim());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The registered jobs (for tests and the CLI). */
    public DevJobs jobs() {
        return jobs;
    }

    /** The AWS this server uses, if any. */
    public Optional<LocalAws> aws() {
        return aws;
    }

    public String url() {
        return "http://localhost:" + app.port() + "/";
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        try {
            watcher.close();
            app.stop();
            deleteFigures();
        } finally {
            aws.ifPresent(LocalAws::close);
        }
    }

    private void api(Context ctx) {
        ApiGatewayBridge current = bridge;
        if (current == null) {
            ctx.status(503).contentType(ContentType.TEXT_PLAIN).result(
                    "This dev server runs without AWS, so /api/* is off. Run ./iln dev (it starts moto_server).");
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            // CloudFront overwrites this header with the visitor's address, and the handler keys its
            // rate limit on it; a client's own value must not get through, here as there.
            if (!name.equalsIgnoreCase("CloudFront-Viewer-Address")) {
                headers.put(name, Collections.list(ctx.req().getHeaders(name)));
            }
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (Exception cutOff) {
            // The client closed before sending the length it announced, or broke the chunked
            // encoding: API Gateway would never call the function, so answer as it would, with a 400.
            ctx.status(HttpStatus.BAD_REQUEST).contentType(ContentType.APPLICATION_JSON).result(
                    JsonBadMessages.error("body", "The request body was cut off or its encoding is broken."));
            return;
        }
        String method = ctx.method() == HandlerType.INVALID ? ctx.req().getMethod() : ctx.method().name();
        ApiGatewayBridge.LocalRequest request = new ApiGatewayBridge.LocalRequest(
                method, ctx.path(), ctx.queryString(), headers, body, ctx.ip(), Instant.now());
        ApiGatewayBridge.LocalResponse response;
        try {
            apiSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(ContentType.APPLICATION_JSON).result(
                    JsonBadMessages.error("request", "The dev server is stopping."));
            return;
        }
        try {
            response = current.handle(request);
        } finally {
            apiSlots.release();
        }
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        response.cookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        ctx.result(response.body());
    }

    private void devPage(Context ctx) {
        StringBuilder body = new StringBuilder("<p>").append(escape(aws.map(LocalAws::description)
                .orElse("No AWS: the site only."))).append("</p><p><a href=\"/_dev/mail\">Sent mail</a> (")
                .append("<a href=\"/_dev/mail.json\">JSON</a>)</p><h2>Run a scheduled job now</h2>");
        List<String> names = new ArrayList<>(jobs.names());
        for (String name : names) {
            body.append("<form method=\"post\" action=\"/_dev/run/").append(escape(name)).append("\">")
                    .append("<button type=\"submit\">Run ").append(escape(name)).append(" now</button>")
                    .append(jobs.job(name).isPresent() ? "" : " <span>(" + escape(jobs.whyMissing(name)) + ")</span>")
                    .append("</form>");
        }
        sendDevPage(ctx, "Developer tools", body.toString());
    }

    private void runJob(Context ctx) {
        String name = ctx.pathParam("job");
        String dateParam = ctx.queryParam("date");
        Optional<LocalDate> date = dateOf(dateParam);
        Optional<Runnable> job = jobs.job(name, date);
        String message;
        if (job.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            message = jobs.whyMissing(name);
        } else if (dateParam != null && date.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            message = "--date must be a day as YYYY-MM-DD, such as 2027-01-11, not " + dateParam;
        } else {
            message = runOnItsNight(ctx, name, date, job.get());
        }
        answer(ctx, name, message);
    }

    /** Moves the programme clock as the job needs (refused with 409 if backwards), then runs it. */
    private String runOnItsNight(Context ctx, String name, Optional<LocalDate> date, Runnable job) {
        String moved;
        try {
            moved = jobs.moveClockFor(name, date);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.CONFLICT);
            return e.getMessage();
        }
        long start = System.nanoTime();
        try {
            job.run();
            // A figures run changes what the site shows: re-bake it, as the daily publish would.
            boolean rebaked = publishFigures();
            // So does a new day (what is open, which discussion points are out): re-bake for it.
            boolean redated = !rebaked && !moved.isEmpty();
            if (redated) {
                rebakeAndReload();
            }
            return "ran " + name + jobs.today().map(d -> " as the night of " + d).orElse("") + " in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms"
                    + (moved.isEmpty() ? "" : " (" + moved + ")")
                    + (rebaked ? "; the site was re-baked with the new figures" : "")
                    + (redated ? "; the site was re-baked for the new day" : "");
        } catch (RuntimeException e) {
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
            return name + " failed: " + e;
        }
    }

    private void answer(Context ctx, String name, String message) {
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains("text/html")) {
            sendDevPage(ctx, "Run " + name, "<p role=\"status\">" + escape(message)
                    + "</p><p><a href=\"/_dev\">Back</a> · <a href=\"/_dev/mail\">Sent mail</a></p>");
        } else {
            ctx.contentType(ContentType.TEXT_PLAIN).result(message + "\n");
        }
    }

    private static Optional<LocalDate> dateOf(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(LocalDate.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static void sendDevPage(Context ctx, String title, String body) {
        ctx.contentType(ContentType.TEXT_HTML.getMimeType() + "; charset=utf-8").result("<!doctype html><html lang=\"en\">"
                + "<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · ILN dev</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;"
                + "margin:0 auto;padding:1rem;line-height:1.5}iframe{width:100%;height:28rem;border:1px solid #767676}"
                + "article{border-top:2px solid #333;margin-top:1.5rem}pre{white-space:pre-wrap}"
                + "form{margin:.5rem 0}</style></head><body><main><h1>" + escape(title) + "</h1>" + body
                + "<p><a href=\"/\">Site</a> · <a href=\"/_dev\">Developer tools</a></p></main></body></html>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One bake at a time: a content edit and a figures run may ask at once. */
    /** Bakes the site again and reloads the open pages. */
    private void rebakeAndReload() {
        bake(baker, log);
        reloadClients.forEach(client -> client.sendEvent("reload", "changed"));
    }

    private synchronized void bake(SiteBaker baker, PrintWriter log) {
        log.println(baker.bake(siteRoot).toString());
        log.flush();
    }

    private void serveFile(Context ctx) throws IOException {
        Optional<Path> file = resolve(ctx.path());
        if (file.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            Path notFound = siteRoot.resolve("404.html");
            if (Files.isRegularFile(notFound)) {
                served.cacheControl(ctx, siteRoot, notFound);
                sendHtml(ctx, notFound);
            }
            return;
        }
        Path path = file.get();
        served.cacheControl(ctx, siteRoot, path);
        String name = path.getFileName().toString();
        if (name.endsWith(".html")) {
            sendHtml(ctx, path);
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ContentType type = ContentType.getContentTypeByExtension(extension);
        ctx.contentType(type != null ? type.getMimeType() : "application/octet-stream");
        ctx.result(Files.readAllBytes(path));
    }

    /** Maps a request path to a file inside the baked site; anything escaping it, or missing, is empty. */
    Optional<Path> resolve(String requestPath) {
        String relative = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
        if (relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path candidate = siteRoot.resolve(relative).normalize();
        if (!candidate.startsWith(siteRoot)) {
            return Optional.empty();
        }
        if (Files.isDirectory(candidate)) {
            candidate = candidate.resolve("index.html");
        }
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private void sendHtml(Context ctx, Path file) {
        try {
            String html = Files.readString(file, StandardCharsets.UTF_8);
            int end = html.lastIndexOf("</body>");
            // Only the dev server adds the reload hook; the baked files stay as they will be deployed.
            String served = end < 0 ? html + RELOAD_SCRIPT : html.substring(0, end) + RELOAD_SCRIPT + html.substring(end);
            ctx.contentType(ContentType.TEXT_HTML.getMimeType() + "; charset=utf-8").result(served);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
