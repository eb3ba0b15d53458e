package org.iln.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code moto_server} on a free loopback port, started as a child process and stopped with the
 * JVM. Sent mail is read back a page at a time from {@code /moto-api/iln/sent-mail}, which the
 * launcher adds beside moto's own {@code /moto-api/data.json} (where moto 5.2 keeps SESv2 raw
 * messages, as {@code ses.RawMessage[].raw_data}, among everything else it holds).
 *
 * <p>It runs moto_server's own {@code main} with the same arguments, but serving one request at a
 * time. Threaded, moto does not isolate {@code TransactWriteItems}: it checks conditions without
 * a lock, and a cancelled transaction rolls back by restoring a copy of the whole table, which
 * erases what a parallel transaction committed meanwhile. DynamoDB serialises transactions;
 * serving requests one by one gives the same guarantee, so tests of parallel submissions test
 * our code, not moto's races. {@code -Diln.moto.threaded=true} runs plain {@code moto_server}.
 *
 * <p>The launcher also makes a transaction back up only the items it names, not (with
 * {@code copy.deepcopy}) every table it touches: moto's copy made each signup slower as the table
 * grew, to about one a second at a few thousand items. Rollback restores exactly those items.
 *
 * <p>{@link #close()} (and a shutdown hook, for Ctrl-C and SIGTERM) stops the whole process tree,
 * so no emulator outlives the JVM that started it, and deletes the emulator's log from the temp folder.
 */
public final class MotoServer implements AutoCloseable {

    /** The region every client of the emulator uses. */
    public static final String REGION = "eu-west-1";


    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** moto_server's main with our two changes, read from {@code moto_launcher.py} beside this class. */
    private static final String LAUNCHER = launcher();

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto_server on a free loopback port and waits until it answers (up to a minute). */
    public static MotoServer start() {
        int port = freePort();
        Path log = null;
        Process process;
        try {
            log = Files.createTempFile("moto-server-", ".log");
            List<String> command = Boolean.getBoolean("iln.moto.threaded")
                    ? List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    : List.of("python3", "-c", LAUNCHER, "-H", "127.0.0.1", "-p", Integer.toString(port));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteQuietly(log);
            throw new IllegalStateException("cannot start moto_server (is moto[server] 5.x installed and on PATH? "
                    + "pip install 'moto[server]')", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
        Thread hook = new Thread(server::close, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        server.shutdownHook = hook;
        server.awaitReady();
        return server;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail();
                close();
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ": " + tail);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            sleep(100);
        }
        String tail = logTail();
        close();
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT + ": " + tail);
    }

    /** Where it answers: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Forgets all state: tables, identities, sent mail. */
    public void reset() {
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Raw MIME of every message moto accepted since the last reset, oldest first. */
    public List<String> sentRawMail() {
        List<String> messages = new ArrayList<>();
        sentMail(0, Integer.MAX_VALUE, "").messages().forEach(m -> messages.add(m.raw()));
        java.util.Collections.reverse(messages);
        return messages;
    }

    /**
     * A page of the mail moto accepted since the last reset, newest first: {@code limit} messages
     * after the newest {@code skip}, only those to a recipient containing {@code to} unless it is
     * blank. The launcher answers it without serialising the rest of moto's state; plain
     * moto_server ({@code -Diln.moto.threaded=true}) only has {@code data.json}, which is slower.
     */
    public SentMailPage sentMail(int skip, int limit, String to) {
        URI page = endpoint.resolve("/moto-api/iln/sent-mail?skip=" + skip + "&limit=" + limit + "&to="
                + URLEncoder.encode(to == null ? "" : to, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return SentMailPage.fromJson(json.readTree(r.body()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not answering: " + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return SentMailPage.of(dumpedRawMail(), skip, limit, to);
    }

    /** Every raw message from moto's dump of its whole state ({@code ses.RawMessage[].raw_data}). */
    private List<String> dumpedRawMail() {
        String body = send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET());
        try {
            JsonNode raw = json.readTree(body).path("ses").path("RawMessage");
            List<String> messages = new ArrayList<>();
            raw.forEach(m -> messages.add(m.path("raw_data").asText()));
            return messages;
        } catch (IOException e) {
            throw new IllegalStateException("moto's data.json is not JSON", e);
        }
    }

    /** Whether the process still runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** The operating system's id of the emulator process (for checking nothing is left behind). */
    public long pid() {
        return process.pid();
    }

    /** Where the emulator's output goes while it runs (deleted by {@link #close()}). */
    Path log() {
        return log;
    }

    /** Stops the emulator and every process it started, then deletes its log; safe to call twice. */
    @Override
    public void close() {
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running or about to: it stops the process itself.
            }
        }
        try {
            stop();
        } finally {
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only a leftover in the temp folder: never a reason to fail a start or a shutdown.
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto answered " + r.statusCode() + " to " + r.request().uri());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not answering: " + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String launcher() {
        try (var in = MotoServer.class.getResourceAsStream("moto_launcher.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_launcher.py is missing from the iln-local-aws jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
