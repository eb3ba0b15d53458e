package org.iln.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.iln.matching.InvalidPoolException;
import org.iln.matching.MatchResult;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.store.Application;

/**
 * The figures at the head of a coordinators' matching report, as data the mail words in the
 * reader's language ({@code mail.report.summary.*}): how many were in the pool, matched (in pairs
 * and groups of three) and not, and the same by country; or what stopped matching or publishing.
 */
final class RoundSummary {

    /** The model key the report templates read. */
    static final String MODEL_KEY = "summary";

    private RoundSummary() {
    }

    /** The figures of {@code result} over {@code people}. */
    static Map<String, Object> of(MatchResult result, Map<String, Application> people) {
        MatchResult.Stats stats = result.stats();
        Set<String> unmatched = new HashSet<>();
        result.unmatched().forEach(u -> unmatched.add(u.id()));
        List<String> ids = new ArrayList<>();
        result.partnerships().forEach(p -> ids.addAll(p.members()));
        ids.addAll(unmatched);
        Map<String, int[]> byCountry = new TreeMap<>();
        for (String id : ids) {
            Application a = people.get(id);
            int[] counts = byCountry.computeIfAbsent(a == null ? "" : a.profile().country(), c -> new int[2]);
            counts[unmatched.contains(id) ? 1 : 0]++;
        }
        List<Map<String, Object>> countries = new ArrayList<>();
        byCountry.forEach((country, counts) -> countries.add(Map.of("country", country, "matched", counts[0],
                "unmatched", counts[1])));
        Map<String, Object> summary = new HashMap<>();
        summary.put("participants", stats.participants());
        summary.put("matched", stats.matched());
        summary.put("pairs", stats.pairs());
        summary.put("groupsOfThree", stats.groupsOfThree());
        summary.put("unmatched", stats.unmatched());
        summary.put("byCountry", countries);
        return summary;
    }

    /** The same, saying it went out without a coordinator's approval (an auto-publication). */
    static Map<String, Object> unapproved(Map<String, Object> summary) {
        Map<String, Object> warned = new HashMap<>(summary);
        warned.put("unapproved", true);
        return warned;
    }

    /**
     * Why matching ({@code publishing} false) or publishing could not run: the matcher's refusal,
     * which names participant ids and the rule only (a pin across one country, say).
     */
    static Map<String, Object> problem(boolean publishing, InvalidPoolException why) {
        return Map.of("problem", why.reason().map(Reason::code).orElse(why.getMessage()), "publishing", publishing);
    }

    /**
     * The summary with its problem, if any, worded for a coordinator reading {@code words}' language
     * (a refusal with no {@link Reason}, a bad field in the round's data, stays in English).
     */
    static Map<String, Object> worded(Map<String, Object> summary, CompiledCatalogue words) {
        if (!(summary.get("problem") instanceof String problem)) {
            return summary;
        }
        Map<String, Object> worded = new HashMap<>(summary);
        worded.put("problem", Reason.word(problem, Reason.coordinators(words), words));
        return worded;
    }
}
