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

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The address the site is served from, such as https://iln.example.org: used in "
                    + "canonical links, the feed, the sitemap and programme.json (default: site.host in "
                    + "site/jbake.properties).")
    private String baseUrl;

    @Option(names = "--figures", paramLabel = "FILE",
            description = "The figures job's document (JSON) to show on the country and statistics pages; "
                    + "without it, or if FILE does not exist, the pages say there are no figures yet.")
    private Path figures;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Checkout checkout = Checkout.current();
        Path target = out != null ? out : checkout.defaultBakeDir();
        stdout.printf("Baking %s into %s ...%n", checkout.siteDir(), target);
        stdout.flush();
        SiteBaker baker = new SiteBaker(checkout.siteDir());
        if (baseUrl != null) {
            try {
                baker = baker.withBaseUrl(baseUrl);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("--base-url: " + e.getMessage());
                return 2;
            }
        }
        if (figures != null) {
            baker = baker.withFigures(figures);
        }
        try {
            BakeReport report = baker.bake(target);
            stdout.println(report.toString());
            return 0;
        } catch (BakeException e) {
            spec.commandLine().getErr().println("Bake failed: " + e.getMessage());
            return 1;
        }
    }
}
