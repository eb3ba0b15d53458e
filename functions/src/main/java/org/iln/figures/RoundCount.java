package org.iln.figures;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact counts of one round, per country code and {@link Measure}. They never leave this
 * package unsuppressed: {@link PublicFigures} is what is stored and published.
 *
 * @param round the round id
 * @param byCountry per country code, the count of each measure (absent: zero)
 */
record RoundCount(String round, Map<String, Map<Measure, Integer>> byCountry) {

    RoundCount {
        Objects.requireNonNull(round, "round");
        Map<String, Map<Measure, Integer>> copy = new TreeMap<>();
        byCountry.forEach((country, counts) -> copy.put(country, Map.copyOf(counts)));
        byCountry = Map.copyOf(copy);
    }

    /** The count of {@code measure} in {@code country} (zero when nobody). */
    int of(String country, Measure measure) {
        return byCountry.getOrDefault(country, Map.of()).getOrDefault(measure, 0);
    }

    /** Counts built up one person at a time. */
    static final class Builder {
        private final String round;
        private final Map<String, Map<Measure, Integer>> byCountry = new TreeMap<>();

        Builder(String round) {
            this.round = round;
        }

        void add(String country, Measure measure) {
            if (country == null || country.isEmpty()) {
                return;
            }
            byCountry.computeIfAbsent(country, c -> new EnumMap<>(Measure.class)).merge(measure, 1, Integer::sum);
        }

        RoundCount build() {
            return new RoundCount(round, byCountry);
        }
    }
}
