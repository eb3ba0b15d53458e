package org.iln.matching;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The sparse graph the solver sees: each person's best {@code k} eligible candidates within a
 * group of people (a part of the pool, see {@link Matcher}), found exactly.
 *
 * <p>Exact search costs O(g²) score evaluations for a group of g people; the matcher bounds g by
 * {@link MatcherOptions#chunkSize()}, so the whole pool costs O(n · chunkSize). An earlier version
 * sampled people from (language, interest) buckets instead, and lost 7% of the optimum score at
 * n = 10,000: the best partners are rare, and sampling misses them (docs/matching.md). A score
 * evaluation is a few bit operations, and an upper bound skips most people once a list is full, so
 * the exact search of a 10,000-person part takes seconds (measured in docs/benchmarks.md).
 */
final class CandidateGraph {

    /** Above this many, {@link #bestForWithSpreadTies} sorts instead of keeping a running list. */
    private static final int LONG_LIST = 256;

    private CandidateGraph() {
    }

    /**
     * Candidate edges among {@code members} (sorted cohort indexes), as sorted, distinct keys
     * {@link Cohort#key(int, int)}.
     */
    static long[] build(Cohort cohort, int[] members, int k, int spread) {
        return build(cohort, members, Islands.NONE, k, spread, false);
    }

    /**
     * {@link #build(Cohort, int[], int, int)} without the pairs the islands leave out, and
     * {@link #withoutCrowds} when the graph will be priced (pricing brings back any dropped pair
     * that could help; an unpriced part keeps them all).
     */
    static long[] build(Cohort cohort, int[] members, Islands islands, int k, int spread, boolean priced) {
        int[][] top = new int[members.length][];
        PartnerGroups groups = groups(cohort, members);
        IntStream.range(0, members.length).parallel().forEach(m -> top[m] = bestFor(cohort, groups, islands, members[m], k));
        int[][] kept = priced ? withoutCrowds(cohort, members, top, 2 * k) : top;
        int[][] best = new int[members.length][];
        IntStream.range(0, members.length).parallel().forEach(m -> best[m] = withSpread(cohort, islands, members, members[m],
                kept[m], spread));
        return distinct(best, members);
    }

    /**
     * The lists without the crowds around popular people: someone who is on more than {@code cap}
     * (2k) lists keeps only the {@code cap} pairs with the highest scores among them (ties to the
     * lower index), plus the people on their own list. Why 2k, not k: measured at n = 10,000, k
     * cost the uniform pool 1.4 times the CPU of the full graph (five solves instead of three), 2k
     * 1.2 times, while two-partners needs half the CPU with either. Top-k lists pile onto the same people (hundreds of
     * lists name them), and those pairs made the first solve several times slower than the
     * re-solves without them, while a person can have only one partner; a dropped pair comes back
     * through pricing the moment it could improve the matching.
     */
    private static int[][] withoutCrowds(Cohort cohort, int[] members, int[][] top, int cap) {
        int g = members.length;
        int[] listedBy = new int[g];
        for (int[] list : top) {
            for (int q : list) {
                listedBy[Arrays.binarySearch(members, q)]++;
            }
        }
        int[][] admirers = new int[g][];
        int[] filled = new int[g];
        for (int v = 0; v < g; v++) {
            admirers[v] = listedBy[v] > cap ? new int[listedBy[v]] : null;
        }
        for (int u = 0; u < g; u++) {
            for (int q : top[u]) {
                int v = Arrays.binarySearch(members, q);
                if (admirers[v] != null) {
                    admirers[v][filled[v]++] = members[u];
                }
            }
        }
        // for each crowded person, the admirers who lose their pair: all but the cap best, and those they list themselves
        int[][] droppedBy = new int[g][];
        IntStream.range(0, g).parallel().filter(v -> admirers[v] != null).forEach(v -> {
            int pv = members[v];
            Integer[] order = Arrays.stream(admirers[v]).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> {
                int sa = cohort.score(a, pv);
                int sb = cohort.score(b, pv);
                return sa != sb ? Integer.compare(sb, sa) : Integer.compare(a, b);
            });
            droppedBy[v] = Arrays.stream(order, Math.min(cap, order.length), order.length).mapToInt(Integer::intValue)
                    .filter(q -> !contains(top[v], top[v].length, q)).sorted().toArray();
        });
        int[][] kept = new int[g][];
        for (int u = 0; u < g; u++) {
            int pu = members[u];
            kept[u] = Arrays.stream(top[u]).filter(q -> {
                int[] lost = droppedBy[Arrays.binarySearch(members, q)];
                return lost == null || Arrays.binarySearch(lost, pu) < 0;
            }).toArray();
        }
        return kept;
    }

    private static long[] distinct(int[][] lists, int[] members) {
        int total = 0;
        for (int[] b : lists) {
            total += b.length;
        }
        long[] keys = new long[total];
        int n = 0;
        for (int m = 0; m < members.length; m++) {
            for (int j : lists[m]) {
                keys[n++] = Cohort.key(members[m], j);
            }
        }
        return distinct(keys);
    }

    private static long[] distinct(long[] keys) {
        Arrays.sort(keys);
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, distinct);
    }

    /** p's best k eligible partners among members: highest score first, ties to the lower index. */
    static int[] bestFor(Cohort cohort, int[] members, int p, int k) {
        Best best = new Best(k);
        for (int q : members) {
            // the bound first: once the list is full, most people cannot beat its worst entry
            if (best.full() && cohort.scoreBound(p, q) <= best.worstScore()) {
                continue;
            }
            if (cohort.eligible(p, q)) {
                best.offer(q, cohort.score(p, q));
            }
        }
        return best.ids();
    }

    /**
     * p's best k eligible partners among the people grouped ({@link #groups}), ties broken by a
     * fixed hash of the pair instead of the lower index: for the augmenting-path search, where many
     * people can score the same with everyone (the trap family) and lists that all name the same
     * lowest-numbered people offer it no path. Only the groups p could be paired with are looked
     * at: where thousands are left out who share a language with only a few people abroad, looking
     * at everyone for each took most of a second at n = 10,000.
     */
    static int[] bestForWithSpreadTies(Cohort cohort, PartnerGroups groups, int p, int k) {
        if (k <= LONG_LIST) {
            return bestFor(cohort, groups, Islands.NONE, p, new Best(k, p));
        }
        // a long list: sorting everyone eligible beats keeping a running top k of that size
        Best order = new Best(1, p);
        return Arrays.stream(groups.partnerGroupsOf(p)).flatMap(g -> Arrays.stream(groups.people(g)))
                .filter(q -> cohort.eligible(p, q)).boxed()
                .sorted((q, r) -> {
                    int sq = cohort.score(p, q);
                    int sr = cohort.score(p, r);
                    return sq != sr ? Integer.compare(sr, sq) : q.equals(r) ? 0 : order.before(q, r) ? -1 : 1;
                })
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The members grouped for {@link #bestFor(Cohort, PartnerGroups, int, int)}: within a group,
     * the people with the most points to give first, so a scan can stop at the first who cannot
     * beat a full list.
     */
    static PartnerGroups groups(Cohort cohort, int[] members) {
        int[] byBound = Arrays.stream(members).boxed()
                .sorted((a, b) -> cohort.boundPartner(a) != cohort.boundPartner(b)
                        ? Integer.compare(cohort.boundPartner(b), cohort.boundPartner(a)) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        return new PartnerGroups(cohort, byBound);
    }

    /**
     * {@link #bestFor(Cohort, int[], int, int)} over {@link #groups}: only people of the groups p
     * could be paired with are looked at, with their time-zone points exact in the bound, and
     * each group only until nobody left in it can beat a full list. Ties are broken explicitly
     * (the lower index stays), so these are the same people as scanning everyone; the returned
     * array is not in score order.
     */
    static int[] bestFor(Cohort cohort, PartnerGroups groups, Islands islands, int p, int k) {
        return bestFor(cohort, groups, islands, p, new Best(k));
    }

    private static int[] bestFor(Cohort cohort, PartnerGroups groups, Islands islands, int p, Best best) {
        // score(p, q) <= own + zone points + boundPartner(q), shared interests at their most
        int own = cohort.boundOwn(p) - cohort.weights.closeTimeZones();
        int quickOwn = cohort.boundQuickOwn(p) - cohort.weights.closeTimeZones();
        long mine = cohort.interestBits(p);
        int pointsPerInterest = cohort.weights.sharedInterest();
        for (int g : groups.partnerGroupsOf(p)) {
            int zone = groups.zonePoints(p, g);
            int[] people = groups.people(g);
            // read in a row: this loop runs for most pairs in the pool
            long[] interests = groups.interests(g);
            for (int j = 0; j < people.length; j++) {
                int q = people[j];
                if (best.full()) {
                    // the group is in descending boundPartner order: nobody after q can do better
                    if (own + zone + cohort.boundPartner(q) < best.worstScore()) {
                        break;
                    }
                    int shared = interests != null ? Long.bitCount(mine & interests[j]) : cohort.sharedInterests(p, q);
                    int bound = quickOwn + zone + pointsPerInterest * shared + cohort.boundPartner(q);
                    if (!best.wouldTake(q, bound)) {
                        continue;
                    }
                }
                if (islands.eligible(cohort, p, q)) {
                    best.offer(q, cohort.score(p, q));
                }
            }
        }
        return best.ids();
    }

    /**
     * Adds up to {@code spread} more eligible people, picked by a fixed hash rather than by score.
     * Top-k lists alone concentrate on popular people, and then many people can only be matched to
     * the same few; a few arbitrary edges per person make the graph well connected, so nearly
     * everyone can be matched and the solver needs no dummy vertices.
     */
    private static int[] withSpread(Cohort cohort, Islands islands, int[] members, int p, int[] top, int spread) {
        if (spread == 0 || members.length < 2) {
            return top;
        }
        int[] out = Arrays.copyOf(top, top.length + spread);
        int count = top.length;
        int n = members.length;
        int start = mix(p) % n;
        int step = 1 + mix(p + 0x5bd1e995) % (n - 1);
        while (gcd(step, n) != 1) {
            step++;
        }
        for (int i = 0, at = start; i < Math.min(n, 64 * (spread + 1)) && count < out.length; i++, at = (at + step) % n) {
            int q = members[at];
            if (islands.eligible(cohort, p, q) && !contains(out, count, q)) {
                out[count++] = q;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static boolean contains(int[] values, int count, int x) {
        for (int i = 0; i < count; i++) {
            if (values[i] == x) {
                return true;
            }
        }
        return false;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A fixed integer hash, so the spread is deterministic yet not in id order. */
    static int mix(int x) {
        int h = x * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & 0x7fffffff;
    }

    /**
     * The best k people offered so far: highest score first, ties to the lower index (or by a hash
     * of the pair, for {@link #bestForWithSpreadTies}), whatever
     * order they are offered in (the grouped scan is not in index order).
     */
    private static final class Best {

        private final int[] topId;
        private final int[] topScore;
        /** Whose list this is when ties go by a hash of the pair; -1 when they go to the lower index. */
        private final int owner;
        private int count;
        private int worst = -1;

        Best(int k) {
            this(k, -1);
        }

        Best(int k, int owner) {
            topId = new int[k];
            topScore = new int[k];
            this.owner = owner;
        }

        /** Whether q goes before r among equal scores. */
        private boolean before(int q, int r) {
            if (owner >= 0) {
                int hq = mix(mix(owner) ^ q);
                int hr = mix(mix(owner) ^ r);
                if (hq != hr) {
                    return hq < hr;
                }
            }
            return q < r;
        }

        boolean full() {
            return count == topId.length;
        }

        int worstScore() {
            return topScore[worst];
        }

        /** Whether q with this score would enter a full list. */
        boolean wouldTake(int q, int score) {
            return score > topScore[worst] || (score == topScore[worst] && before(q, topId[worst]));
        }

        void offer(int q, int score) {
            if (!full()) {
                topId[count] = q;
                topScore[count] = score;
                count++;
                if (full()) {
                    worst = worstOf();
                }
            } else if (wouldTake(q, score)) {
                topId[worst] = q;
                topScore[worst] = score;
                worst = worstOf();
            }
        }

        /** The people kept, not in score order. */
        int[] ids() {
            return Arrays.copyOf(topId, count);
        }

        private int worstOf() {
            int at = 0;
            for (int i = 1; i < topId.length; i++) {
                if (topScore[i] < topScore[at] || (topScore[i] == topScore[at] && before(topId[at], topId[i]))) {
                    at = i;
                }
            }
            return at;
        }
    }
}
