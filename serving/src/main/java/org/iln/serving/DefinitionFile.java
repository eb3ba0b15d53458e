package org.iln.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of this package's tab-separated files: lines of two fields, {@code #} comments and blank
 * lines skipped. Plain text, so that the deploy workflow's shell reads the same file as Java does.
 */
final class DefinitionFile {

    /** A line's two fields, and its number for error messages. */
    record Line(int number, String first, String second) {
    }

    private DefinitionFile() {
    }

    static List<Line> read(String name) {
        try (InputStream in = DefinitionFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the iln-serving jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Line> lines = new ArrayList<>();
            String[] all = text.split("\n", -1);
            for (int i = 0; i < all.length; i++) {
                String line = all[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = all[i].split("\t", -1);
                if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new IllegalStateException(name + " line " + (i + 1)
                            + ": expected two fields separated by one tab");
                }
                lines.add(new Line(i + 1, fields[0].strip(), fields[1].strip()));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
