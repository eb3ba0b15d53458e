package org.iln.cli.dev;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iln.site.BakeException;
import org.iln.site.SiteBaker;

/**
 * The local programme server behind `./iln dev`: serves the baked site and tells open pages to
 * reload after each re-bake.
 *
 * <p>Files are served only from inside the baked folder; any path that resolves outside it is a 404.
 */
public final class DevServer implements AutoCloseable {

    private static final String RELOAD_SCRIPT = "<script src=\"/_dev/reload.js\"></script>";

    private final Path siteRoot;
    private final Javalin app;
    private final SiteWatcher watcher;
    private final Set<SseClient> reloadClients = ConcurrentHashMap.newKeySet();

    private DevServer(Path siteDir, Path bakeDir, int port, PrintWriter log) {
        this.siteRoot = bakeDir.toAbsolutePath().normalize();
        SiteBaker baker = new SiteBaker(siteDir);
        bake(baker, log);
        this.app = Javalin.create(config -> config.showJavalinBanner = false)
                .get("/_dev/reload.js", ctx -> ctx.contentType(ContentType.TEXT_JS).result(
                        "new EventSource('/_dev/reload').addEventListener('reload', () => location.reload());"))
                .sse("/_dev/reload", client -> {
                    client.keepAlive();
                    client.onClose(() -> reloadClients.remove(client));
                    reloadClients.add(client);
                })
                .get("/*", this::serveFile)
                .head("/*", this::serveFile);
        try {
            app.start("127.0.0.1", port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not listen on port " + port
                    + ": is another program using it? Stop it or run ./iln dev --port " + (port + 1), e);
        }
        this.watcher = SiteWatcher.watch(siteDir, () -> {
            try {
                bake(baker, log);
                reloadClients.forEach(client -> client.sendEvent("reload", "changed"));
            } catch (BakeException e) {
                log.println("Bake failed: " + e.getMessage() + " (fix it and save again)");
                log.flush();
            }
        });
    }

    /** Bakes the site into {@code bakeDir} and serves it on {@code port} (0 picks a free port). */
    public static DevServer start(Path siteDir, Path bakeDir, int port, PrintWriter log) {
        return new DevServer(siteDir, bakeDir, port, log);
    }

    public String url() {
        return "http://localhost:" + app.port() + "/";
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        watcher.close();
        app.stop();
    }

    private void bake(SiteBaker baker, PrintWriter log) {
        log.println(baker.bake(siteRoot).toString());
        log.flush();
    }

    private void serveFile(Context ctx) throws IOException {
        Optional<Path> file = resolve(ctx.path());
        if (file.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            Path notFound = siteRoot.resolve("404.html");
            if (Files.isRegularFile(notFound)) {
                sendHtml(ctx, notFound);
            }
            return;
        }
        Path path = file.get();
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
