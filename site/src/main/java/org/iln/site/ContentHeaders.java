package org.iln.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads and checks the {@code key=value} header of every content file before JBake parses it.
 *
 * <p>JBake skips a file whose header it cannot read and replaces a date it cannot parse with the
 * file's modification time, logging a warning in both cases. A coordinator's typo must instead
 * stop the bake, naming the file and the field, so the headers are checked here first.
 */
final class ContentHeaders {

    static final String SEPARATOR = "~~~~~~";
    private static final Set<String> TYPES = Set.of("page", "point");
    private static final Set<String> STATUSES = Set.of("published", "draft");

    private final Path siteDir;
    private final Programme programme;

    ContentHeaders(Path siteDir, Programme programme) {
        this.siteDir = siteDir;
        this.programme = programme;
    }

    /**
     * Returns each content file's header keyed by its path relative to the content folder,
     * or throws a {@link BakeException} listing every problem found.
     */
    Map<String, Map<String, String>> check() {
        Path contentDir = siteDir.resolve("content");
        Map<String, Map<String, String>> headers = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        try (Stream<Path> files = Files.walk(contentDir)) {
            for (Path file : files.filter(ContentHeaders::isContentFile).sorted().toList()) {
                String name = siteDir.relativize(file).toString().replace('\\', '/');
                Map<String, String> header = read(file);
                if (header == null) {
                    errors.add(name + ": header: missing (start the file with key=value lines ended by a "
                            + SEPARATOR + " line)");
                    continue;
                }
                check(name, header, errors);
                headers.put(contentDir.relativize(file).toString().replace('\\', '/'), header);
            }
        } catch (IOException e) {
            throw new BakeException("content: cannot read " + contentDir + ": " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new BakeException(String.join("\n", errors));
        }
        return headers;
    }

    private void check(String name, Map<String, String> header, List<String> errors) {
        String title = header.getOrDefault("title", "");
        if (title.isBlank()) {
            errors.add(name + ": title: missing");
        }
        String type = header.getOrDefault("type", "");
        if (type.isEmpty()) {
            errors.add(name + ": type: missing (page or point)");
        } else if (!TYPES.contains(type)) {
            errors.add(name + ": type: '" + type + "' is not page or point");
        }
        String status = header.getOrDefault("status", "");
        if (status.isEmpty()) {
            errors.add(name + ": status: missing (published or draft)");
        } else if (!STATUSES.contains(status)) {
            errors.add(name + ": status: '" + status + "' is not published or draft");
        }
        String date = header.get("date");
        if (date != null && parseDate(date) == null) {
            errors.add(name + ": date: '" + date + "' is not a date in yyyy-MM-dd form");
        }
        if (!"point".equals(type)) {
            return;
        }
        if (date == null) {
            errors.add(name + ": date: missing (the send date, yyyy-MM-dd)");
        }
        String round = header.getOrDefault("round", "");
        if (round.isEmpty()) {
            errors.add(name + ": round: missing (an id from data/rounds.yml)");
        } else if (programme.round(round).isEmpty()) {
            errors.add(name + ": round: '" + round + "' is not a round in data/rounds.yml");
        }
        if (header.getOrDefault("summary", "").isBlank()) {
            errors.add(name + ": summary: missing (one sentence for lists and the feed)");
        }
        for (String tag : tags(header)) {
            if (!tag.matches("[a-z0-9][a-z0-9-]*")) {
                errors.add(name + ": tags: '" + tag + "' must be lower-case letters, digits and hyphens");
            }
        }
    }

    static List<String> tags(Map<String, String> header) {
        String tags = header.getOrDefault("tags", "");
        return tags.isBlank() ? List.of() : Stream.of(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isContentFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".md") || name.endsWith(".html"));
    }

    /** The header's fields, or null when the file has no header ended by the separator line. */
    private static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> header = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip().replace("\uFEFF", "");
            if (line.equals(SEPARATOR)) {
                return header;
            }
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            header.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return null;
    }
}
