package org.iln.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.site.BakeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `./iln dev`: the whole programme on one machine: site, API, emulated AWS, mail viewer, jobs. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Bake and serve the site and its API on http://localhost:PORT, against moto_server (started "
                + "and stopped with it) with demo participants. Sent mail: /_dev/mail; run jobs: /_dev.",
                "Edits to content, templates, assets or data re-bake the site and reload the open page. Ctrl-C stops everything."})
final class DevCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port on localhost (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Mixin
    private AwsTarget target;

    @Option(names = "--mail-from", paramLabel = "ADDRESS", description = "From address (default with an emulator: the local demo sender).")
    private String mailFrom;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        URI endpoint = target.endpoint;
        String profile = target.profile;
        String table = target.table;
        if (endpoint != null && profile != null) {
            stderr.println("Choose one of --aws-endpoint (an emulator) and --aws-profile (real AWS), not both.");
            return 2;
        }
        String chosenRegion = target.region();
        if (profile != null && (table == null || mailFrom == null)) {
            stderr.println("--aws-profile uses REAL AWS: name the deployed table and a verified sender explicitly, e.g.\n"
                    + "  ./iln dev --aws-profile " + profile + " --table iln-dev --mail-from 'ILN <noreply@your.domain>'\n"
                    + "Nothing was touched.");
            return 2;
        }
        Checkout checkout = Checkout.current();
        Path bakeDir = checkout.root().resolve("site/target/dev-site");
        LocalAws aws;
        try {
            if (profile != null) {
                stdout.printf("REAL AWS: profile %s, DynamoDB table %s in %s. Signups write to that table and SES sends "
                        + "real mail from %s. No table is created and no demo data is added.%n", profile, table, chosenRegion, mailFrom);
                aws = LocalAws.realAws(profile, table, chosenRegion);
            } else if (endpoint != null) {
                String t = target.tableOrLocal();
                stdout.printf("Using the AWS emulator at %s: creates table %s (if missing) in %s, verifies %s, adds demo participants.%n",
                        endpoint, t, chosenRegion, LocalAws.LOCAL_SENDER_DOMAIN);
                aws = LocalAws.emulatorAt(endpoint, t, chosenRegion);
            } else {
                aws = LocalAws.startMoto(stdout);
            }
        } catch (RuntimeException e) {
            stderr.println("Could not reach AWS: " + e.getMessage()
                    + "\nFor the default emulator install moto: pip install 'moto[server]>=5.2,<5.3'");
            return 1;
        }
        String from = mailFrom != null ? mailFrom : DevServer.LOCAL_MAIL_FROM;
        CountDownLatch stopped = new CountDownLatch(1);
        try (DevServer server = DevServer.start(checkout.siteDir(), bakeDir, port, stdout, aws, Clock.systemUTC(), from)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "iln-dev-shutdown"));
            stdout.printf("ILN is running at %s (Ctrl-C to stop)%n  sent mail: %s_dev/mail%n  run jobs:  %s_dev  "
                    + "(or ./iln run matching)%n", server.url(), server.url(), server.url());
            stdout.flush();
            stopped.await();
            return 0;
        } catch (BakeException e) {
            stderr.println("Bake failed: " + e.getMessage() + "\nFix the file named above and run ./iln dev again.");
            return 1;
        }
    }
}
