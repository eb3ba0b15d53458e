package org.iln.cli.browser;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.iln.cli.Checkout;
import org.iln.cli.OpenRound;
import org.iln.cli.ScratchFolder;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.programme.Programme;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real `./iln dev` for all browser tests: the site baked from this checkout, moto_server, the
 * real API handler and the demo participants, on a free port; stopped when the test plan ends.
 *
 * <p>The clock is fixed inside the round's application window so the tests do not depend on the
 * day they run.
 */
final class RunningProgramme implements BeforeAllCallback {

    private static DevServer server;
    private static ScratchFolder bakeFolder;
    private static Programme.Round round;

    @Override
    public void beforeAll(ExtensionContext context) {
        Browser.requireChromium();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("iln-dev-server", key -> start(), Stopper.class);
    }

    private static synchronized Stopper start() {
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        bakeFolder = ScratchFolder.create("iln-browser-site-");
        Path bakeDir = bakeFolder.path();
        OpenRound open = OpenRound.bake(siteDir, bakeDir);
        round = open.round();
        Clock clock = open.clock();
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()), LocalAws.startMoto(
                new PrintWriter(new StringWriter())), clock, DevServer.LOCAL_MAIL_FROM);
        return new Stopper();
    }

    static DevServer server() {
        return server;
    }

    static String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    static Programme.Round round() {
        return round;
    }

    /** The confirmed (or waitlisted) applications of the round, read from the table. */
    static List<Application> confirmed() {
        LocalAws aws = server.aws().orElseThrow();
        return new ApplicationStore(aws.clients().dynamo(), aws.table()).confirmedInRound(round.id());
    }

    /** Stops the server and its moto_server, and deletes the baked site. */
    @SuppressWarnings("deprecation")
    static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                bakeFolder.close();
            }
        }
    }
}
