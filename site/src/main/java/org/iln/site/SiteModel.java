package org.iln.site;

import com.ibm.icu.text.AlphabeticIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.iln.site.Programme.Country;
import org.iln.site.Programme.Round;

/**
 * The {@code site} value every template sees, computed once per bake from the data files and the
 * discussion points that are out by the bake date.
 *
 * <p>Values are plain maps and lists of strings, so templates depend on names, not on Java types,
 * and everything in them is escaped on output like any other text.
 */
final class SiteModel {

    private final Map<String, Object> site = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> roundViews = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> tagViews = new TreeMap<>();
    private final List<Map<String, Object>> pointViews = new ArrayList<>();
    private final List<Map<String, Object>> countryViews = new ArrayList<>();
    private final List<Map<String, Object>> summaryViews = new ArrayList<>();
    private final Edition edition;

    /**
     * @param settings site.* settings from jbake.properties (title, description, host, lang)
     * @param visible discussion points out by {@code today}, newest first, as this edition shows them
     * @param edition the language the model is for: its urls, names, dates and sort order
     */
    SiteModel(Map<String, String> settings, Programme programme, List<DiscussionPoint> visible, LocalDate today,
              boolean searchAvailable, Edition edition, Figures figures) {
        this.edition = edition;
        site.putAll(settings);
        site.put("lang", edition.language().tag());
        site.put("description", edition.message("site.description"));
        site.put("today", today.toString());
        site.put("year", String.valueOf(today.getYear()));
        site.put("searchAvailable", searchAvailable);

        for (Round round : programme.rounds()) {
            roundViews.put(round.id(), round(round));
        }
        for (DiscussionPoint point : visible) {
            Map<String, Object> view = point(point, roundViews.get(point.round()));
            pointViews.add(view);
            listOf(roundViews.get(point.round()), "points").add(view);
            for (String tag : point.tags()) {
                Map<String, Object> tagView = tagViews.computeIfAbsent(tag, this::tag);
                listOf(tagView, "points").add(view);
            }
        }
        tagViews.values().forEach(t -> t.put("count", ((List<?>) t.get("points")).size()));
        List<Map<String, Object>> rounds = new ArrayList<>(roundViews.values());
        java.util.Collections.reverse(rounds); // newest round first in the archive
        site.put("rounds", rounds);
        site.put("points", pointViews);
        site.put("tags", new ArrayList<>(tagViews.values()));
        site.put("status", status(programme, today));

        Map<String, List<Map<String, Object>>> byRegion = new TreeMap<>(edition.byName(edition::regionName));
        for (Country country : programme.countries()) {
            Map<String, Object> view = country(country, programme, figures);
            countryViews.add(view);
            byRegion.computeIfAbsent(country.region(), r -> new ArrayList<>()).add(view);
        }
        Comparator<Map<String, Object>> byName = edition.byName(c -> (String) c.get("name"));
        countryViews.sort(byName);
        List<Map<String, Object>> regions = new ArrayList<>();
        byRegion.forEach((name, countries) -> {
            countries.sort(byName);
            regions.add(Map.of("name", edition.regionName(name), "id", slug(name), "countries", countries));
        });
        site.put("regions", regions);
        site.put("countries", countryViews);
        site.put("regionNames", programme.regions());
        site.put("regionChoices", programme.regions().stream()
                .map(r -> Map.of("value", r, "name", edition.regionName(r))).toList());
        site.put("choiceLists", choices(programme));
        site.put("figures", figures(programme, figures));
    }

    /** The finished rounds' figures, newest first: each has a public summary page. */
    List<Map<String, Object>> summaries() {
        return summaryViews;
    }

    Map<String, Object> site() {
        return site;
    }

    List<Map<String, Object>> rounds() {
        return new ArrayList<>(roundViews.values());
    }

    List<Map<String, Object>> tags() {
        return new ArrayList<>(tagViews.values());
    }

    List<Map<String, Object>> points() {
        return pointViews;
    }

    List<Map<String, Object>> countries() {
        return countryViews;
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private String display(LocalDate date) {
        return edition.date(date);
    }

    private Map<String, Object> round(Round round) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", round.id());
        view.put("title", round.title());
        view.put("url", edition.root() + "points/" + round.id() + "/index.html");
        view.put("opens", display(round.opens()));
        view.put("closes", display(round.closes()));
        view.put("matchDate", display(round.matchDate()));
        view.put("starts", display(round.starts()));
        view.put("ends", display(round.ends()));
        view.put("isoOpens", String.valueOf(round.opens()));
        view.put("isoCloses", String.valueOf(round.closes()));
        view.put("isoMatchDate", String.valueOf(round.matchDate()));
        view.put("isoStarts", String.valueOf(round.starts()));
        view.put("isoEnds", String.valueOf(round.ends()));
        view.put("countryCapPercent", round.countryCapPercent());
        view.put("points", new ArrayList<Map<String, Object>>());
        return view;
    }

    private Map<String, Object> tag(String tag) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", tag);
        view.put("url", edition.root() + "points/tags/" + tag + ".html");
        view.put("points", new ArrayList<Map<String, Object>>());
        return view;
    }

    private Map<String, Object> point(DiscussionPoint point, Map<String, Object> round) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", point.title());
        view.put("summary", point.summary());
        view.put("url", point.url());
        view.put("date", display(point.sendDate()));
        view.put("lang", point.lang());
        view.put("dir", edition.languages().stream().filter(l -> l.tag().equals(point.lang())).findFirst()
                .map(org.iln.messages.Language::direction).orElse("ltr"));
        view.put("isoDate", point.isoDate());
        view.put("round", round);
        view.put("tags", point.tags().stream().map(t -> Map.of("name", t, "url", edition.root() + "points/tags/" + t + ".html")).toList());
        return view;
    }

    private Map<String, Object> country(Country country, Programme programme, Figures figures) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", country.code());
        view.put("name", edition.countryName(country.code(), country.name()));
        view.put("region", edition.regionName(country.region()));
        view.put("regionId", slug(country.region()));
        view.put("url", edition.root() + "countries/" + country.slug() + ".html");
        // One row per round the country took part in, newest first; never a sum over rounds,
        // which minus the shown rounds would give away a suppressed one.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Round round : newestFirst(programme, figures)) {
            Map<String, Optional<Integer>> cells = figures.rounds().get(round.id()).countries().get(country.code());
            if (cells != null) {
                rows.add(Map.of("round", roundViews.get(round.id()),
                        "cells", figures.measures().stream().map(m -> cell(cells.get(m))).toList()));
            }
        }
        view.put("figures", rows);
        view.put("coordinators", country.coordinators().stream().map(c -> Map.of(
                "name", c.name(),
                "contact", c.contact(),
                "href", c.email() ? "mailto:" + c.contact() : c.contact())).toList());
        return view;
    }

    /** The statistics page's model: per round, each country's counts and the totals of the shown ones. */
    private Map<String, Object> figures(Programme programme, Figures figures) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("available", !figures.isEmpty());
        view.put("computedOn", figures.isEmpty() ? "" : display(figures.computedOn()));
        view.put("threshold", edition.number(Figures.THRESHOLD));
        view.put("measures", figures.measures().stream()
                .map(m -> Map.of("key", m, "label", edition.message("figures.measure." + m))).toList());
        Map<String, Map<String, Object>> countryByCode = new LinkedHashMap<>();
        countryViews.forEach(c -> countryByCode.put((String) c.get("code"), c));
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (Round round : newestFirst(programme, figures)) {
            Figures.RoundFigures counts = figures.rounds().get(round.id());
            List<Map<String, Object>> countries = new ArrayList<>();
            counts.countries().forEach((code, cells) -> {
                Map<String, Object> country = countryByCode.get(code);
                countries.add(Map.of(
                        "name", country == null ? code : country.get("name"),
                        "url", country == null ? "" : country.get("url"),
                        "cells", figures.measures().stream().map(m -> cell(cells.get(m))).toList()));
            });
            countries.sort(edition.byName(c -> (String) c.get("name")));
            Map<String, Object> roundView = new LinkedHashMap<>(Map.of(
                    "round", roundViews.get(round.id()),
                    "countries", countries,
                    "totals", figures.measures().stream().map(m -> edition.number(counts.shownTotals().get(m))).toList(),
                    "under", figures.measures().stream().map(m -> edition.number(counts.countriesUnder().get(m))).toList()));
            roundView.put("care", counts.care().map(c -> CareView.of(c, edition)).orElse(Map.of()));
            // A round the nightly job counted after its end has its public summary page
            // (statistics/<round>.html): the job's day, not the bake's, so ./iln dev's moved clock shows it too.
            boolean finished = counts.ended();
            roundView.put("summaryUrl", finished ? edition.root() + summaryPath(round.id()) : "");
            rounds.add(roundView);
            if (finished) {
                summaryViews.add(roundView);
            }
        }
        view.put("rounds", rounds);
        return view;
    }

    /** Where a finished round's public summary is, within an edition. */
    static String summaryPath(String round) {
        return "statistics/" + round + ".html";
    }

    /** The rounds the figures cover, newest first, in the programme's (the data files') order. */
    private static List<Round> newestFirst(Programme programme, Figures figures) {
        List<Round> rounds = new ArrayList<>(programme.rounds().stream()
                .filter(r -> figures.rounds().containsKey(r.id())).toList());
        java.util.Collections.reverse(rounds);
        return rounds;
    }

    /** A count as the page shows it: the number in this language, or "fewer than 5". */
    private Map<String, Object> cell(Optional<Integer> count) {
        return count.<Map<String, Object>>map(n -> Map.of("text", edition.number(n), "fewer", false))
                .orElseGet(() -> Map.of("text", edition.message("figures.fewer", edition.number(Figures.THRESHOLD)),
                        "fewer", true));
    }

    /** Where the programme stands on the bake date, for the home and signup pages. */
    private Map<String, Object> status(Programme programme, LocalDate today) {
        Map<String, Object> status = new LinkedHashMap<>();
        String phase = "none";
        Round current = null;
        for (Round round : programme.rounds()) {
            if (within(today, round.opens(), round.closes())) {
                phase = "open";
                current = round;
            } else if (round.closes() != null && today.isAfter(round.closes())
                    && round.matchDate() != null && today.isBefore(round.matchDate())) {
                phase = "matching";
                current = round;
            } else if (current == null && within(today, round.starts(), round.ends())) {
                phase = "running";
                current = round;
            }
        }
        Round next = programme.rounds().stream()
                .filter(r -> r.opens() != null && r.opens().isAfter(today))
                .findFirst().orElse(null);
        if (current == null && next != null) {
            phase = "next";
        }
        status.put("phase", phase);
        status.put("applicationsOpen", "open".equals(phase));
        status.put("round", current == null ? Map.of() : roundViews.get(current.id()));
        status.put("next", next == null ? Map.of() : roundViews.get(next.id()));
        status.put("hasNext", next != null);
        return status;
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return from != null && to != null && !day.isBefore(from) && !day.isAfter(to);
    }

    private Map<String, Object> choices(Programme programme) {
        Map<String, Object> lists = new LinkedHashMap<>();
        var c = programme.choices();
        lists.put("sectors", c.sectors().stream().map(SiteModel::choice).toList());
        lists.put("careerStages", c.careerStages().stream().map(SiteModel::choice).toList());
        lists.put("interests", c.interests().stream().map(SiteModel::choice).toList());
        lists.put("heardFrom", c.heardFrom().stream().map(SiteModel::choice).toList());
        lists.put("languages", c.languages().stream()
                .map(x -> Map.of("code", x.code(), "name", edition.languageName(x.code(), x.name())))
                .sorted(edition.byName(m -> m.get("name"))).toList());
        lists.put("timeZones", c.timeZones());
        lists.put("timeZoneGroups", timeZoneGroups(c.timeZones()));
        lists.put("languageGroups", languageGroups(c.languages()));
        lists.put("countries", programme.countries().stream()
                .map(x -> Map.of("code", x.code(), "name", edition.countryName(x.code(), x.name())))
                .sorted(edition.byName(m -> m.get("name"))).toList());
        return lists;
    }

    /**
     * Time zones grouped by their IANA area (Africa, America, Europe...), each labelled by its
     * place alone: "America/Argentina/Buenos_Aires" is "Buenos Aires (Argentina)" under America.
     */
    private static List<Map<String, Object>> timeZoneGroups(List<String> zones) {
        Map<String, List<Map<String, String>>> byArea = new TreeMap<>();
        for (String zone : zones) {
            int slash = zone.indexOf('/');
            String area = slash < 0 ? "Other" : zone.substring(0, slash);
            String[] place = zone.substring(slash + 1).replace('_', ' ').split("/");
            String label = place.length == 1 ? place[0]
                    : place[place.length - 1] + " (" + String.join(", ", List.of(place).subList(0, place.length - 1)) + ")";
            byArea.computeIfAbsent(area, a -> new ArrayList<>()).add(Map.of("id", zone, "label", label));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        byArea.forEach((area, list) -> {
            list.sort(Comparator.comparing(z -> z.get("label")));
            groups.add(Map.of("label", area, "zones", list));
        });
        return groups;
    }

    /**
     * Languages grouped under the index letters of this edition's language (CLDR's alphabetic
     * index through ICU: A to Z in English, with "Ñ" in Spanish, the Arabic letters in Arabic),
     * each group in the language's collation order.
     */
    private List<Map<String, Object>> languageGroups(List<Programme.Language> languages) {
        AlphabeticIndex<Map<String, String>> index = new AlphabeticIndex<>(edition.language().locale());
        for (Programme.Language language : languages) {
            String name = edition.languageName(language.code(), language.name());
            index.addRecord(name, Map.of("code", language.code(), "name", name));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (AlphabeticIndex.Bucket<Map<String, String>> bucket : index) {
            if (bucket.size() > 0) {
                List<Map<String, String>> list = new ArrayList<>();
                bucket.forEach(record -> list.add(record.getData()));
                groups.add(Map.of("label", bucket.getLabel(), "languages", list));
            }
        }
        return groups;
    }

    private static Map<String, Object> choice(Programme.Choice choice) {
        return Map.of("id", choice.id(), "label", choice.label(), "hint", choice.hint());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Map<String, Object> view, String key) {
        return (List<Map<String, Object>>) view.get(key);
    }
}
