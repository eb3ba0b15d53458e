package org.iln.cli.browser;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.iln.cli.Checkout;
import org.iln.cli.OpenRound;
import org.iln.cli.ScratchFolder;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real `./iln dev` for each browser test class: the site baked once from this checkout (shared by
 * every class, deleted when the test plan ends), and per class its own moto_server, real API
 * handler and demo participants on a free port, stopped after the class.
 *
 * <p>Each class gets its own emulator because the programme clock lives there and only moves
 * forward: once a test runs matching, applications are closed for everything after it on that
 * emulator. Within a class, a test that runs matching goes last ({@code @Order}).
 *
 * <p>The clock starts inside the round's application window so the tests do not depend on the
 * day they run.
 */
final class RunningProgramme implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningProgramme.class);

    private static DevServer server;
    private static Site site;

    @Override
    public void beforeAll(ExtensionContext context) {
        Browser.requireChromium();
        site = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("baked-site", key -> Site.bake(), Site.class);
        // A nested class finds its enclosing class's server in the store and shares it.
        context.getStore(NAMESPACE).getOrComputeIfAbsent("dev-server", key -> start(), Stopper.class);
    }

    private static synchronized Stopper start() {
        server = DevServer.start(site.siteDir(), site.folder().path(), 0, new PrintWriter(new StringWriter()),
                LocalAws.startMoto(new PrintWriter(new StringWriter())), site.open().clock(), DevServer.LOCAL_MAIL_FROM);
        return new Stopper();
    }

    static DevServer server() {
        return server;
    }

    static String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    static Programme.Round round() {
        return site.open().round();
    }

    /** The round after {@link #round()}, from the baked manifest (joining the next round applies to it). */
    static Programme.Round nextRound() {
        return ProgrammeSource.fromFile(site.folder().path().resolve("programme.json")).roundAfter(round())
                .orElseThrow(() -> new IllegalStateException("site/data/rounds.yml has no round after " + round().id()));
    }

    /** Runs a job of the class's dev server as the night of {@code date} (or now), as {@code ./iln run} does; fails unless it ran. */
    static String run(String job, Optional<String> date) {
        return run(server, job, date);
    }

    /** The same on {@code server}: POSTs to its {@code /_dev/run/JOB} and returns what it answered. */
    static String run(DevServer server, String job, Optional<String> date) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            server.url() + "_dev/run/" + job + date.map(d -> "?date=" + d).orElse("")))
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            Assertions.assertEquals(200, response.statusCode(), () -> "the dev server's answer to " + job + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("the dev server did not run " + job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Posts {@code formBody} to a form's {@code action} as a browser's form would, without following
     * the answer: a replayed request (a double click, a request resent from a mail scanner's log).
     */
    static HttpResponse<String> replay(String action, String formBody) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofMinutes(1))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(formBody)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the dev server did not answer the replayed " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The confirmed (or waitlisted) applications of the round, read from the table. */
    static List<Application> confirmed() {
        LocalAws aws = server.aws().orElseThrow();
        return new ApplicationStore(aws.clients().dynamo(), aws.table()).confirmedInRound(round().id());
    }

    /** The round's partnerships, active and dissolved, read from the table. */
    static List<PartnershipStore.Pair> pairs() {
        LocalAws aws = server.aws().orElseThrow();
        return new PartnershipStore(aws.clients().dynamo(), aws.table()).pairs(round().id());
    }

    /** The site baked once for all classes; deleted when the test plan ends. */
    private record Site(Path siteDir, ScratchFolder folder, OpenRound open)
            implements ExtensionContext.Store.CloseableResource {

        static Site bake() {
            Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
            ScratchFolder folder = ScratchFolder.create("iln-browser-site-");
            return new Site(siteDir, folder, OpenRound.bake(siteDir, folder.path()));
        }

        @Override
        public void close() {
            folder.close();
        }
    }

    /** Stops a class's server and its moto_server. */
    static final class Stopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
