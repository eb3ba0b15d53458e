package org.iln.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The figures document the public site is baked from: per round and country, each
 * {@link Measure}, with every count under {@value #THRESHOLD} replaced by {@value #FEWER}. It
 * holds no exact small number, no name and no address, so it may be stored and published as it
 * is (docs/storage.md, "Figures").
 *
 * <p>Against differencing: a round's total of a measure is the sum of the countries' shown
 * counts only ({@code shownTotals}), with the number of countries whose count was suppressed
 * ({@code countriesUnderThreshold}). No published number is computed from a suppressed cell, so
 * none can be recovered by subtracting shown ones. No all-rounds figure per country is published
 * either, since it minus the shown rounds would give a suppressed round.
 *
 * @param version the document format (2: rounds carry their {@link CareFigures})
 * @param computedAt when the nightly job counted
 * @param threshold the smallest count shown as a number
 * @param measures the {@link Measure} keys, in the order the site shows them
 * @param rounds every round that has opened, in the programme's order
 */
public record PublicFigures(int version, Instant computedAt, int threshold, List<String> measures,
                            List<RoundFigures> rounds) {

    /** Counts under this are never published as numbers. */
    public static final int THRESHOLD = 5;
    /** What a suppressed count is published as. */
    public static final String FEWER = "<5";

    public PublicFigures {
        Objects.requireNonNull(computedAt, "computedAt");
        measures = List.copyOf(measures);
        rounds = List.copyOf(rounds);
    }

    /**
     * One round's figures.
     *
     * @param round the round id
     * @param shownTotals per measure, the sum of the countries' counts that are shown as numbers
     * @param countriesUnderThreshold per measure, how many countries' counts are suppressed
     * @param countries per country with anyone in the round, its counts, by country code
     * @param care the round's check-in and survey figures (not per country: too few people)
     * @param ended whether the round's end date had passed when counted (the site then bakes its summary page)
     */
    public record RoundFigures(String round, Map<String, Integer> shownTotals,
                               Map<String, Integer> countriesUnderThreshold, List<CountryFigures> countries,
                               CareFigures care, boolean ended) {
        public RoundFigures {
            Objects.requireNonNull(round, "round");
            Objects.requireNonNull(care, "care");
            shownTotals = Map.copyOf(shownTotals);
            countriesUnderThreshold = Map.copyOf(countriesUnderThreshold);
            countries = List.copyOf(countries);
        }
    }

    /**
     * One country's counts in one round.
     *
     * @param country the ISO 3166-1 alpha-2 code
     * @param counts per measure, a number of at least {@value #THRESHOLD}, or {@value #FEWER}
     */
    public record CountryFigures(String country, Map<String, Object> counts) {
        public CountryFigures {
            Objects.requireNonNull(country, "country");
            for (Object count : counts.values()) {
                boolean shown = count instanceof Integer n && n >= THRESHOLD;
                if (!shown && !FEWER.equals(count)) {
                    throw new IllegalArgumentException("a published count must be " + THRESHOLD + " or more, or "
                            + FEWER + " (country " + country + ")");
                }
            }
            counts = Map.copyOf(counts);
        }
    }

    /**
     * The published figures of {@code counts} and each round's {@code care} figures: small counts
     * suppressed, totals from shown counts only.
     */
    static PublicFigures of(List<RoundCount> counts, Map<String, CareFigures> care, Set<String> ended,
                            Instant computedAt) {
        List<RoundFigures> rounds = new ArrayList<>();
        for (RoundCount count : counts) {
            Map<String, Integer> totals = new LinkedHashMap<>();
            Map<String, Integer> under = new LinkedHashMap<>();
            for (Measure measure : Measure.values()) {
                totals.put(measure.key(), 0);
                under.put(measure.key(), 0);
            }
            List<CountryFigures> countries = new ArrayList<>();
            for (String country : count.byCountry().keySet()) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (Measure measure : Measure.values()) {
                    int n = count.of(country, measure);
                    if (n >= THRESHOLD) {
                        cells.put(measure.key(), n);
                        totals.merge(measure.key(), n, Integer::sum);
                    } else {
                        cells.put(measure.key(), FEWER);
                        under.merge(measure.key(), 1, Integer::sum);
                    }
                }
                countries.add(new CountryFigures(country, cells));
            }
            rounds.add(new RoundFigures(count.round(), totals, under, countries,
                    care.getOrDefault(count.round(), CareFigures.none()), ended.contains(count.round())));
        }
        return new PublicFigures(2, computedAt, THRESHOLD,
                java.util.Arrays.stream(Measure.values()).map(Measure::key).toList(), rounds);
    }
}
