package org.iln.messages.compiled;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DecimalStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The messages of one language as the functions use them, with the CLDR data compiled beside
 * them: plural rules, digits, the long date format, and country and language names.
 *
 * <p>Asking for a key the catalogue lacks throws, naming the key and the language. Arguments are
 * filled in as given: HTML escaping is the caller's (the templates').
 */
public final class CompiledCatalogue {

    private final String tag;
    private final Map<String, String> entries;
    private final Map<String, CompiledMessage> messages = new HashMap<>();
    private final PluralRules plurals;
    private final DateTimeFormatter dateFormat;
    private final char zero;
    private final String groupingSeparator;

    CompiledCatalogue(String tag, Map<String, String> entries) {
        this.tag = tag;
        this.entries = Map.copyOf(entries);
        this.plurals = new PluralRules(required("@plural"));
        this.zero = required("@zeroDigit").charAt(0);
        this.groupingSeparator = required("@groupingSeparator");
        this.dateFormat = dateFormat(required("@dateLong"));
        entries.forEach((key, pattern) -> {
            if (!key.startsWith("@")) {
                try {
                    messages.put(key, new CompiledMessage(pattern));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("message '" + key + "' (" + tag + "): " + e.getMessage(), e);
                }
            }
        });
    }

    /** The language's BCP 47 tag ({@code en}, {@code es}, {@code ar}): the html lang attribute. */
    public String tag() {
        return tag;
    }

    /** {@code rtl} or {@code ltr}: the html dir attribute. */
    public String direction() {
        return required("@direction");
    }

    /** The language's name in itself ("Español"). */
    public String ownName() {
        return required("@ownName");
    }

    /** Whether the catalogue has {@code key}. */
    public boolean has(String key) {
        return messages.containsKey(key);
    }

    /**
     * The message {@code key} with {@code arguments} in place of {0}, {1}...: whole numbers in the
     * language's digits, choosing plural forms by its CLDR rules.
     *
     * @throws IllegalArgumentException naming the key and the language when the catalogue lacks the key
     */
    public String format(String key, Object... arguments) {
        CompiledMessage message = messages.get(key);
        if (message == null) {
            throw new IllegalArgumentException("message '" + key + "' is missing from the " + tag + " catalogue");
        }
        try {
            return message.format(arguments, this);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("message '" + key + "' (" + tag + "): " + e.getMessage(), e);
        }
    }

    /** The country's name in this language (CLDR), by ISO 3166 code; the code itself if CLDR has none. */
    public String countryName(String code) {
        return Optional.ofNullable(code).map(c -> entries.get("@country." + c.toUpperCase(Locale.ROOT))).orElse(code);
    }

    /** The language's name in this language (CLDR), by ISO 639-1 code; the code itself if CLDR has none. */
    public String languageName(String code) {
        return Optional.ofNullable(code).map(c -> entries.get("@language." + c.toLowerCase(Locale.ROOT))).orElse(code);
    }

    /** A region's name in this language (CLDR), by its name in the data files ("Asia"); that name if CLDR has none. */
    public String regionName(String dataName) {
        return M49Regions.code(dataName).map(c -> entries.get("@region." + c)).orElse(dataName);
    }

    /** The date in the language's long format ("14 de marzo de 2027"). */
    public String date(LocalDate date) {
        return dateFormat.format(date);
    }

    /** A whole number in the language's digits and grouping. */
    public String number(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(n < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(groupingSeparator);
            }
            out.append((char) (zero + (digits.charAt(i) - '0')));
        }
        return out.toString();
    }

    Map<String, String> entriesForTest() {
        return entries;
    }

    String pluralCategory(long n) {
        return plurals.select(n);
    }

    private String required(String key) {
        String value = entries.get(key);
        if (value == null) {
            throw new IllegalStateException("compiled catalogue " + tag + " lacks " + key + "; rebuild the messages module");
        }
        return value;
    }

    /** ICU's date pattern (d, dd, MMMM, y and 'quoted' text) as a java.time formatter with CLDR's month names. */
    private DateTimeFormatter dateFormat(String pattern) {
        Map<Long, String> months = new HashMap<>();
        for (long m = 1; m <= 12; m++) {
            months.put(m, required("@month." + m));
        }
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                builder.appendLiteral(end == i + 1 ? "'" : pattern.substring(i + 1, end));
                i = end + 1;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < pattern.length() && pattern.charAt(end) == c) {
                    end++;
                }
                String field = pattern.substring(i, end);
                switch (field) {
                    case "d" -> builder.appendValue(ChronoField.DAY_OF_MONTH);
                    case "dd" -> builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
                    case "MMMM" -> builder.appendText(ChronoField.MONTH_OF_YEAR, months);
                    case "y" -> builder.appendValue(ChronoField.YEAR);
                    default -> throw new IllegalArgumentException("date pattern field '" + field + "' of " + tag
                            + " is not supported: " + pattern);
                }
                i = end;
            } else {
                builder.appendLiteral(c);
                i++;
            }
        }
        return builder.toFormatter(Locale.ROOT).withDecimalStyle(DecimalStyle.STANDARD.withZeroDigit(zero));
    }
}
