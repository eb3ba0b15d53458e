package org.iln.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participation figures the nightly job computed (its public document: per round and
 * country, counts of at least 5 or {@value #FEWER}), read for the bake.
 *
 * <p>The bake trusts nothing it cannot check: a count under 5 written as a number, or anything
 * but a count, stops it with the field named, so an exact small number never reaches a page.
 *
 * @param computedOn the day the figures were counted
 * @param measures what is counted, in the order pages show it (applied, confirmed...)
 * @param rounds per round id, its figures
 */
record Figures(LocalDate computedOn, List<String> measures, Map<String, RoundFigures> rounds) {

    /** What the document writes for a suppressed count. */
    static final String FEWER = "<5";
    /** The smallest count published as a number. */
    static final int THRESHOLD = 5;
    /** No figures yet: the job has not run, or the bake was given none. */
    static final Figures NONE = new Figures(null, List.of(), Map.of());

    Figures {
        measures = List.copyOf(measures);
        rounds = Map.copyOf(rounds);
    }

    boolean isEmpty() {
        return rounds.isEmpty();
    }

    /**
     * One round.
     *
     * @param shownTotals per measure, the sum of the countries' counts shown as numbers
     * @param countriesUnder per measure, how many countries' counts are suppressed
     * @param countries per country code, per measure, a count (at least 5) or empty (fewer than 5)
     * @param care the round's check-in and survey figures, when the document has them
     * @param ended whether the round had ended when the nightly job counted it (it then has a summary page)
     */
    record RoundFigures(Map<String, Integer> shownTotals, Map<String, Integer> countriesUnder,
                        Map<String, Map<String, Optional<Integer>>> countries, Optional<Care> care, boolean ended) {
        RoundFigures {
            shownTotals = Map.copyOf(shownTotals);
            countriesUnder = Map.copyOf(countriesUnder);
            countries = Map.copyOf(countries);
        }
    }

    /**
     * A round's check-in and survey figures (the document's {@code care}): each count at least 5
     * or empty (fewer than 5), in the document's order; never an answer's words.
     *
     * @param checkIns per check-in answer (met, arranging, no-reply)
     * @param answers how many answered the survey
     * @param met per "how often did you meet" choice
     * @param usefulness per score 1 to 5
     * @param median the median usefulness, when at least 5 answered
     * @param recommend per choice (yes, not-sure, no)
     * @param recommendShare the percentage who would recommend the programme, when shown
     * @param mayQuote how many allowed an anonymous quote
     */
    record Care(Map<String, Optional<Integer>> checkIns, Optional<Integer> answers, Map<String, Optional<Integer>> met,
                Map<String, Optional<Integer>> usefulness, Optional<Double> median,
                Map<String, Optional<Integer>> recommend, Optional<Integer> recommendShare, Optional<Integer> mayQuote) {
    }

    /** The figures in {@code file}, or {@link #NONE} when there is no such file. */
    static Figures read(Path file) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        String name = "figures (" + file.getFileName() + ")";
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BakeException(name + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BakeException(name + ": must be the figures job's JSON object");
        }
        if (root.path("threshold").asInt() != THRESHOLD) {
            throw new BakeException(name + ": threshold: must be " + THRESHOLD);
        }
        LocalDate computedOn;
        try {
            computedOn = LocalDate.ofInstant(Instant.parse(root.path("computedAt").asText()), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BakeException(name + ": computedAt: must be an instant such as 2027-03-01T04:00:00Z", e);
        }
        List<String> measures = new ArrayList<>();
        root.path("measures").forEach(m -> measures.add(m.asText()));
        for (String measure : measures) {
            if (!measure.matches("[a-z]{1,30}")) {
                throw new BakeException(name + ": measures: '" + measure + "' must be a lower-case word");
            }
        }
        Map<String, RoundFigures> rounds = new LinkedHashMap<>();
        for (JsonNode round : root.path("rounds")) {
            String id = round.path("round").asText();
            String where = name + ": round " + id;
            Map<String, Map<String, Optional<Integer>>> countries = new LinkedHashMap<>();
            for (JsonNode country : round.path("countries")) {
                String code = country.path("country").asText();
                if (!code.matches("[A-Z]{2}")) {
                    throw new BakeException(where + ": country: '" + code + "' must be an ISO 3166-1 code");
                }
                Map<String, Optional<Integer>> cells = new LinkedHashMap<>();
                for (String measure : measures) {
                    cells.put(measure, count(country.path("counts").path(measure), where + ", " + code + ", " + measure));
                }
                countries.put(code, cells);
            }
            Map<String, Integer> totals = new LinkedHashMap<>();
            Map<String, Integer> under = new LinkedHashMap<>();
            for (String measure : measures) {
                JsonNode total = round.path("shownTotals").path(measure);
                if (!total.isInt() || (total.asInt() != 0 && total.asInt() < THRESHOLD)) {
                    throw new BakeException(where + ": shownTotals." + measure + ": must be 0 or at least " + THRESHOLD);
                }
                totals.put(measure, total.asInt());
                under.put(measure, round.path("countriesUnderThreshold").path(measure).asInt());
            }
            JsonNode care = round.path("care");
            rounds.put(id, new RoundFigures(totals, under, countries,
                    care.isObject() ? Optional.of(care(care, where + ": care")) : Optional.empty(),
                    round.path("ended").asBoolean(false)));
        }
        return new Figures(computedOn, measures, rounds);
    }

    /** What a round's care figures may hold: counts, the median and the share, never anything people wrote. */
    private static final java.util.Set<String> CARE_FIELDS = java.util.Set.of("checkIns", "surveyAnswers", "met",
            "usefulness", "usefulnessMedian", "recommend", "recommendShare", "mayQuote");

    private static Care care(JsonNode care, String where) {
        care.fieldNames().forEachRemaining(field -> {
            if (!CARE_FIELDS.contains(field)) {
                throw new BakeException(where + "." + field + ": not a figure the site publishes; only "
                        + new java.util.TreeSet<>(CARE_FIELDS) + " may be in it");
            }
        });
        JsonNode median = care.path("usefulnessMedian");
        if (!median.isNull() && !median.isMissingNode()
                && (!median.isNumber() || median.asDouble() < 1 || median.asDouble() > 5)) {
            throw new BakeException(where + ".usefulnessMedian: must be a score from 1 to 5, or null");
        }
        JsonNode share = care.path("recommendShare");
        if (!share.isNull() && !share.isMissingNode() && (!share.isInt() || share.asInt() < 0 || share.asInt() > 100)) {
            throw new BakeException(where + ".recommendShare: must be a whole percentage, or null");
        }
        return new Care(cells(care.path("checkIns"), where + ".checkIns"),
                count(care.path("surveyAnswers"), where + ".surveyAnswers"),
                cells(care.path("met"), where + ".met"),
                cells(care.path("usefulness"), where + ".usefulness"),
                median.isNumber() ? Optional.of(median.asDouble()) : Optional.empty(),
                cells(care.path("recommend"), where + ".recommend"),
                share.isInt() ? Optional.of(share.asInt()) : Optional.empty(),
                count(care.path("mayQuote"), where + ".mayQuote"));
    }

    private static Map<String, Optional<Integer>> cells(JsonNode cells, String where) {
        Map<String, Optional<Integer>> counts = new LinkedHashMap<>();
        cells.fields().forEachRemaining(cell -> {
            if (!cell.getKey().matches("[a-z0-9-]{1,30}")) {
                throw new BakeException(where + ": '" + cell.getKey() + "' must be a lower-case word");
            }
            counts.put(cell.getKey(), count(cell.getValue(), where + "." + cell.getKey()));
        });
        return counts;
    }

    private static Optional<Integer> count(JsonNode cell, String where) {
        if (cell.isTextual() && FEWER.equals(cell.asText())) {
            return Optional.empty();
        }
        if (cell.isInt() && cell.asInt() >= THRESHOLD) {
            return Optional.of(cell.asInt());
        }
        throw new BakeException(where + ": must be a count of at least " + THRESHOLD + " or \""
                + FEWER + "\"; a smaller number must never be published");
    }
}
