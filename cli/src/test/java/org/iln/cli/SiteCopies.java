package org.iln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the real site's sources, for tests that edit content while a server runs. */
public final class SiteCopies {

    private SiteCopies() {
    }

    /** Copies the site's sources (not its build output, npm packages or Java code) into {@code into}. */
    public static Path copyOfTheSite(Path into) throws IOException {
        Path source = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        try (var files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("target") || relative.startsWith("node_modules") || relative.startsWith("src")) {
                    continue;
                }
                Path target = into.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return into;
    }
}
