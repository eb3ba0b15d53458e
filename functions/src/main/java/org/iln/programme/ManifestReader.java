package org.iln.programme;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.iln.json.Json;
import org.iln.programme.Programme.Choice;
import org.iln.programme.Programme.Choices;
import org.iln.programme.Programme.Coordinator;
import org.iln.programme.Programme.Country;
import org.iln.programme.Programme.DiscussionPoint;
import org.iln.programme.Programme.Language;
import org.iln.programme.Programme.Round;

/**
 * Reads {@code programme.json} into {@link Programme}, through the project's JSON mapper as a
 * tree.
 *
 * <p>Lenient where a newer bake may differ (unknown fields are skipped), strict where the
 * functions depend on it (types, dates, one document); a missing value is {@code null} or 0
 * and the records' own checks name what is wrong.
 */
final class ManifestReader {

    private static final ObjectMapper MAPPER = Json.newMapper();
    /** Trailing content is checked after the tree, to be reported in the manifest's words. */
    private static final ObjectReader TREE = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestReader() {
    }

    /** Reads a whole manifest; any problem is an {@link IOException} that says where. */
    static Programme read(InputStream json) throws IOException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonNode root = TREE.readTree(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the programme manifest");
            }
            return programme(root == null ? MAPPER.missingNode() : root);
        }
    }

    private static Programme programme(JsonNode manifest) throws IOException {
        object(manifest, "the programme manifest");
        int version = integer(manifest, "version");
        String baseUrl = text(manifest, "baseUrl");
        List<Round> rounds = list(manifest, "rounds", ManifestReader::round);
        List<DiscussionPoint> points = list(manifest, "discussionPoints", ManifestReader::discussionPoint);
        List<Country> countries = list(manifest, "countries", ManifestReader::country);
        Choices choices = manifest.hasNonNull("choices") ? choices(manifest.get("choices")) : null;
        return checked(() -> new Programme(version, baseUrl, rounds, points, countries, choices));
    }

    private static Round round(JsonNode round) throws IOException {
        object(round, "a round");
        String id = text(round, "id");
        String title = text(round, "title");
        LocalDate opens = date(round, "opens");
        LocalDate closes = date(round, "closes");
        LocalDate matchDate = date(round, "matchDate");
        LocalDate starts = date(round, "starts");
        LocalDate ends = date(round, "ends");
        int countryCapPercent = integer(round, "countryCapPercent");
        List<Coordinator> coordinators = list(round, "coordinators", ManifestReader::coordinator);
        return checked(() -> new Round(id, title, opens, closes, matchDate, starts, ends, countryCapPercent,
                coordinators));
    }

    private static Coordinator coordinator(JsonNode coordinator) throws IOException {
        object(coordinator, "a coordinator");
        String name = text(coordinator, "name");
        String email = text(coordinator, "email");
        String language = text(coordinator, "language");
        return checked(() -> new Coordinator(name, email, language));
    }

    private static DiscussionPoint discussionPoint(JsonNode point) throws IOException {
        object(point, "a discussion point");
        String round = text(point, "round");
        String slug = text(point, "slug");
        String title = text(point, "title");
        LocalDate sendDate = date(point, "sendDate");
        List<String> tags = list(point, "tags", ManifestReader::text);
        String summary = text(point, "summary");
        String url = text(point, "url");
        String html = text(point, "html");
        // Absent from manifests baked before points were translated.
        List<DiscussionPoint.Translation> translations = point.has("translations")
                ? list(point, "translations", ManifestReader::translation) : List.of();
        return checked(() -> new DiscussionPoint(round, slug, title, sendDate, tags, summary, url, html, translations));
    }

    private static DiscussionPoint.Translation translation(JsonNode translation) throws IOException {
        object(translation, "a discussion point's translation");
        String language = text(translation, "language");
        String title = text(translation, "title");
        String summary = text(translation, "summary");
        String url = text(translation, "url");
        String html = text(translation, "html");
        return checked(() -> new DiscussionPoint.Translation(language, title, summary, url, html));
    }

    private static Country country(JsonNode country) throws IOException {
        object(country, "a country");
        String code = text(country, "code");
        String name = text(country, "name");
        String region = text(country, "region");
        List<Country.Coordinator> coordinators = country.has("coordinators")
                ? list(country, "coordinators", ManifestReader::countryCoordinator) : List.of();
        return checked(() -> new Country(code, name, region, coordinators));
    }

    private static Country.Coordinator countryCoordinator(JsonNode coordinator) throws IOException {
        object(coordinator, "a country coordinator");
        String name = text(coordinator, "name");
        String contact = text(coordinator, "contact");
        String language = text(coordinator, "language");
        return checked(() -> new Country.Coordinator(name, contact, language));
    }

    private static Choices choices(JsonNode choices) throws IOException {
        object(choices, "the choices");
        List<Choice> sectors = list(choices, "sectors", ManifestReader::choice);
        List<Choice> careerStages = list(choices, "careerStages", ManifestReader::choice);
        List<Choice> interests = list(choices, "interests", ManifestReader::choice);
        List<Language> languages = list(choices, "languages", ManifestReader::language);
        List<String> timeZones = list(choices, "timeZones", ManifestReader::text);
        List<Choice> heardFrom = list(choices, "heardFrom", ManifestReader::choice);
        return checked(() -> new Choices(sectors, careerStages, interests, languages, timeZones, heardFrom));
    }

    private static Choice choice(JsonNode choice) throws IOException {
        object(choice, "a choice");
        String id = text(choice, "id");
        String label = text(choice, "label");
        return checked(() -> new Choice(id, label));
    }

    private static Language language(JsonNode language) throws IOException {
        object(language, "a language");
        String code = text(language, "code");
        String name = text(language, "name");
        return checked(() -> new Language(code, name));
    }

    /** Reads one element of a list. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonNode node) throws IOException;
    }

    /** The list in {@code field} read element by element; absent or null reads as empty. */
    private static <T> List<T> list(JsonNode object, String field, Element<T> element) throws IOException {
        JsonNode list = object.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw problem("a list", field, list);
        }
        List<T> values = new ArrayList<>();
        for (JsonNode node : list) {
            values.add(element.read(node));
        }
        return values;
    }

    private static void object(JsonNode node, String what) throws IOException {
        if (!node.isObject()) {
            throw new IOException("invalid programme manifest: expected " + what + " to be an object, found "
                    + node.getNodeType());
        }
    }

    /** A text field's value; null if absent or null. */
    private static String text(JsonNode object, String field) throws IOException {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem("text", field, value);
        }
        return value.textValue();
    }

    /** A list element that must be text. */
    private static String text(JsonNode element) throws IOException {
        if (!element.isTextual()) {
            throw problem("text", null, element);
        }
        return element.textValue();
    }

    /** A whole-number field's value; 0 if absent. */
    private static int integer(JsonNode object, String field) throws IOException {
        JsonNode value = object.path(field);
        if (value.isMissingNode()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem("a whole number", field, value);
        }
        return value.intValue();
    }

    /** A date field's value ({@code YYYY-MM-DD}); null if absent or null. */
    private static LocalDate date(JsonNode object, String field) throws IOException {
        String text = text(object, field);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw problem("a date (YYYY-MM-DD)", field, object.path(field));
        }
    }

    /** A record built, or its own check's failure as a read error. */
    private static <T> T checked(Supplier<T> record) throws IOException {
        try {
            return record.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("invalid programme manifest: " + e.getMessage(), e);
        }
    }

    private static IOException problem(String expected, String field, JsonNode found) {
        return new IOException("invalid programme manifest: expected " + expected
                + (field == null ? "" : " for \"" + field + "\"") + ", found " + found.getNodeType());
    }
}
