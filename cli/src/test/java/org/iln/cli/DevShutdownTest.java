package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevShutdownTest {

    @Test
    void closing_the_dev_server_stops_the_emulator_it_started(@TempDir Path bakeDir) {
        // given
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        StringWriter log = new StringWriter();
        LocalAws aws = LocalAws.startMoto(new PrintWriter(log));
        long pid = aws.motoPid().orElseThrow();
        DevServer server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(log), aws, Clock.systemUTC(),
                DevServer.LOCAL_MAIL_FROM);

        // when
        server.close();

        // then
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("moto_server process " + pid).isEmpty();
    }
}
