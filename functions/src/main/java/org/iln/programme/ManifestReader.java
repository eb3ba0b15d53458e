package org.iln.programme;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.iln.json.JsonStreams;
import org.iln.programme.Programme.Choice;
import org.iln.programme.Programme.Choices;
import org.iln.programme.Programme.Coordinator;
import org.iln.programme.Programme.Country;
import org.iln.programme.Programme.DiscussionPoint;
import org.iln.programme.Programme.Language;
import org.iln.programme.Programme.Round;

/**
 * Reads {@code programme.json} token by token into {@link Programme}: a signup's cold start
 * reads the manifest, and a typed streaming reader spares it databind's start-up (see
 * {@link JsonStreams}).
 *
 * <p>Lenient where a newer bake may differ (unknown fields are skipped), strict where the
 * functions depend on it (types, dates, one document); a missing value is {@code null} or 0
 * and the records' own checks name what is wrong.
 */
final class ManifestReader {

    private final JsonParser parser;

    private ManifestReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads a whole manifest; any problem is an {@link IOException} that says where. */
    static Programme read(InputStream json) throws IOException {
        try (JsonParser parser = JsonStreams.factory().createParser(json)) {
            ManifestReader reader = new ManifestReader(parser);
            parser.nextToken();
            Programme programme = reader.programme();
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the programme manifest");
            }
            return programme;
        }
    }

    // Plain loops and switches, no lambdas: each lambda would cost a cold start a generated class.

    private Programme programme() throws IOException {
        int version = 0;
        String baseUrl = null;
        List<Round> rounds = new ArrayList<>();
        List<DiscussionPoint> discussionPoints = new ArrayList<>();
        List<Country> countries = new ArrayList<>();
        Choices choices = null;
        for (String name = firstField(); name != null; name = nextField()) {
            switch (name) {
                case "version" -> version = integer();
                case "baseUrl" -> baseUrl = text();
                case "rounds" -> {
                    for (boolean more = firstElement(); more; more = nextElement()) {
                        rounds.add(round());
                    }
                }
                case "discussionPoints" -> {
                    for (boolean more = firstElement(); more; more = nextElement()) {
                        discussionPoints.add(discussionPoint());
                    }
                }
                case "countries" -> {
                    for (boolean more = firstElement(); more; more = nextElement()) {
                        countries.add(country());
                    }
                }
                case "choices" -> choices = choices();
                default -> parser.skipChildren();
            }
        }
        try {
            return new Programme(version, baseUrl, rounds, discussionPoints, countries, choices);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e);
        }
    }

    private Round round() throws IOException {
        String id = null;
        String title = null;
        LocalDate opens = null;
        LocalDate closes = null;
        LocalDate matchDate = null;
        LocalDate starts = null;
        LocalDate ends = null;
        int countryCapPercent = 0;
        String surveyUrl = null;
        List<Coordinator> coordinators = new ArrayList<>();
        for (String name = firstField(); name != null; name = nextField()) {
            switch (name) {
                case "id" -> id = text();
                case "title" -> title = text();
                case "opens" -> opens = date();
                case "closes" -> closes = date();
                case "matchDate" -> matchDate = date();
                case "starts" -> starts = date();
                case "ends" -> ends = date();
                case "countryCapPercent" -> countryCapPercent = integer();
                case "surveyUrl" -> surveyUrl = text();
                case "coordinators" -> {
                    for (boolean more = firstElement(); more; more = nextElement()) {
                        coordinators.add(coordinator());
                    }
                }
                default -> parser.skipChildren();
            }
        }
        try {
            return new Round(id, title, opens, closes, matchDate, starts, ends, countryCapPercent, surveyUrl,
                    coordinators);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e);
        }
    }

    private Coordinator coordinator() throws IOException {
        String name = null;
        String email = null;
        for (String field = firstField(); field != null; field = nextField()) {
            switch (field) {
                case "name" -> name = text();
                case "email" -> email = text();
                default -> parser.skipChildren();
            }
        }
        return new Coordinator(name, email);
    }

    private DiscussionPoint discussionPoint() throws IOException {
        String round = null;
        String slug = null;
        String title = null;
        LocalDate sendDate = null;
        List<String> tags = new ArrayList<>();
        String summary = null;
        String url = null;
        String html = null;
        for (String name = firstField(); name != null; name = nextField()) {
            switch (name) {
                case "round" -> round = text();
                case "slug" -> slug = text();
                case "title" -> title = text();
                case "sendDate" -> sendDate = date();
                case "tags" -> texts(tags);
                case "summary" -> summary = text();
                case "url" -> url = text();
                case "html" -> html = text();
                default -> parser.skipChildren();
            }
        }
        return new DiscussionPoint(round, slug, title, sendDate, tags, summary, url, html);
    }

    private Country country() throws IOException {
        String code = null;
        String name = null;
        String region = null;
        for (String field = firstField(); field != null; field = nextField()) {
            switch (field) {
                case "code" -> code = text();
                case "name" -> name = text();
                case "region" -> region = text();
                default -> parser.skipChildren();
            }
        }
        return new Country(code, name, region);
    }

    private Choices choices() throws IOException {
        List<Choice> sectors = new ArrayList<>();
        List<Choice> careerStages = new ArrayList<>();
        List<Choice> interests = new ArrayList<>();
        List<Language> languages = new ArrayList<>();
        List<String> timeZones = new ArrayList<>();
        List<Choice> heardFrom = new ArrayList<>();
        for (String name = firstField(); name != null; name = nextField()) {
            switch (name) {
                case "sectors" -> choices(sectors);
                case "careerStages" -> choices(careerStages);
                case "interests" -> choices(interests);
                case "languages" -> {
                    for (boolean more = firstElement(); more; more = nextElement()) {
                        String code = null;
                        String label = null;
                        for (String field = firstField(); field != null; field = nextField()) {
                            switch (field) {
                                case "code" -> code = text();
                                case "name" -> label = text();
                                default -> parser.skipChildren();
                            }
                        }
                        languages.add(new Language(code, label));
                    }
                }
                case "timeZones" -> texts(timeZones);
                case "heardFrom" -> choices(heardFrom);
                default -> parser.skipChildren();
            }
        }
        return new Choices(sectors, careerStages, interests, languages, timeZones, heardFrom);
    }

    /** Adds each {@code {"id", "label"}} of the list the parser is on. */
    private void choices(List<Choice> into) throws IOException {
        for (boolean more = firstElement(); more; more = nextElement()) {
            String id = null;
            String label = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "id" -> id = text();
                    case "label" -> label = text();
                    default -> parser.skipChildren();
                }
            }
            into.add(new Choice(id, label));
        }
    }

    /** Adds each text of the list the parser is on. */
    private void texts(List<String> into) throws IOException {
        for (boolean more = firstElement(); more; more = nextElement()) {
            into.add(text());
        }
    }

    /** Enters the object the parser is on: its first field's name, the parser on its value; null if empty. */
    private String firstField() throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw problem("an object");
        }
        return nextField();
    }

    /** The next field's name, the parser on its value; null at the end of the object. */
    private String nextField() throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = parser.currentName();
        parser.nextToken();
        return name;
    }

    /** Enters the list the parser is on (null reads as empty): whether it has a first element. */
    private boolean firstElement() throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw problem("a list");
        }
        return nextElement();
    }

    /** Moves to the list's next element: whether there is one. */
    private boolean nextElement() throws IOException {
        return parser.nextToken() != JsonToken.END_ARRAY;
    }

    private String text() throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            default -> throw problem("text");
        };
    }

    private int integer() throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw problem("a whole number");
        }
        return parser.getIntValue();
    }

    private LocalDate date() throws IOException {
        String text = text();
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw problem("a date (YYYY-MM-DD)");
        }
    }

    /** A record's own check, failed: a read error that says where. */
    private JsonParseException invalid(RuntimeException e) {
        return new JsonParseException(parser, "invalid programme manifest: " + e.getMessage());
    }

    private JsonParseException problem(String expected) {
        String field = parser.getParsingContext().getCurrentName();
        return new JsonParseException(parser, "expected " + expected + (field == null ? "" : " for \"" + field + "\"")
                + ", found " + parser.currentToken());
    }
}
