package org.iln.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.iln.cli.Checkout;
import org.iln.cli.OpenRound;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.programme.Programme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 clients, each from its own address, signing up at once against the real dev server (moto
 * behind it), then confirming. Every build runs a bounded profile ({@code -Diln.load.seconds},
 * default 10); {@code bench/load/run.sh} runs the full 60 s against {@code ./iln dev} and prints
 * the numbers recorded in docs/benchmarks.md.
 */
class SignupUnderLoadTest {

    @Test
    void two_hundred_clients_signing_up_at_once_are_each_stored_once_and_confirmed_once(@TempDir Path bakeDir)
            throws Exception {
        // given a dev server whose clock is inside a round's application window
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        OpenRound open = OpenRound.bake(siteDir, bakeDir);
        Programme.Round round = open.round();
        Clock clock = open.clock();
        int clients = Integer.getInteger("iln.load.clients", 200);
        Duration duration = Duration.ofSeconds(Long.getLong("iln.load.seconds", 10));

        try (DevServer server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()),
                LocalAws.startMoto(new PrintWriter(new StringWriter())), clock, DevServer.LOCAL_MAIL_FROM)) {
            LocalAws aws = server.aws().orElseThrow();

            // when they sign up for the whole duration, then follow their confirmation links twice
            SignupLoad.Report report = new SignupLoad(new SignupLoad.Settings(
                    URI.create("http://127.0.0.1:" + server.port()), clients, duration))
                    .run(aws.clients().dynamo(), aws.table(), round.id(), System.out);
            report.print(System.out);

            // then nothing failed, and every address was stored once and confirmed once
            assertThat(report.signups().errors()).isEmpty();
            assertThat(report.confirmations().errors()).isEmpty();
            assertThat(report.problems()).isEmpty();
            assertThat(report.addresses()).isGreaterThanOrEqualTo(clients);
            assertThat(report.confirmations().requests()).isEqualTo(2 * report.addresses());
        }
    }
}
