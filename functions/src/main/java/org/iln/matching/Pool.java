package org.iln.matching;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the matcher needs for one round: the confirmed participants, the coordinators' pins
 * (pairs that must be matched) and forbids (pairs that must not), and the country-to-region map
 * used for region preferences.
 *
 * @param round the round id, copied into the result
 * @param matchDate the day the time-zone offsets are taken at (so daylight saving is
 *     deterministic); when absent, the latest {@code appliedAt} date in the pool
 * @param regions optional map from country code to region name (e.g. {@code AU -> Oceania});
 *     countries missing from it have no region, so region preferences about them are unmet
 * @param participants the people to match
 * @param pins pairs of ids to match together, before anything else
 * @param forbids pairs of ids never to match together
 */
public record Pool(
        String round,
        LocalDate matchDate,
        Map<String, String> regions,
        List<Participant> participants,
        List<List<String>> pins,
        List<List<String>> forbids) {

    private static final Set<String> SECTOR_WISHES = Set.of("same", "different", "any");
    private static final Set<String> STAGE_WISHES = Set.of("same", "earlier", "later", "any");

    public Pool {
        regions = regions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(regions));
        participants = participants == null ? List.of() : copy(participants);
        pins = pins == null ? List.of() : copy(pins);
        forbids = forbids == null ? List.of() : copy(forbids);
    }

    /** A pool of participants with no pins, forbids or regions, matched at the given date. */
    public Pool(String round, LocalDate matchDate, List<Participant> participants) {
        this(round, matchDate, null, participants, null, null);
    }

    /** The date offsets are taken at: {@link #matchDate()}, else the latest application date. */
    public LocalDate effectiveMatchDate() {
        if (matchDate != null) {
            return matchDate;
        }
        return participants.stream()
                .map(p -> p.appliedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .max(LocalDate::compareTo)
                .orElse(LocalDate.of(2000, 1, 1));
    }

    /**
     * Checks every field the matcher relies on.
     *
     * @throws InvalidPoolException naming the first bad record and field
     */
    public Pool validate() {
        if (round == null || round.isBlank()) {
            throw new InvalidPoolException("pool: field 'round' is missing");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            if (p == null) {
                throw new InvalidPoolException("participants[" + i + "]: is null");
            }
            String problem = problem(p, ids);
            if (problem != null) {
                throw new InvalidPoolException((p.id() == null ? "participants[" + i + "]"
                        : "participants[" + i + "] (id " + p.id() + ")") + ": " + problem);
            }
        }
        checkPairs(pins, "pins", ids);
        checkPairs(forbids, "forbids", ids);
        Set<String> pinned = new HashSet<>();
        for (int i = 0; i < pins.size(); i++) {
            for (String id : pins.get(i)) {
                if (!pinned.add(id)) {
                    throw new InvalidPoolException("pins[" + i + "]: participant " + id + " is pinned twice",
                            Reason.of("pin.twice", id));
                }
            }
        }
        return this;
    }

    private static void checkPairs(List<List<String>> pairs, String field, Set<String> ids) {
        for (int i = 0; i < pairs.size(); i++) {
            List<String> pair = pairs.get(i);
            String at = field + "[" + i + "]";
            if (pair == null || pair.size() != 2 || pair.get(0) == null || pair.get(1) == null) {
                throw new InvalidPoolException(at + ": must be a pair of two participant ids");
            }
            if (pair.get(0).equals(pair.get(1))) {
                throw new InvalidPoolException(at + ": pairs " + pair.get(0) + " with themselves");
            }
            for (String id : pair) {
                if (!ids.contains(id)) {
                    throw new InvalidPoolException(at + ": names " + id + ", who is not in the pool");
                }
            }
        }
    }

    /**
     * What is wrong with one participant ("field 'x' ..."), or null; adds the id to {@code ids}.
     * A method of its own, not the body of validate's loop: the JIT compiles a method after a few
     * hundred calls, while a loop body run 10,000 times stays interpreted.
     */
    private static String problem(Participant p, Set<String> ids) {
        if (p.id() == null || p.id().isBlank()) {
            return field("id", "is missing");
        }
        if (!ids.add(p.id())) {
            return field("id", "is used by another participant");
        }
        if (p.country() == null || p.country().isBlank()) {
            return field("country", "is missing");
        }
        if (p.timezone() == null) {
            return field("timezone", "is missing");
        }
        try {
            ZoneId.of(p.timezone());
        } catch (DateTimeException e) {
            return "field 'timezone' is not an IANA time-zone id";
        }
        if (p.languages().isEmpty()) {
            return field("languages", "needs at least one language");
        }
        String blank = blank(p.languages(), "languages");
        blank = blank != null ? blank : blank(p.interests(), "interests");
        blank = blank != null ? blank : blank(p.previousPartners(), "previousPartners");
        if (blank != null) {
            return blank;
        }
        if (p.sector() == null || p.sector().isBlank()) {
            return field("sector", "is missing");
        }
        if (p.careerStage() == null) {
            return field("careerStage", "is missing");
        }
        if (!Participant.CAREER_STAGES.contains(p.careerStage())) {
            return field("careerStage", "must be one of " + Participant.CAREER_STAGES);
        }
        if (p.maxPartners() != 1 && p.maxPartners() != 2) {
            return field("maxPartners", "must be 1 or 2");
        }
        if (p.appliedAt() == null) {
            return field("appliedAt", "is missing");
        }
        if (!SECTOR_WISHES.contains(p.prefers().sector())) {
            return field("prefers.sector", "must be one of same, different, any");
        }
        if (!STAGE_WISHES.contains(p.prefers().careerStage())) {
            return field("prefers.careerStage", "must be one of same, earlier, later, any");
        }
        blank = blank(p.prefers().regions(), "prefers.regions");
        return blank != null ? blank : blank(p.prefers().excludeCountries(), "prefers.excludeCountries");
    }

    private static String field(String name, String rule) {
        return "field '" + name + "' " + rule;
    }

    private static String blank(List<String> values, String name) {
        for (String v : values) {
            if (v == null || v.isBlank()) {
                return field(name, "has an empty entry");
            }
        }
        return null;
    }

    /** An unmodifiable copy that, unlike {@code List.copyOf}, keeps nulls so validation can name them. */
    static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
