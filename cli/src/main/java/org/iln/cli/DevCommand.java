package org.iln.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.iln.cli.dev.DevServer;
import org.iln.site.BakeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `./iln dev`: bakes the site, serves it on localhost, and re-bakes and reloads when content changes. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Bake and serve the site on http://localhost:PORT; edits to content, templates, assets "
                + "or data re-bake it and reload the open page. Ctrl-C stops everything.")
final class DevCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port on localhost (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Checkout checkout = Checkout.current();
        Path bakeDir = checkout.root().resolve("site/target/dev-site");
        CountDownLatch stopped = new CountDownLatch(1);
        try (DevServer server = DevServer.start(checkout.siteDir(), bakeDir, port, stdout)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "iln-dev-shutdown"));
            stdout.printf("ILN is running at %s (Ctrl-C to stop)%n", server.url());
            stdout.flush();
            stopped.await();
            return 0;
        } catch (BakeException e) {
            spec.commandLine().getErr().println("Bake failed: " + e.getMessage()
                    + "\nFix the file named above and run ./iln dev again.");
            return 1;
        }
    }
}
