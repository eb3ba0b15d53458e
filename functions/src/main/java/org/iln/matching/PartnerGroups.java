package org.iln.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * People grouped by country, languages and UTC offset: the two hard rules most pairs fail, and the
 * score term the bounds otherwise count at its best: a scan for
 * someone's partners (the candidate lists, pricing) visits only the groups in another country that
 * share a language with them and whose country they did not exclude, not everyone. In a round where
 * many speak only their own language, or one country has most of the applicants, most pairs are
 * skipped a group at a time instead of one by one. The rules left (the partner's exclusions,
 * previous partners, forbidden pairs) are still checked pair by pair with {@link Cohort#eligible}.
 *
 * <p>Within a group, people keep the order they were given in (their rank), so a scan can stop at
 * the first person a bound rules out, and ties can be broken by rank whatever order the groups are
 * visited in. Everyone in a group has the same UTC offset, so the bounds take a pair's time-zone
 * points exactly ({@link #zonePoints}) instead of at their best.
 */
final class PartnerGroups {

    private final Cohort cohort;
    /** Each group's people as positions in the given order (ranks), ascending. */
    private final int[][] ranks;
    /** Each group's people (cohort indexes) in rank order: scans read them in a row, not through the ranks. */
    private final int[][] members;
    /** Each group's people's interests as bit sets, in rank order; null past 64 interests ({@link Cohort#interestBits(int[])}). */
    private final long[][] interests;
    /** Each group's first person (cohort index): stands for its country and languages. */
    private final int[] first;

    /**
     * @param people cohort indexes, in the order scans should visit each group (rank = position)
     */
    PartnerGroups(Cohort cohort, int[] people) {
        this.cohort = cohort;
        Integer[] byGroup = new Integer[people.length];
        for (int r = 0; r < people.length; r++) {
            byGroup[r] = r;
        }
        Comparator<Integer> group = Comparator.<Integer>comparingInt(r -> cohort.country[people[r]])
                .thenComparingInt(r -> cohort.offsetMinutes[people[r]])
                .thenComparing(r -> cohort.languages[people[r]], Arrays::compare);
        ranks = runs(byGroup, group).toArray(int[][]::new);
        members = Arrays.stream(ranks).map(g -> Arrays.stream(g).map(r -> people[r]).toArray()).toArray(int[][]::new);
        first = Arrays.stream(members).mapToInt(g -> g[0]).toArray();
        interests = Arrays.stream(members).map(cohort::interestBits).toArray(long[][]::new);
    }

    /**
     * The people (cohort indexes) grouped by country and languages, the hard rules' groups: in the
     * order of those, each group ascending.
     */
    static List<int[]> byCountryAndLanguages(Cohort cohort, int[] people) {
        Comparator<Integer> place = Comparator.<Integer>comparingInt(p -> cohort.country[p])
                .thenComparing(p -> cohort.languages[p], Arrays::compare);
        return runs(Arrays.stream(people).boxed().toArray(Integer[]::new), place);
    }

    /** The values sorted by group, then ascending, and cut into their groups (sorts the array given). */
    private static List<int[]> runs(Integer[] values, Comparator<Integer> group) {
        Arrays.sort(values, group.thenComparingInt(v -> v));
        List<int[]> groups = new ArrayList<>();
        for (int from = 0; from < values.length; ) {
            int to = from + 1;
            while (to < values.length && group.compare(values[from], values[to]) == 0) {
                to++;
            }
            groups.add(Arrays.stream(values, from, to).mapToInt(Integer::intValue).toArray());
            from = to;
        }
        return groups;
    }

    /** Group g's people (cohort indexes), in rank order: {@code people(g)[j]} has rank {@code ranks(g)[j]}. */
    int[] people(int g) {
        return members[g];
    }

    /**
     * Group g's people's interests as bit sets, in rank order, so a scan reads them in a row; null when
     * the pool names more than 64 interests.
     */
    long[] interests(int g) {
        return interests[g];
    }

    /** The time-zone points of p with anyone in group g. */
    int zonePoints(int p, int g) {
        return cohort.zonePointsOf(p, first[g]);
    }

    /** The groups whose people person p could be paired with, as far as country and languages tell. */
    int[] partnerGroupsOf(int p) {
        int[] out = new int[ranks.length];
        int count = 0;
        for (int g = 0; g < ranks.length; g++) {
            int q = first[g];
            if (cohort.country[q] != cohort.country[p] && cohort.sharesLanguage(p, q) && !cohort.excludesCountry(p, cohort.country[q])) {
                out[count++] = g;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Group g's people, as ranks (positions in the order given), ascending. */
    int[] ranks(int g) {
        return ranks[g];
    }

    int count() {
        return ranks.length;
    }
}
