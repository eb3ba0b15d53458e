package org.iln.programme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.iln.aws.AwsRootsFirst;

/**
 * Loads the programme manifest from a file or an http(s) URL and keeps it for a few minutes,
 * so a warm function sees a newly published round soon without reading it on every request.
 *
 * <p>In AWS the manifest is read from the published site ({@code https://…/programme.json}), so
 * the function needs no S3 client; locally from the baked folder.
 */
public final class ProgrammeSource implements Supplier<Programme> {

    /** How long a loaded manifest is trusted before it is read again. */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Programme> loader;
    private final Clock clock;
    private Programme cached;
    private Instant loadedAt = Instant.MIN;

    private ProgrammeSource(Supplier<Programme> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** A source reading {@code location}: an {@code http://} or {@code https://} URL, or a file path. */
    public static ProgrammeSource of(String location, Clock clock) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith("https://") || location.startsWith("http://")) {
            URI uri = URI.create(location);
            return new ProgrammeSource(() -> fromUrl(uri), clock);
        }
        Path path = Path.of(location);
        return new ProgrammeSource(() -> fromFile(path), clock);
    }

    /** A source that always answers this programme (for tests and tools). */
    public static ProgrammeSource fixed(Programme programme) {
        Objects.requireNonNull(programme, "programme");
        return new ProgrammeSource(() -> programme, Clock.systemUTC());
    }

    @Override
    public synchronized Programme get() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(loadedAt.plus(REFRESH))) {
            cached = loader.get();
            loadedAt = now;
        }
        return cached;
    }

    /** Reads a manifest file, failing with a message that names the file. */
    public static Programme fromFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the programme manifest " + path
                    + " (bake the site first, or set ILN_PROGRAMME): " + e.getMessage(), e);
        }
    }

    /** Reads a manifest from JSON; fields a newer bake adds are ignored. */
    public static Programme read(InputStream json) throws IOException {
        return ManifestReader.read(json);
    }

    private static Programme fromUrl(URI uri) {
        try {
            // The JDK's plain connection, not java.net.http's client: on a cold start it loads
            // far less, and over https it shares the functions' trust (AWS roots first).
            HttpURLConnection connection = AwsRootsFirst.open(uri, CONNECT_TIMEOUT, READ_TIMEOUT);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            if (status != 200) {
                connection.disconnect();
                throw new UncheckedIOException(new IOException(
                        "The programme manifest " + uri + " answered HTTP " + status));
            }
            try (InputStream in = connection.getInputStream()) {
                return read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the programme manifest " + uri + ": " + e.getMessage(), e);
        }
    }
}
