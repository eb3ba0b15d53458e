package org.iln.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The site's assets named by a hash of their contents ({@code css/site.css} is baked as
 * {@code css/site.3f2a9c1e.css}), so that browsers and CloudFront may keep them for a year: a
 * changed file gets a new name, and the pages of the same bake link to it. The plain names stay
 * too, for the API's own pages, which are not baked.
 *
 * <p>Templates write {@code ${site.assets["css/site.css"]}} for an asset's URL. The same assets
 * folder always gives the same names.
 */
final class Fingerprints {

    /** Hex digits of the SHA-256 kept in a name: 32 bits, plenty for a few dozen files. */
    private static final int HASH_LENGTH = 8;

    /** Asset path (relative, {@code /} separated) to its fingerprinted path. */
    private final Map<String, String> names;

    private Fingerprints(Map<String, String> names) {
        this.names = names;
    }

    /** Fingerprints of every file under {@code assetsDir} (none when the folder is missing). */
    static Fingerprints of(Path assetsDir) {
        Map<String, String> names = new TreeMap<>();
        if (!Files.isDirectory(assetsDir)) {
            return new Fingerprints(names);
        }
        try (Stream<Path> files = Files.walk(assetsDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = assetsDir.relativize(file).toString().replace('\\', '/');
                names.put(relative, fingerprinted(relative, Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new BakeException(assetsDir + ": assets: cannot read: " + e.getMessage(), e);
        }
        return new Fingerprints(names);
    }

    /** Asset path to its URL, for the templates' {@code site.assets}. */
    Map<String, String> urls() {
        Map<String, String> urls = new TreeMap<>();
        names.forEach((name, fingerprinted) -> urls.put(name, "/" + fingerprinted));
        return urls;
    }

    /** Copies the assets JBake copied into {@code out} to their fingerprinted names. */
    void copy(Path out) {
        for (Map.Entry<String, String> name : names.entrySet()) {
            Path copied = out.resolve(name.getKey());
            try {
                Files.copy(copied, out.resolve(name.getValue()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new BakeException(copied + ": assets: cannot rename to " + name.getValue() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String fingerprinted(String relative, byte[] content) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return dot > slash + 1
                ? relative.substring(0, dot) + "." + hash + relative.substring(dot)
                : relative + "." + hash;
    }
}
