package org.iln.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pairs of a part that no best matching needs, where more people share a country and their
 * languages than there are people abroad who speak one of them: an island. Everyone on an island
 * can only be paired with those abroad (its shore), so at most {@code s} islanders are matched,
 * {@code s} being the shore's size. Someone on the shore needs only their {@code s} best-scoring
 * islanders: were they paired with another, one of those {@code s} would be unmatched (the other
 * {@code s - 1} shore people can take at most {@code s - 1} of them), and taking that one instead
 * keeps as many matched and the score at least as high. The swap never breaks another island's
 * rule, because two islands are never each other's shore (each would be larger than the other),
 * so some best matching over all eligible pairs uses only the pairs kept, and a bound proven over
 * them holds over all.
 *
 * <p>Why: where thousands speak only their own language and a hundred abroad speak it too, those
 * thousands brought hundreds of thousands of pairs into pricing, and most of them must stay
 * unmatched whatever the solver does (docs/matching.md).
 */
final class Islands {

    /**
     * Most pairs kept, over all islands: each island keeps up to its shore's size squared, and a
     * shore of thousands would hold more pairs than the candidate graph. 8 MB.
     */
    private static final long KEPT_LIMIT = 1_000_000;

    /** Islanders, by cohort index: a bit set, as every eligibility check of the part asks. */
    private final BitSet islanders;
    /** The pairs kept between islanders and their shore ({@link Cohort#key}), sorted. */
    private final long[] kept;

    private Islands(BitSet islanders, long[] kept) {
        this.islanders = islanders;
        this.kept = kept;
    }

    /** No island: every eligible pair stays. */
    static final Islands NONE = new Islands(new BitSet(), new long[0]);

    /** The islands among {@code members} (cohort indexes, sorted). */
    static Islands of(Cohort cohort, int[] members) {
        List<int[]> groups = PartnerGroups.byCountryAndLanguages(cohort, members);
        List<int[]> islands = new ArrayList<>();
        List<int[]> shores = new ArrayList<>();
        long room = KEPT_LIMIT;
        for (int[] group : groups) {
            int first = group[0];
            // whom anyone in the group could be paired with, as far as country and languages tell
            int[] shore = groups.stream().filter(other -> cohort.country[other[0]] != cohort.country[first]
                    && cohort.sharesLanguage(first, other[0])).flatMapToInt(Arrays::stream).toArray();
            long most = (long) shore.length * shore.length;
            if (group.length > shore.length && most <= room) {
                islands.add(group);
                shores.add(shore);
                room -= most;
            }
        }
        if (islands.isEmpty()) {
            return NONE;
        }
        long[][] keptOf = new long[islands.size()][];
        IntStream.range(0, islands.size()).parallel().forEach(i -> {
            int[] island = islands.get(i);
            int[] shore = shores.get(i);
            keptOf[i] = Arrays.stream(shore).boxed().flatMapToLong(u -> Arrays.stream(
                    CandidateGraph.bestFor(cohort, island, u, shore.length)).mapToLong(v -> Cohort.key(u, v))).toArray();
        });
        BitSet islanders = new BitSet();
        islands.forEach(island -> Arrays.stream(island).forEach(islanders::set));
        long[] kept = Arrays.stream(keptOf).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Islands(islanders, kept);
    }

    /**
     * Whether a and b may be partners ({@link Cohort#eligible}) and a best matching may need their
     * pair: always, unless one of them is an islander and the pair is not among their shore
     * partner's best. The part's one test of a pair, wherever its pairs are looked at.
     */
    boolean eligible(Cohort cohort, int a, int b) {
        return cohort.eligible(a, b)
                && (!islanders.get(a) && !islanders.get(b) || Arrays.binarySearch(kept, Cohort.key(a, b)) >= 0);
    }

    /** For the log: how many people are on islands, and the pairs they keep. */
    @Override
    public String toString() {
        return islanders.isEmpty() ? "no islands" : islanders.cardinality() + " on islands, " + kept.length + " of their pairs kept";
    }
}
