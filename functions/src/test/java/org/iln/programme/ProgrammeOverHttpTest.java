package org.iln.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.iln.testing.Aws;
import org.iln.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In AWS the functions read programme.json from the published site ({@code ILN_PROGRAMME} is
 * {@code <site URL>/programme.json}, served by CloudFront like any page); here a real HTTP server
 * on loopback serves it.
 */
class ProgrammeOverHttpTest {

    private HttpServer server;
    private final AtomicReference<byte[]> manifest = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serveTheManifest() throws IOException {
        manifest.set(Files.readAllBytes(Aws.programmeFixture()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            boolean found = exchange.getRequestURI().getPath().equals("/programme.json");
            byte[] body = found ? manifest.get() : "<html>Not found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void the_manifest_is_read_from_the_site_and_kept_for_five_minutes() {
        // given
        SettableClock clock = new SettableClock(Instant.parse("2026-01-20T10:00:00Z"));
        ProgrammeSource source = ProgrammeSource.of(url("/programme.json"), clock);

        // when
        Programme first = source.get();
        manifest.set("""
                {"version":1,"baseUrl":"https://iln.example.org","rounds":[],"countries":[],
                 "choices":{},"discussionPoints":[]}""".getBytes(StandardCharsets.UTF_8));
        Programme cached = source.get();
        clock.advance(ProgrammeSource.REFRESH.plus(Duration.ofSeconds(1)));
        Programme republished = source.get();

        // then
        assertThat(first.rounds()).extracting(Programme.Round::id).containsExactly("2026-1", "2026-2");
        assertThat(cached).isSameAs(first);
        assertThat(republished.rounds()).isEmpty();
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_site_without_the_manifest_yet_is_reported_with_its_address_and_status() {
        // given: the stack is deployed but the site not yet uploaded (CloudFront answers its 404 page)
        ProgrammeSource source = ProgrammeSource.of(url("/missing/programme.json"), java.time.Clock.systemUTC());

        // then
        assertThatThrownBy(source::get).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(url("/missing/programme.json")).hasMessageContaining("HTTP 404");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
