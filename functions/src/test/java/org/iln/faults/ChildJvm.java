package org.iln.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Crash} in a child JVM with this JVM's test classpath and {@code java.home}'s
 * {@code java}, tuned to start quickly, and waits for it to end, or kills it with {@code SIGKILL}
 * where it says.
 */
final class ChildJvm {

    private static final long TIMEOUT_SECONDS = 90;

    private ChildJvm() {
    }

    /** How the child ended: its exit status and everything it printed. */
    record Exit(int status, String output) {
    }

    /** Exit status of a process killed by {@code SIGKILL} (128 + 9). */
    static final int KILLED = 137;

    /** Runs {@code Crash} with these arguments. */
    static Exit crash(String... args) {
        List<String> command = command(args);
        try {
            Path log = Files.createTempFile("iln-crash-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("child JVM still running after " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(log));
                }
                return new Exit(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a child JVM with " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the child JVM", e);
        }
    }

    /**
     * Runs {@code Crash} at a {@code kill-} point and, once it says it reached that point,
     * kills it with {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux): the OS ends it,
     * no code of it runs after. Its status is {@link #KILLED} then, or its own if it ended first.
     */
    static Exit killedAtPoint(String... args) {
        List<String> command = command(args);
        StringBuilder output = new StringBuilder();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.startsWith(Fault.PARKED)) {
                            process.destroyForcibly();
                        }
                    }
                } catch (IOException e) {
                    // The pipe closes when the process is killed.
                }
            }, "child-jvm-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("child JVM never reached its kill point in " + TIMEOUT_SECONDS + " s: "
                        + output);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            synchronized (output) {
                return new Exit(process.exitValue(), output.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a child JVM with " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the child JVM", e);
        }
    }

    private static List<String> command(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", classpath, Crash.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
