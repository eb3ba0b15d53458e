package org.iln.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iln.site.Programme.Round;

/**
 * Writes {@code programme.json}, the manifest the functions read, exactly as docs/content-model.md
 * describes it: rounds, published discussion points (also those not yet sent), countries and the
 * signup form's choices. Keys keep a fixed order and lists are sorted, so the same content always
 * gives the same bytes.
 */
final class ProgrammeManifest {

    static final int VERSION = 1;

    private final String baseUrl;
    private final Programme programme;
    private final List<DiscussionPoint> points;
    private final Map<String, List<DiscussionPoint>> translations;

    /**
     * @param points published points sorted by send date, then slug
     * @param translations each point's published translations (by the original's url), in the site's language order
     */
    ProgrammeManifest(String baseUrl, Programme programme, List<DiscussionPoint> points,
                      Map<String, List<DiscussionPoint>> translations) {
        this.baseUrl = baseUrl;
        this.programme = programme;
        this.points = points;
        this.translations = translations;
    }

    void write(Path file) {
        try {
            Files.writeString(file, json() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BakeException(file + ": cannot write the manifest: " + e.getMessage(), e);
        }
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("baseUrl", baseUrl);
        root.put("rounds", programme.rounds().stream().map(ProgrammeManifest::round).toList());
        root.put("discussionPoints", points.stream().map(this::pointWithTranslations).toList());
        root.put("countries", programme.countries().stream().map(c -> {
            Map<String, Object> country = new LinkedHashMap<>();
            country.put("code", c.code());
            country.put("name", c.name());
            country.put("region", c.region());
            // Already public on the country's page; the functions send the country's draft rows there.
            country.put("coordinators", c.coordinators().stream().map(k -> {
                Map<String, Object> contact = new LinkedHashMap<>();
                contact.put("name", k.name());
                contact.put("contact", k.contact());
                if (k.language() != null) {
                    contact.put("language", k.language());
                }
                return contact;
            }).toList());
            return country;
        }).toList());
        var c = programme.choices();
        Map<String, Object> choices = new LinkedHashMap<>();
        choices.put("sectors", choices(c.sectors()));
        choices.put("careerStages", choices(c.careerStages()));
        choices.put("interests", choices(c.interests()));
        choices.put("languages", c.languages().stream().map(l -> {
            Map<String, Object> language = new LinkedHashMap<>();
            language.put("code", l.code());
            language.put("name", l.name());
            return language;
        }).toList());
        choices.put("timeZones", c.timeZones());
        choices.put("heardFrom", choices(c.heardFrom()));
        root.put("choices", choices);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest holds only strings, numbers, lists and maps", e);
        }
    }

    private static List<Map<String, Object>> choices(List<Programme.Choice> list) {
        return list.stream().map(x -> {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("id", x.id());
            choice.put("label", x.label());
            return choice;
        }).toList();
    }

    private static Map<String, Object> round(Round r) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("id", r.id());
        round.put("title", r.title());
        round.put("opens", String.valueOf(r.opens()));
        round.put("closes", String.valueOf(r.closes()));
        round.put("matchDate", String.valueOf(r.matchDate()));
        round.put("starts", String.valueOf(r.starts()));
        round.put("ends", String.valueOf(r.ends()));
        round.put("countryCapPercent", r.countryCapPercent());
        round.put("coordinators", r.coordinators().stream().map(p -> {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("name", p.name());
            contact.put("email", p.email());
            if (p.language() != null) {
                contact.put("language", p.language());
            }
            return contact;
        }).toList());
        return round;
    }

    private Map<String, Object> pointWithTranslations(DiscussionPoint p) {
        Map<String, Object> point = point(p);
        point.put("translations", translations.getOrDefault(p.url(), List.of()).stream().map(t -> {
            Map<String, Object> translation = new LinkedHashMap<>();
            translation.put("language", t.lang());
            translation.put("title", t.title());
            translation.put("summary", t.summary());
            translation.put("url", t.url());
            translation.put("html", t.html());
            return translation;
        }).toList());
        return point;
    }

    private static Map<String, Object> point(DiscussionPoint p) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("round", p.round());
        point.put("slug", p.slug());
        point.put("title", p.title());
        point.put("sendDate", p.isoDate());
        point.put("tags", p.tags());
        point.put("summary", p.summary());
        point.put("url", p.url());
        point.put("html", p.html());
        return point;
    }
}
