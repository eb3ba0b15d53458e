package org.iln.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder in the temp folder for a fixture that outlives one test (a shared server's baked site,
 * a browser's profile), deleted with everything in it on {@link #close()}: where JUnit's
 * {@code @TempDir} cannot reach, tests still leave nothing behind.
 */
public final class ScratchFolder implements AutoCloseable {

    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    /** A new, empty folder named {@code prefix} plus random characters. */
    public static ScratchFolder create(String prefix) {
        try {
            return new ScratchFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Deletes the folder and everything in it; safe to call twice. A process that has just been
     * stopped (a browser's helpers) may still write a file or two, so it tries a few times.
     */
    @Override
    public void close() {
        for (int attempt = 1; Files.exists(path); attempt++) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw new IllegalStateException("could not delete " + path, e);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
