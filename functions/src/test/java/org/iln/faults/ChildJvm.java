package org.iln.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Crash} in a child JVM with this JVM's test classpath and {@code java.home}'s
 * {@code java}, tuned to start quickly, and waits for it to end.
 */
final class ChildJvm {

    private static final long TIMEOUT_SECONDS = 90;

    private ChildJvm() {
    }

    /** How the child ended: its exit status and everything it printed. */
    record Exit(int status, String output) {
    }

    /** Runs {@code Crash} with these arguments. */
    static Exit crash(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", classpath, Crash.class.getName()));
        command.addAll(List.of(args));
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
            throw new IllegalStateException("cannot start a child JVM with " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the child JVM", e);
        }
    }
}
