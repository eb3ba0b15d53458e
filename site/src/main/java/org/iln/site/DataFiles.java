package org.iln.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.iln.site.Programme.Choice;
import org.iln.site.Programme.Choices;
import org.iln.site.Programme.Contact;
import org.iln.site.Programme.Coordinator;
import org.iln.site.Programme.Country;
import org.iln.site.Programme.Language;
import org.iln.site.Programme.Round;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks the YAML files in {@code site/data/}, failing with the file and field at fault.
 *
 * <p>JBake would load these files too, but it logs and skips a file it cannot parse; a bad data
 * file must stop the bake instead, so they are read here with a safe YAML loader.
 */
final class DataFiles {

    /** A plain email address: no display name, list, spaces, quotes or line breaks. */
    private static final String ADDRESS = "[^\\s@:/<>\"',;]+@[^\\s@:/<>\"',;]+\\.[A-Za-z]{2,}";

    private final Path siteDir;
    private final List<String> errors = new ArrayList<>();

    DataFiles(Path siteDir) {
        this.siteDir = siteDir;
    }

    Programme read() {
        List<Round> rounds = list("rounds.yml", "rounds", this::round);
        rounds.sort(Comparator.comparing(Round::opens, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Round::id));
        unique("rounds.yml", "id", rounds, Round::id);
        List<Country> countries = list("countries.yml", "countries", this::country);
        countries.sort(Comparator.comparing(Country::code));
        unique("countries.yml", "code", countries, Country::code);
        Choices choices = new Choices(
                list("sectors.yml", "sectors", this::choice),
                list("career-stages.yml", "careerStages", this::choice),
                list("interests.yml", "interests", this::choice),
                list("languages.yml", "languages", this::language),
                list("timezones.yml", "timeZones", this::timeZone),
                list("heard-from.yml", "heardFrom", this::choice));
        if (!errors.isEmpty()) {
            throw new BakeException(String.join("\n", errors));
        }
        return new Programme(rounds, countries, choices);
    }

    private Round round(Fields f) {
        List<Contact> contacts = new ArrayList<>();
        for (Fields c : f.list("coordinators")) {
            String email = c.text("email");
            // It becomes the Reply-To of the round's mail: one plain address, nothing that could end a header.
            if (!email.matches(ADDRESS)) {
                c.error("email", "must be one plain email address, like team@example.org");
            }
            contacts.add(new Contact(c.text("name"), email, mailLanguage(c)));
        }
        Round round = new Round(f.text("id"), f.text("title"), f.date("opens"), f.date("closes"),
                f.date("matchDate"), f.date("starts"), f.date("ends"), f.number("countryCapPercent"),
                contacts);
        if (round.opens() != null && round.closes() != null && round.closes().isBefore(round.opens())) {
            f.error("closes", "is before opens");
        }
        if (round.starts() != null && round.ends() != null && round.ends().isBefore(round.starts())) {
            f.error("ends", "is before starts");
        }
        return round;
    }

    private Country country(Fields f) {
        String code = f.text("code");
        if (!code.matches("[A-Z]{2}")) {
            f.error("code", "'" + code + "' is not an ISO 3166-1 alpha-2 code (two capital letters)");
        }
        List<Coordinator> coordinators = new ArrayList<>();
        for (Fields c : f.list("coordinators")) {
            String contact = c.text("contact");
            // The contact becomes a link: only an address or a web page, never javascript: or data:.
            if (!contact.matches(ADDRESS) && !contact.matches("https?://[^\\s<>\"']+")) {
                c.error("contact", "must be an email address or an http(s):// page");
            }
            coordinators.add(new Coordinator(c.text("name"), contact, mailLanguage(c)));
        }
        return new Country(code, f.text("name"), f.text("region"), coordinators);
    }

    /** A coordinator's optional {@code language}: the BCP 47 tag of the site language their mail is in (else the default). */
    private static String mailLanguage(Fields coordinator) {
        String language = coordinator.optionalText("language");
        if (language.isEmpty()) {
            return null;
        }
        if (!language.matches("[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?")) {
            coordinator.error("language", "must be a language tag of the site, like es or pt-BR");
        }
        return language;
    }

    private Choice choice(Fields f) {
        return new Choice(f.text("id"), f.text("label"), f.optionalText("hint"));
    }

    private Language language(Fields f) {
        String code = f.text("code");
        if (!code.matches("[a-z]{2}")) {
            f.error("code", "'" + code + "' is not an ISO 639-1 code (two lower-case letters)");
        }
        return new Language(code, f.text("name"));
    }

    private String timeZone(Fields f) {
        String id = f.scalar();
        try {
            java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            f.error("", "'" + id + "' is not an IANA time zone id");
        }
        return id;
    }

    private <T> List<T> list(String fileName, String key, Function<Fields, T> reader) {
        List<T> result = new ArrayList<>();
        Object root = load(fileName);
        if (root == null) {
            return result;
        }
        String file = "data/" + fileName;
        Object entries = root;
        if (root instanceof Map<?, ?> map) {
            // the top key names the list; accept the documented one or a file holding a single list
            entries = map.containsKey(key) ? map.get(key) : map.size() == 1 ? map.values().iterator().next() : null;
        }
        if (!(entries instanceof List<?> items)) {
            errors.add(file + ": " + key + ": missing (expected a list under '" + key + ":')");
            return result;
        }
        for (int i = 0; i < items.size(); i++) {
            result.add(reader.apply(new Fields(file, key + "[" + i + "]", items.get(i))));
        }
        return result;
    }

    private Object load(String fileName) {
        Path file = siteDir.resolve("data").resolve(fileName);
        if (!Files.isRegularFile(file)) {
            errors.add("data/" + fileName + ": file: missing");
            return null;
        }
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            errors.add("data/" + fileName + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private <T> void unique(String fileName, String field, List<T> items, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String value = key.apply(item);
            if (!value.isEmpty() && !seen.add(value)) {
                errors.add("data/" + fileName + ": " + field + ": '" + value + "' appears twice");
            }
        }
    }

    /** One YAML mapping, reporting problems as {@code <file>: <path>.<field> ...}. */
    private final class Fields {
        private final String file;
        private final String path;
        private final Object node;

        Fields(String file, String path, Object node) {
            this.file = file;
            this.path = path;
            this.node = node;
        }

        void error(String field, String message) {
            String where = field.isEmpty() ? path : path + "." + field;
            errors.add(file + ": " + where + ": " + message);
        }

        boolean has(String field) {
            return node instanceof Map<?, ?> map && map.get(field) != null;
        }

        private Object raw(String field) {
            return node instanceof Map<?, ?> map ? map.get(field) : null;
        }

        String scalar() {
            if (node == null || node instanceof Map || node instanceof List) {
                error("", "must be a single value");
                return "";
            }
            return String.valueOf(node);
        }

        String text(String field) {
            Object value = raw(field);
            if (value == null || String.valueOf(value).isBlank()) {
                error(field, "missing");
                return "";
            }
            return String.valueOf(value).trim();
        }

        String optionalText(String field) {
            Object value = raw(field);
            return value == null ? "" : String.valueOf(value).trim();
        }

        int number(String field) {
            Object value = raw(field);
            if (value instanceof Integer n && n >= 0) {
                return n;
            }
            error(field, value == null ? "missing" : "'" + value + "' is not a whole number");
            return 0;
        }

        LocalDate date(String field) {
            Object value = raw(field);
            if (value instanceof Date date) {
                return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            }
            if (value == null) {
                error(field, "missing");
                return null;
            }
            try {
                return LocalDate.parse(String.valueOf(value).trim());
            } catch (DateTimeParseException e) {
                error(field, "'" + value + "' is not a date in yyyy-MM-dd form");
                return null;
            }
        }

        List<Fields> list(String field) {
            Object value = raw(field);
            List<Fields> items = new ArrayList<>();
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    items.add(new Fields(file, path + "." + field + "[" + i + "]", list.get(i)));
                }
            } else if (value != null) {
                error(field, "must be a list");
            }
            return items;
        }
    }
}
