package org.iln.cli.abuse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iln.cli.Checkout;
import org.iln.cli.ScratchFolder;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A real `./iln dev` (baked site, moto_server, the real API handler) started by a test class,
 * with keys the test knows (recorded as secrets, so the log check looks for them) and a rate
 * limit of its choosing. The clock is fixed on a day round 2027-1 is open for applications.
 */
final class AbuseServer implements AutoCloseable {

    /** A day when site/data/rounds.yml has round 2027-1 open for applications. */
    static final Instant NOW = LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC);

    /** A file beside the site's folder, the target of path traversal attempts. */
    static final String OUTSIDE_FILE = "outside.txt";

    private final DevServer server;
    private final DevServer.ApiSettings settings;
    private final String canary;
    private final ScratchFolder folder;

    private AbuseServer(DevServer server, DevServer.ApiSettings settings, String canary, ScratchFolder folder) {
        this.server = server;
        this.settings = settings;
        this.canary = canary;
        this.folder = folder;
    }

    private static AbuseServer shared;

    /**
     * One server for the classes that need no rate limit (no client reaches it), started on first
     * use and stopped when the test JVM exits: each start bakes the site and starts moto.
     */
    static synchronized AbuseServer shared() {
        if (shared == null) {
            shared = start(Integer.MAX_VALUE);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "abuse-server-stop"));
        }
        return shared;
    }

    /** Starts a server whose clients may each POST {@code rateLimit} times per 10 minutes. */
    static AbuseServer start(int rateLimit) {
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        // The site is baked into <temp>/site; <temp>/outside.txt holds a canary no response may show.
        ScratchFolder folder = ScratchFolder.create("iln-abuse-");
        try {
            Path bakeDir = folder.path().resolve("site");
            String canary = "CANARY-" + java.util.UUID.randomUUID();
            Files.writeString(folder.path().resolve(OUTSIDE_FILE), canary);
            DevServer.ApiSettings settings = new DevServer.ApiSettings(UsedIdentities.secret(randomKey()),
                    UsedIdentities.secret(randomKey()), rateLimit, Duration.ofMinutes(10));
            var log = SuiteLogs.writer();
            DevServer server = DevServer.start(siteDir, bakeDir, 0, log, LocalAws.startMoto(log),
                    Clock.fixed(NOW, ZoneOffset.UTC), DevServer.LOCAL_MAIL_FROM, settings);
            return new AbuseServer(server, settings, canary, folder);
        } catch (java.io.IOException e) {
            folder.close();
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    byte[] tokenKey() {
        return settings.tokenKey();
    }

    byte[] addressKey() {
        return settings.addressKey();
    }

    LocalAws aws() {
        return server.aws().orElseThrow();
    }

    /** The text of {@link #OUTSIDE_FILE}, next to the baked site's folder: no response may contain it. */
    String canary() {
        return canary;
    }

    /** Raw MIME of every message moto accepted, oldest first. */
    List<String> sentMail() {
        return aws().sentRawMail();
    }

    /**
     * What the programme holds: items in the table by type, with the rate limit's counters left
     * out (a refused request is still counted: that is how the limit works), and the number of
     * messages sent.
     */
    Map<String, Long> holdings() {
        Map<String, Long> counts = new TreeMap<>();
        aws().clients().dynamo().scanPaginator(b -> b.tableName(aws().table())).items().forEach(item -> {
            String type = item.getOrDefault("itemType", AttributeValue.fromS("?")).s();
            String pk = item.get("pk") == null ? "" : item.get("pk").s();
            if (!"RATE".equals(type) && !pk.startsWith("RATE#")) {
                counts.merge(type, 1L, Long::sum);
            }
        });
        counts.put("sent mail", (long) sentMail().size());
        return counts;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            folder.close();
        }
    }
}
