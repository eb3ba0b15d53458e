package org.iln.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The real site folder under test, and copies of it that a test may change. */
final class TestSites {

    private TestSites() {
    }

    /** The module folder, which is the real site: surefire runs tests from it. */
    static Path realSite() {
        Path site = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(site.resolve("jbake.properties"))) {
            throw new IllegalStateException("run the tests from the site module folder, not " + site);
        }
        return site;
    }

    /** Copies the real site's sources (not node_modules or target) into {@code target}. */
    static Path copyOfRealSite(Path target) {
        Path site = realSite();
        try {
            Files.createDirectories(target);
            Files.copy(site.resolve("jbake.properties"), target.resolve("jbake.properties"));
            for (String folder : List.of("content", "data", "templates", "assets")) {
                copyTree(site.resolve(folder), target.resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Writes a discussion point file with the given header lines and a short body. */
    static Path writePoint(Path site, String round, String fileName, String... headerLines) {
        Path file = site.resolve("content/points").resolve(round).resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", headerLines) + "\n~~~~~~\nTalk about it with your partner.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
