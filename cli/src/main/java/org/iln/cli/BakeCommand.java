package org.iln.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.iln.site.BakeException;
import org.iln.site.BakeReport;
import org.iln.site.SiteBaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `./iln bake`: renders the site and its programme manifest, exactly as the Maven build does. */
@Command(name = "bake", mixinStandardHelpOptions = true,
        description = "Bake the site (pages, feed, sitemap, search index and programme.json) into a folder.")
final class BakeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the site (default: site/target/site, as the Maven build).")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Checkout checkout = Checkout.current();
        Path target = out != null ? out : checkout.defaultBakeDir();
        stdout.printf("Baking %s into %s ...%n", checkout.siteDir(), target);
        stdout.flush();
        try {
            BakeReport report = new SiteBaker(checkout.siteDir()).bake(target);
            stdout.println(report.toString());
            return 0;
        } catch (BakeException e) {
            spec.commandLine().getErr().println("Bake failed: " + e.getMessage());
            return 1;
        }
    }
}
