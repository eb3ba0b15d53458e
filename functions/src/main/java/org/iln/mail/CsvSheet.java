package org.iln.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table sent as a CSV attachment (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, quote, CR or LF, quotes doubled), safe to open in a spreadsheet.
 *
 * <p>Its cells come from what applicants typed (names, roles): a cell that starts with
 * {@code = + - @}, a tab or a carriage return would be run as a formula by spreadsheet programs
 * (CSV injection), so such a cell is written with a leading apostrophe, which they show as text.
 *
 * @param filename the attachment's file name: letters, digits, dot, dash and underscore, ending {@code .csv}
 * @param columns the header row
 * @param rows the data rows, each as long as {@code columns}
 */
public record CsvSheet(String filename, List<String> columns, List<List<String>> rows) {

    /** The key of a mail model that carries a sheet to attach (see {@link #fromModel}). */
    public static final String MODEL_KEY = "sheet";

    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9._-]{1,80}\\.csv");

    public CsvSheet {
        Objects.requireNonNull(filename, "filename");
        if (!FILENAME.matcher(filename).matches()) {
            throw new IllegalArgumentException("filename must be 1-80 letters, digits, '.', '-' or '_' ending .csv");
        }
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("every row must have " + columns.size() + " cells, one had "
                        + row.size());
            }
            copied.add(row.stream().map(c -> c == null ? "" : c).toList());
        }
        rows = List.copyOf(copied);
    }

    /** The sheet as CSV text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        line(out, columns);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    /** The sheet as a mail model holds it (strings and lists only, so that it survives the outbox's JSON). */
    public Map<String, Object> toModel() {
        return Map.of("filename", filename, "columns", columns, "rows", rows);
    }

    /** The sheet a mail model carries under {@link #MODEL_KEY}, if it carries one. */
    @SuppressWarnings("unchecked")
    public static java.util.Optional<CsvSheet> fromModel(Map<String, ?> model) {
        if (!(model.get(MODEL_KEY) instanceof Map<?, ?> sheet)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CsvSheet((String) sheet.get("filename"), (List<String>) sheet.get("columns"),
                (List<List<String>>) sheet.get("rows")));
    }

    /** One cell as it is written: defused if a spreadsheet would read it as a formula, then quoted if needed. */
    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }
}
