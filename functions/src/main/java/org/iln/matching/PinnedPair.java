package org.iln.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One pin judged as the {@link Matcher} judges pins, without solving anything: the hard rule the
 * two would break (different countries, a shared language, no excluded country, never the same
 * partner twice, not kept apart), or the partnership the matcher would write for them, scored
 * and explained. It needs no graph library, so the API can judge a coordinator's hand pairing
 * with the same rules as the nightly matching.
 */
public final class PinnedPair {

    private PinnedPair() {
    }

    /**
     * What the rules say of a pair.
     *
     * @param partnership the pinned partnership, if no rule forbids it
     * @param brokenRule the rule it breaks, as a {@link Reason} code ({@code reason.rule.*}, naming ids and
     *                   countries only), empty if none
     */
    public record Judgement(java.util.Optional<MatchResult.Partnership> partnership, String brokenRule) {
        public Judgement {
            Objects.requireNonNull(partnership, "partnership");
            Objects.requireNonNull(brokenRule, "brokenRule");
        }
    }

    /**
     * Judges the pool's one pin (of its two participants), with the default weights.
     *
     * @throws InvalidPoolException when a field is invalid, or the pool is not two people pinned together
     */
    public static Judgement judge(Pool pool) {
        pool.validate();
        if (pool.participants().size() != 2 || pool.pins().size() != 1) {
            throw new InvalidPoolException("pins: a pinned pair is judged on a pool of the two, pinned together");
        }
        Cohort cohort = new Cohort(pool, MatcherOptions.DEFAULTS.weights());
        int a = cohort.indexOf(pool.pins().get(0).get(0));
        int b = cohort.indexOf(pool.pins().get(0).get(1));
        String rule = Reasons.brokenRule(cohort, a, b);
        if (rule != null) {
            return new Judgement(java.util.Optional.empty(), rule);
        }
        int first = Math.min(a, b);
        int second = Math.max(a, b);
        List<String> reasons = new ArrayList<>(Reasons.of(cohort, first, second));
        return new Judgement(java.util.Optional.of(new MatchResult.Partnership(
                List.of(cohort.ids[first], cohort.ids[second]), cohort.score(first, second), reasons, true)), "");
    }
}
