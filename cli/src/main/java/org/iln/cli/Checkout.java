package org.iln.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository checkout the CLI works in: where the site's sources are and where baked output goes.
 *
 * @param root the folder holding {@code site/jbake.properties}
 */
public record Checkout(Path root) {

    /** Finds the checkout from {@code ILN_HOME} (set by the {@code ./iln} script) or by walking up from {@code start}. */
    public static Optional<Checkout> find(String ilnHome, Path start) {
        if (ilnHome != null && !ilnHome.isBlank()) {
            Path home = Path.of(ilnHome).toAbsolutePath().normalize();
            return isCheckout(home) ? Optional.of(new Checkout(home)) : Optional.empty();
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isCheckout(dir)) {
                return Optional.of(new Checkout(dir));
            }
        }
        return Optional.empty();
    }

    /** The checkout this process runs in, or an explanation of what to do when there is none. */
    static Checkout current() {
        return find(System.getenv("ILN_HOME"), Path.of("")).orElseThrow(() -> new IllegalStateException(
                "No ILN checkout found here: run ./iln from the repository, or set ILN_HOME to its folder."));
    }

    public Path siteDir() {
        return root.resolve("site");
    }

    /** Where `./iln bake` writes by default: the same folder the Maven build bakes into. */
    public Path defaultBakeDir() {
        return siteDir().resolve("target/site");
    }

    private static boolean isCheckout(Path dir) {
        return Files.isRegularFile(dir.resolve("site/jbake.properties"));
    }
}
