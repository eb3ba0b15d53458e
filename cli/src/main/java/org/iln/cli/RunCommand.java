package org.iln.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `./iln run [--date D] JOB`: asks a running `./iln dev` to run a scheduled job now, or every job
 * of a night in production's order (`nightly`), as the night of its programme clock's today or
 * of {@code D} (the clock moves forward to it and stays there).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scheduled job now in the running ./iln dev (country-cap, matching, figures, dispatch, "
                + "or nightly: all of them in production's order).")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job: country-cap, matching, figures, dispatch, or nightly (all of them, in order).")
    private String job;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Run as the night of this day: the dev server's programme clock moves forward to it "
                    + "(it never goes back). Default: the programme's today.")
    private LocalDate date;

    @Option(names = "--port", defaultValue = "8080", description = "The port ./iln dev listens on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        URI uri = URI.create("http://localhost:" + port + "/_dev/run/" + job + (date == null ? "" : "?date=" + date));
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(15)).header("Accept", "text/plain")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                spec.commandLine().getOut().print(response.body());
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine().getErr().print(response.body());
            spec.commandLine().getErr().flush();
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("No dev server answers on port " + port
                    + ". Start it with ./iln dev (or pass --port).");
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
