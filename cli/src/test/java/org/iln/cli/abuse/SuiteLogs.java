package org.iln.cli.abuse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.platform.launcher.LauncherSession;
import org.slf4j.LoggerFactory;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Copies everything the test JVM writes to stdout and stderr (the handlers' JSON logs, Javalin's
 * and Jetty's logs, the dev servers' start-up messages, whatever a test prints) into
 * {@code target/suite-logs/cli-tests.log}, with every log event also as JSON (key-values included), from the start of the test run, so that
 * {@link LogsHoldNoPersonalDataTest} can search all of it. Registered as a JUnit Platform
 * {@link LauncherSessionListener} in {@code META-INF/services}, so it runs before any test class.
 */
public final class SuiteLogs implements LauncherSessionListener {

    /** The file every line of this test JVM's output is copied to. */
    static final Path FILE = Path.of("target", "suite-logs", "cli-tests.log");

    private static OutputStream file;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    /** Starts copying (once per JVM; later sessions keep appending to the same file). */
    static synchronized void install() {
        if (file != null) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            file = new java.io.BufferedOutputStream(Files.newOutputStream(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setOut(new PrintStream(new Tee(System.out, file), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err, file), true, StandardCharsets.UTF_8));
        // The console pattern (cli's logback.xml) leaves out key-value pairs: log each event as the
        // functions' JSON too, key-values included, so that they are searched as well.
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonEncoder json = new JsonEncoder();
        json.setContext(logging);
        json.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logging);
        appender.setName("suite-logs-json");
        appender.setEncoder(json);
        appender.setOutputStream(new Tee(OutputStream.nullOutputStream(), file));
        appender.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Whether output is being copied (false when a runner did not load the listener). */
    static synchronized boolean installed() {
        return file != null;
    }

    /** A writer for dev server logs: into stdout, and so into the suite log. */
    static PrintWriter writer() {
        return new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    }

    /** Everything written so far. */
    static String text() throws IOException {
        System.out.flush();
        System.err.flush();
        synchronized (SuiteLogs.class) {
            if (file != null) {
                file.flush();
            }
        }
        return Files.readString(FILE, StandardCharsets.UTF_8);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            synchronized (copy) {
                copy.flush();
            }
        }
    }
}
