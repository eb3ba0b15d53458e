package org.iln.matching;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Column generation over a group's complete eligibility graph: solve the sparse candidate graph
 * exactly, read the LP duals of the solution, add every eligible pair whose score exceeds the sum
 * of its two ends' duals (the only pairs that could improve the matching), and solve again, until
 * no such pair is left.
 *
 * <p>When the loop ends with no pair to add, the matching is a maximum-weight matching of the
 * <em>whole</em> group for its number of matched people, not just of the candidate graph: the duals
 * are a feasible dual solution for every eligible pair (blossom duals are folded into the vertex
 * duals on the safe side, see {@link CardinalityFirstMatching.Solution}). People left unmatched
 * are priced with the dual of their dummy pair, so the bound stays finite, and also bring in their
 * best {@link #LEFT_OUT_PAIRS} eligible pairs, so the next solve can match them if those allow.
 * People outside the graph are priced as if left unmatched ({@link #withOutsiders}) and come in
 * through the pairs of people in it; a solve with too many left unmatched for dummy partners,
 * which has no duals, is solved again without them, and they are priced from outside.
 *
 * <p>Before solving again, the loop shifts the duals ({@link DualShift}) to cover the pairs pricing
 * found and prices once more: when the same matching is proven within the target that way, no
 * further solve is needed.
 *
 * <p>Pricing never scores all pairs: {@code score(u, v) <= boundOwn(u) + boundPartner(v)}, so with
 * the people sorted by {@code dual(v) - boundPartner(v)} the scan for u stops at the first v with
 * {@code dual(v) - boundPartner(v) >= boundOwn(u) - dual(u)}. Each round adds at most
 * {@code perPerson} of the most improving pairs per person, to keep the re-solves small.
 */
final class PricedMatching {

    private static final double EPS = 1e-6;
    /**
     * Scores are whole numbers, so a heavier matching is heavier by at least a point: a gain bound
     * below one proves the matching optimal. The bound is rarely exactly 0: the solver's duals
     * cover a little more than the weights ({@link CardinalityFirstMatching.Solution#surplus()}).
     */
    private static final double WHOLE_POINT = 1;
    /**
     * How many of their best eligible pairs a person left unmatched brings into the graph. Not
     * all of them: in a pool where thousands must stay unmatched (one country with most of the
     * applicants), every pair of theirs was millions of pairs, and the matcher ran out of memory.
     */
    static final int LEFT_OUT_PAIRS = 50;
    /** Most improving pairs kept for the tighter gain bound ({@link Improving}). */
    private static final int IMPROVING_LIMIT = 30_000;
    /** Most pricing scans spent on shifted duals before solving again: the trap family needs two. */
    private static final int SHIFTS = 3;
    /** How far below tight (in score points) a pair may be and still stay in the graph. */
    private static final double DROP = 8;
    /** Most eligible pairs for which an exact cardinality check over all of them is worth it. */
    private static final long FULL_GRAPH_LIMIT = 1_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * @param pairs the matching, as sorted pairs of cohort indexes
     * @param keys the final graph's edges ({@link Cohort#key})
     * @param rounds solves run
     * @param added pairs added by pricing
     * @param optimal whether the last pricing proved that no matching over all eligible pairs, with as
     *     many people matched, weighs more (its gain bound is below one point)
     * @param gapBound how much more score a matching over all eligible pairs (with as many people
     *     matched) could have, at most: finite, or infinite when pricing was off, out of rounds
     *     before every person had a dual, or the solve had no duals
     * @param cardinalityProven whether no matching over all eligible pairs matches more people
     * @param solveNanos time spent in the exact solves
     * @param priceNanos time spent pricing
     */
    record Result(List<int[]> pairs, long[] keys, int rounds, long added, boolean optimal, double gapBound,
                  boolean cardinalityProven, long solveNanos, long priceNanos) {
    }

    private PricedMatching() {
    }

    static Result solve(Cohort cohort, int[] members, Islands islands, long[] initialKeys, int maxRounds, int perPerson, double gap,
                        Consumer<String> progress) {
        long[] keys = initialKeys;
        long added = 0;
        int rounds = 0;
        int[] previous = null;
        long solveNanos = 0;
        long priceNanos = 0;
        long[] dropped = new long[0];
        long[] kept = new long[0];
        double lastBound = Double.POSITIVE_INFINITY;
        while (true) {
            rounds++;
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            CardinalityFirstMatching.Solution solution = solveGraph(cohort, members, keys, previous);
            previous = solution.mate();
            long solved = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            solveNanos += solved - start;
            // Many people who must stay unmatched make the solver add a constant to every pair instead
            // of dummy partners (CardinalityFirstMatching), and that solve has no duals to price with.
            boolean priceable = Arrays.stream(solution.dual()).anyMatch(y -> !Double.isNaN(y));
            long weight = weight(cohort, members, solution.mate());
            String solve = String.format(Locale.ROOT, "  solve %d: %d people, %d pairs, score %d, %.2f s (cpu %.2f s);",
                    rounds, members.length, keys.length, weight, (solved - start) / 1e9, cpu / 1e9);
            long[] matchedOnly = priceable || rounds > maxRounds ? keys : matchedOnly(members, keys, solution.mate());
            if (matchedOnly.length > 0 && matchedOnly.length < keys.length) {
                // Solved again without the people it left unmatched, it has duals, and they are priced
                // from outside the graph (withOutsiders): only pairs that could improve the matching
                // bring them back, a few at a time.
                progress.accept(String.format(Locale.ROOT, "%s no duals (too many must stay unmatched for dummy partners):"
                                + " solving again without the %d it left unmatched, who are priced from outside the graph",
                        solve, Arrays.stream(solution.mate()).filter(v -> v < 0).count()));
                keys = matchedOnly;
                continue;
            }
            Priced priced = rounds > maxRounds || !priceable ? null
                    : price(cohort, islands, members, keys, solution, perPerson, gap * weight, lastBound <= 8 * gap * weight);
            // the duals' objective is the weight plus the solve's surplus: any matching weighs at most that plus the gains
            double bound = priced == null ? Double.POSITIVE_INFINITY : priced.gainBound() + solution.surplus();
            Shifted shifted = priced == null || priced.withoutDual() > 0 || proves(bound, gap * weight)
                    ? null : shifted(cohort, islands, members, keys, solution, priced, perPerson, gap * weight);
            if (shifted != null) {
                solution = shifted.solution();
                priced = shifted.priced();
                bound = priced.gainBound() + solution.surplus();
            }
            lastBound = bound;
            boolean done = priced == null || priced.pairs().length == 0 || proves(bound, gap * weight);
            Boolean proven = null;
            String more = "";
            if (done && priced != null) {
                // the duals speak for this number of matched people: make sure no more can be matched
                long[] extra = moreMatched(cohort, islands, members, keys, solution.mate());
                proven = extra != null && extra.length == 0;
                if (extra != null && extra.length > 0) {
                    priced = new Priced(union(priced.pairs(), extra), priced.gainBound(), priced.withoutDual());
                    more = "; more people can be matched: adding the pairs that match them";
                    done = false;
                }
            }
            long priceTime = System.nanoTime() - solved;
            priceNanos += priceTime;
            progress.accept(String.format(Locale.ROOT, "%s pricing %.2f s%s: %d pairs could improve it, %s%s%s",
                    solve, priceTime / 1e9,
                    shifted == null ? "" : " (duals shifted, " + (shifted.scans() + 1) + " scans)",
                    priced == null ? 0 : priced.pairs().length,
                    keys.length == 0 ? "no pairs to solve" : describe(priced, bound, weight, priceable, rounds > maxRounds), more,
                    done ? "" : ": adding them"));
            if (done) {
                boolean optimal = priced != null && bound < WHOLE_POINT;
                return new Result(pairs(members, solution.mate()), keys, rounds, added, optimal, bound,
                        Boolean.TRUE.equals(proven), solveNanos, priceNanos);
            }
            added += priced.pairs().length;
            // a pair pricing brings back after slack dropped it stays for good: without that, a graph
            // that falls apart into components can drop and re-add the same pairs round after round
            long[] gone = dropped;
            kept = merge(kept, Arrays.stream(priced.pairs()).filter(key -> Arrays.binarySearch(gone, key) >= 0).toArray());
            long[] lean = slack(cohort, members, keys, solution, kept);
            dropped = union(dropped, Arrays.stream(keys).filter(key -> Arrays.binarySearch(lean, key) < 0).toArray());
            keys = merge(lean, priced.pairs());
        }
    }

    /** The graph's pairs whose two people are both matched (sorted keys of cohort indexes). */
    private static long[] matchedOnly(int[] members, long[] keys, int[] mate) {
        return Arrays.stream(keys).filter(key -> mate[Arrays.binarySearch(members, (int) (key >>> 32))] >= 0
                && mate[Arrays.binarySearch(members, (int) key)] >= 0).toArray();
    }

    /**
     * Each member's partners in the graph (sorted keys of cohort indexes), as sorted cohort
     * indexes. Why not look pairs up in the keys: pricing asks for every improving pair it meets,
     * and a search of a person's dozen partners stays in the cache where one of all the graph's
     * keys did not: pricing took about a sixth less time (n = 10,000, docs/benchmarks.md).
     */
    private static int[][] graphPartners(int[] members, long[] keys) {
        int[] first = new int[keys.length];
        int[] second = new int[keys.length];
        int[] degree = new int[members.length];
        for (int e = 0; e < keys.length; e++) {
            first[e] = Arrays.binarySearch(members, (int) (keys[e] >>> 32));
            second[e] = Arrays.binarySearch(members, (int) keys[e]);
            degree[first[e]]++;
            degree[second[e]]++;
        }
        int[][] partners = new int[members.length][];
        for (int u = 0; u < members.length; u++) {
            partners[u] = new int[degree[u]];
            degree[u] = 0;
        }
        for (int e = 0; e < keys.length; e++) {
            partners[first[e]][degree[first[e]]++] = members[second[e]];
            partners[second[e]][degree[second[e]]++] = members[first[e]];
        }
        for (int[] list : partners) {
            Arrays.sort(list);
        }
        return partners;
    }

    /**
     * The solution with a dual for each person outside the graph: that of someone left unmatched
     * with a dummy partner of their own whose dual is the solve's smallest dummy dual (with no
     * dummies, the least that still covers every graph person's pair with a dummy). Why that keeps
     * the bound exact: such a pair weighs 0, so the duals' objective does not change, and the
     * person's pairs are priced like anyone's. Why it matters: without it the bound stayed
     * infinite until everyone was in the graph, and each person outside brought in their best
     * {@link #LEFT_OUT_PAIRS} pairs to get there. Where thousands share a language with only a
     * few people abroad, that made a graph with too many left unmatched for dummy partners, whose
     * solve has no duals, and the matcher stopped 2.1-2.4% below the optimum without a bound
     * (docs/matching.md). The solution is returned as it is when someone in the graph has no dual
     * (a component solved without dummies) or nobody has one.
     */
    private static CardinalityFirstMatching.Solution withOutsiders(CardinalityFirstMatching.Solution solution, boolean[] inGraph) {
        double[] y = solution.dual();
        boolean someDual = false;
        boolean outsiders = false;
        double cover = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < y.length; v++) {
            if (Double.isNaN(y[v])) {
                if (inGraph[v]) {
                    return solution;
                }
                outsiders = true;
            } else {
                someDual = true;
                cover = Math.max(cover, -y[v]);
            }
        }
        if (!someDual || !outsiders) {
            return solution;
        }
        double dummy = Double.isInfinite(solution.dummyDual()) ? cover : solution.dummyDual();
        double[] dual = y.clone();
        int count = 0;
        for (int v = 0; v < dual.length; v++) {
            if (Double.isNaN(dual[v])) {
                dual[v] = -dummy;
                count++;
            }
        }
        // each outsider's own dummy partner is left to whoever stays unmatched in their place
        return new CardinalityFirstMatching.Solution(solution.mate(), dual, dummy, solution.dummyCredit() + count * dummy,
                solution.surplus());
    }

    /** The bound in words: a finite number and percentage, or why there is none (never Infinity or NaN). */
    private static String describe(Priced priced, double bound, long weight, boolean priceable, boolean outOfRounds) {
        if (!priceable) {
            return "no bound (this solve has no duals: too many must stay unmatched for dummy partners)";
        }
        if (priced == null) {
            return outOfRounds ? "no bound (pricing rounds used up)" : "no bound (pricing off)";
        }
        if (priced.withoutDual() > 0) {
            return "no bound yet (" + priced.withoutDual() + " people not yet in the graph)";
        }
        return String.format(Locale.ROOT, "by at most %.1f (%.4f%%)", bound, 100 * bound / Math.max(1, weight));
    }

    /** Whether a gain bound ends pricing: within the target, or below one point (the matching is optimal). */
    private static boolean proves(double bound, double target) {
        return bound <= target || bound < WHOLE_POINT;
    }

    /** Shifted duals ({@link DualShift}) with their pricing, and how many pricing scans they took. */
    private record Shifted(CardinalityFirstMatching.Solution solution, Priced priced, int scans) {
    }

    /**
     * The solve's matching proven within the target by shifted duals instead of a re-solve, or
     * null. Each attempt shifts the duals to cover the pairs pricing has found so far and prices
     * again; a shift that cannot cover the pairs it knows shows that the matching itself can
     * improve, which only a solve can do.
     */
    private static Shifted shifted(Cohort cohort, Islands islands, int[] members, long[] keys, CardinalityFirstMatching.Solution solution,
                                   Priced priced, int perPerson, double target) {
        long[] outside = priced.pairs();
        double[] dual = solution.dual();
        for (int scan = 1; scan <= SHIFTS; scan++) {
            DualShift shift = new DualShift(cohort, members, keys, outside, solution, dual);
            dual = shift.shifted();
            if (shift.gain() > Math.max(target, WHOLE_POINT)) {
                return null;
            }
            CardinalityFirstMatching.Solution moved = solution.withDuals(dual);
            Priced again = price(cohort, islands, members, keys, moved, perPerson, target, false);
            if (proves(again.gainBound() + solution.surplus(), target)) {
                return new Shifted(moved, again, scan);
            }
            outside = union(outside, again.pairs());
        }
        return null;
    }

    /**
     * When two or more people are unmatched and the group is small enough to hold every eligible
     * pair, a maximum-cardinality matching of all eligible pairs (Edmonds, started from this one):
     * its pairs outside the graph, if it matches more people; else nothing; null when the group has
     * too many eligible pairs to check. With those pairs in
     * the graph, the solver's count of people who must stay unmatched is that of all eligible
     * pairs, so the weight certificate covers the cardinality too. Larger groups rely on the
     * unmatched people's own pairs (added by pricing) and the matcher's augmenting-path step.
     */
    private static long[] moreMatched(Cohort cohort, Islands islands, int[] members, long[] keys, int[] mate) {
        int unmatched = (int) Arrays.stream(mate).filter(v -> v < 0).count();
        if (unmatched < 2) {
            return new long[0];
        }
        int g = members.length;
        // every eligible pair in member indexes, in one pass that gives up past the limit
        long[] eligible = new long[1024];
        int pairs = 0;
        for (int u = 0; u < g; u++) {
            for (int v = u + 1; v < g; v++) {
                if (islands.eligible(cohort, members[u], members[v])) {
                    if (pairs == FULL_GRAPH_LIMIT) {
                        return null;
                    }
                    if (pairs == eligible.length) {
                        eligible = Arrays.copyOf(eligible, (int) Math.min(2L * pairs, FULL_GRAPH_LIMIT));
                    }
                    eligible[pairs++] = Cohort.key(u, v);
                }
            }
        }
        ArrayGraph graph = ArrayGraph.of(g, Arrays.copyOf(eligible, pairs));
        Set<Integer> current = new LinkedHashSet<>();
        for (int v = 0; v < g; v++) {
            if (mate[v] > v) {
                current.add(graph.getEdge(v, mate[v]));
            }
        }
        Set<Integer> best = graph.mostMatchedFrom(current);
        if (best.size() <= current.size()) {
            return new long[0];
        }
        return best.stream().mapToLong(e -> Cohort.key(members[graph.source(e)], members[graph.target(e)]))
                .filter(key -> Arrays.binarySearch(keys, key) < 0).sorted().toArray();
    }

    /**
     * The graph without the pairs far from tight: unmatched pairs whose score is more than
     * {@link #DROP} below their ends' duals. They are the hub edges of the top-k lists that the
     * duals show to be useless; Blossom V re-solves a leaner graph faster, and pricing brings any
     * of them back the moment it could help, so the certificate still covers them. Pairs in
     * {@code kept} (sorted keys) always stay.
     */
    private static long[] slack(Cohort cohort, int[] members, long[] keys, CardinalityFirstMatching.Solution solution,
                                long[] kept) {
        double[] y = solution.dual();
        int[] mate = solution.mate();
        return Arrays.stream(keys).filter(key -> {
            if (Arrays.binarySearch(kept, key) >= 0) {
                return true;
            }
            int u = Arrays.binarySearch(members, (int) (key >>> 32));
            int v = Arrays.binarySearch(members, (int) key);
            // pairs of unmatched people stay: pricing would bring them straight back
            return mate[u] == v || mate[u] < 0 || mate[v] < 0 || Double.isNaN(y[u]) || Double.isNaN(y[v])
                    || cohort.score(members[u], members[v]) - y[u] - y[v] >= -DROP;
        }).toArray();
    }

    private static long weight(Cohort cohort, int[] members, int[] mate) {
        long total = 0;
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] > v) {
                total += cohort.score(members[v], members[mate[v]]);
            }
        }
        return total;
    }

    /**
     * Pairs found by pricing.
     *
     * @param pairs eligible pairs outside the graph that could improve the matching (at most
     *     perPerson per person, the largest gains, plus each unmatched person's best
     *     {@link #LEFT_OUT_PAIRS} not yet in the graph), as sorted distinct keys
     * @param gainBound how much more than the duals' objective (this matching's weight plus the
     *     solve's {@link CardinalityFirstMatching.Solution#surplus() surplus}) any matching over all
     *     eligible pairs, with as many people matched, can weigh ({@link #perPersonBound}). Why:
     *     with dummy partners for the people who must stay unmatched, such a matching is a
     *     perfect matching, which weighs at most the dual objective plus the positive reduced
     *     costs of its pairs; only pairs outside the graph and pairs with another dummy partner
     *     have any, each at most the folded-dual gain, and every person is in exactly one pair.
     *     An unmatched person's dual is that of the dummy pair they are in, so it prices like
     *     anyone else's. Near the target, the weight of
     *     the heaviest matching of the improving pairs instead, when that is smaller
     *     ({@link Improving}). Infinite only while someone has no dual (not yet in the graph)
     * @param withoutDual people without a dual (not yet in the graph)
     */
    record Priced(long[] pairs, double gainBound, int withoutDual) {
    }

    private static List<int[]> pairs(int[] members, int[] mate) {
        List<int[]> pairs = new ArrayList<>();
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] > v) {
                pairs.add(new int[] {members[v], members[mate[v]]});
            }
        }
        return pairs;
    }

    /**
     * The exact cardinality-first matching of the members' graph, in member-local indexes, given
     * the previous solve's matching (the graph keeps its pairs) or null, with duals for the
     * members outside the graph ({@link #withOutsiders}).
     */
    static CardinalityFirstMatching.Solution solveGraph(Cohort cohort, int[] members, long[] keys, int[] previous) {
        int m = keys.length;
        int[] a = new int[m];
        int[] b = new int[m];
        double[] w = new double[m];
        boolean[] inGraph = new boolean[members.length];
        for (int e = 0; e < m; e++) {
            int x = (int) (keys[e] >>> 32);
            int y = (int) keys[e];
            a[e] = Arrays.binarySearch(members, x);
            b[e] = Arrays.binarySearch(members, y);
            w[e] = cohort.score(x, y);
            inGraph[a[e]] = true;
            inGraph[b[e]] = true;
        }
        return withOutsiders(new CardinalityFirstMatching().solveWithDuals(members.length, a, b, w, previous), inGraph);
    }

    /** Eligible pairs outside the graph that could improve the matching, as sorted distinct keys. */
    static Priced price(Cohort cohort, Islands islands, int[] members, long[] keys, CardinalityFirstMatching.Solution solution,
                        int perPerson, double target, boolean everyPair) {
        int g = members.length;
        double[] y = solution.dual();
        int[] mate = solution.mate();
        // people with a dual, sorted by dual(v) - boundPartner(v), ties by index
        Integer[] boxed = IntStream.range(0, g).filter(v -> !Double.isNaN(y[v])).boxed().toArray(Integer[]::new);
        double[] sortKey = new double[g];
        for (int v : boxed) {
            sortKey[v] = y[v] - cohort.boundPartner(members[v]);
        }
        Arrays.sort(boxed, (p, q) -> sortKey[p] != sortKey[q] ? Double.compare(sortKey[p], sortKey[q]) : Integer.compare(p, q));
        int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        double[] orderKey = Arrays.stream(order).mapToDouble(v -> sortKey[v]).toArray();

        long[][] found = new long[g][];
        double[] dummyGain = new double[g];
        double[] pairGain = new double[g];
        // Far from the target, each person's scan stops once nobody left can beat their perPerson
        // best gains (their largest gain, all the per-person bound needs, is among those); near
        // it, the scan meets every improving pair, for the heaviest-matching bound.
        Improving improving = everyPair ? new Improving(g) : null;
        // the scan visits only the groups (country, languages) u could be paired with, each in sort order
        PartnerGroups byRank = new PartnerGroups(cohort, Arrays.stream(order).map(v -> members[v]).toArray());
        // each group's sort keys in a row, as the scan reads them
        double[][] groupKey = IntStream.range(0, byRank.count())
                .mapToObj(group -> Arrays.stream(byRank.ranks(group)).mapToDouble(i -> orderKey[i]).toArray())
                .toArray(double[][]::new);
        PartnerGroups candidates = Arrays.stream(mate).anyMatch(v -> v < 0) ? CandidateGraph.groups(cohort, members) : null;
        int[][] graphPartners = graphPartners(members, keys);
        // someone left out: their best eligible pairs not in the graph, so the next solve sees their chances
        IntFunction<long[]> chances = u -> mate[u] >= 0 ? new long[0]
                : Arrays.stream(CandidateGraph.bestFor(cohort, candidates, islands, members[u], LEFT_OUT_PAIRS))
                        .mapToLong(q -> Cohort.key(members[u], q)).filter(key -> Arrays.binarySearch(keys, key) < 0).sorted().toArray();
        IntStream.range(0, g).parallel().forEach(u -> {
            int pu = members[u];
            if (Double.isNaN(y[u])) {
                found[u] = chances.apply(u);
                return;
            }
            // what u could gain in a pair with another component's dummy partner
            dummyGain[u] = Math.max(0, -y[u] - solution.dummyDual());
            Scan scan = new Scan(cohort, islands, y, order, byRank, groupKey, graphPartners[u], improving, perPerson, u, pu);
            for (int group : byRank.partnerGroupsOf(pu)) {
                scan.group(group);
            }
            pairGain[u] = scan.largest;
            // someone outside the graph with a dual comes in through the lists of people in it, a few
            // at a time: thousands of them, each bringing their own best pairs, made a graph too big
            // for dummy partners
            found[u] = graphPartners[u].length == 0 ? new long[0]
                    : LongStream.concat(Arrays.stream(chances.apply(u)), Arrays.stream(scan.best, 0, scan.count)).toArray();
        });
        long[] all = Arrays.stream(found).flatMapToLong(Arrays::stream).sorted().distinct().toArray();
        int withoutDual = (int) Arrays.stream(y).filter(Double::isNaN).count();
        double gainBound = withoutDual > 0 ? Double.POSITIVE_INFINITY : perPersonBound(y, mate, pairGain, solution.dummyCredit());
        // the heaviest matching measured 1.3 to 3 times below the per-person bound at n = 10,000:
        // worth computing only when that could end the loop
        if (improving != null && withoutDual == 0 && gainBound > target && gainBound <= 4 * target
                && !improving.overflowed()) {
            gainBound = Math.min(gainBound, improving.heaviestMatching(dummyGain));
        }
        return new Priced(all, gainBound, withoutDual);
    }

    /**
     * How much more than the duals' objective any matching over all eligible pairs, with as many
     * people matched, can weigh: each person matched in it gains at most half their largest gain
     * over pairs outside the graph (a pair's gain is at most either end's), and the d people it
     * leaves unmatched give back their own duals, for at most minus those duals in all less the
     * dummy partners' and fillers' ({@link CardinalityFirstMatching.Solution#dummyCredit()}). So:
     * the halves, plus the d largest of {@code -dual - half} (d exactly: as many are unmatched as
     * in this matching), less the credit.
     * Why not each person's gain with the smallest dummy dual, as before: with a dummy partner per
     * component (CardinalityFirstMatching), one islander's high dual made that gain positive for
     * a hundred people who are always matched, and the bound stayed at 4% with nothing to add.
     */
    private static double perPersonBound(double[] y, int[] mate, double[] pairGain, double dummyCredit) {
        int unmatched = (int) Arrays.stream(mate).filter(v -> v < 0).count();
        double halves = Arrays.stream(pairGain).sum() / 2;
        if (unmatched == 0) {
            return halves;
        }
        double[] alone = IntStream.range(0, y.length).mapToDouble(u -> -y[u] - pairGain[u] / 2).sorted().toArray();
        double unmatchedGain = -dummyCredit;
        for (int i = alone.length - unmatched; i < alone.length; i++) {
            unmatchedGain += alone[i];
        }
        return halves + Math.max(0, unmatchedGain);
    }

    /**
     * One person's pricing scan, a group at a time: the improving pairs they have outside the
     * graph, keeping the {@code perPerson} largest gains (ties to the lower rank, whatever order the
     * groups are visited in) and the largest gain of all. Within a group people are in ascending
     * order of their sort key, so the scan stops at the first whom no bound lets through.
     */
    private static final class Scan {
        private final Cohort cohort;
        private final Islands islands;
        private final double[] y;
        private final int[] order;
        private final PartnerGroups byRank;
        private final double[][] groupKey;
        /** u's partners in the graph, sorted cohort indexes: those pairs are in already. */
        private final int[] inGraph;
        private final Improving improving;
        private final int u;
        private final int pu;
        /** u's bound with every one of their interests shared, less their dual. */
        private final double limit;
        /** u's bound with no interest shared, less their dual. */
        private final double quick;
        /** u's interests as a bit set (0 when the cohort compares lists, {@link Cohort#interestBits(int[])}). */
        private final long mine;
        private final int pointsPerInterest;
        final long[] best;
        private final double[] gain;
        private final int[] rank;
        int count;
        /** The smallest gain in a full list when only the list counts (no pair below it can change anything). */
        private double cut;
        double largest;

        Scan(Cohort cohort, Islands islands, double[] y, int[] order, PartnerGroups byRank, double[][] groupKey,
             int[] inGraph, Improving improving, int perPerson, int u, int pu) {
            this.cohort = cohort;
            this.islands = islands;
            this.y = y;
            this.order = order;
            this.byRank = byRank;
            this.groupKey = groupKey;
            this.inGraph = inGraph;
            this.improving = improving;
            this.u = u;
            this.pu = pu;
            this.limit = cohort.boundOwn(pu) - y[u] - EPS;
            this.quick = cohort.boundQuickOwn(pu) - y[u] - EPS;
            this.mine = cohort.interestBits(pu);
            this.pointsPerInterest = cohort.weights.sharedInterest();
            this.best = new long[perPerson];
            this.gain = new double[perPerson];
            this.rank = new int[perPerson];
        }

        void group(int group) {
            // the group's time-zone points are known: the bounds need not count them at their best
            int zoneShort = cohort.weights.closeTimeZones() - byRank.zonePoints(pu, group);
            int[] people = byRank.people(group);
            double[] keyOf = groupKey[group];
            long[] interests = byRank.interests(group);
            // the loop reads the group's arrays in a row: it runs for most pairs in the pool
            double stop = limit - zoneShort;
            double head = limit + EPS - zoneShort;
            double quickShort = quick - zoneShort;
            for (int j = 0; j < people.length; j++) {
                // nobody further in this group can improve the matching, or beat u's perPerson best
                // (strictly: an equal gain may still win its tie)
                double key = keyOf[j];
                if (key >= stop || head - key < cut) {
                    return;
                }
                // exact shared interests, everything else at its best: most people stop here
                int shared = interests != null ? Long.bitCount(mine & interests[j]) : cohort.sharedInterests(pu, people[j]);
                double quickBound = quickShort + pointsPerInterest * shared - key;
                if (quickBound > 0 && quickBound + EPS >= cut) {
                    consider(byRank.ranks(group)[j], people[j]);
                }
            }
        }

        /** Prices the pair with the person of rank i (cohort index pv), who got past the bounds. */
        private void consider(int i, int pv) {
            int v = order[i];
            double reduced = cohort.score(pu, pv) - y[u] - y[v];
            // below a full list's cut the pair changes nothing (u's largest gain is in the list):
            // skip the rule and graph checks, which most pairs reaching here would pass
            if (reduced <= EPS || (improving == null && count == best.length && reduced < cut)
                    || !islands.eligible(cohort, pu, pv)) {
                return;
            }
            if (Arrays.binarySearch(inGraph, pv) >= 0) {
                return;
            }
            long pair = Cohort.key(pu, pv);
            largest = Math.max(largest, reduced);
            if (improving != null && u < v) {
                improving.add(u, v, reduced);
            }
            offer(pair, reduced, i);
        }

        /** Keeps the perPerson largest gains; on ties the lower sort position (rank) stays. */
        private void offer(long key, double reduced, int i) {
            if (count < best.length) {
                best[count] = key;
                gain[count] = reduced;
                rank[count++] = i;
            } else {
                int worst = 0;
                for (int w = 1; w < best.length; w++) {
                    if (gain[w] < gain[worst] || (gain[w] == gain[worst] && rank[w] > rank[worst])) {
                        worst = w;
                    }
                }
                if (reduced < gain[worst] || (reduced == gain[worst] && i > rank[worst])) {
                    return;
                }
                best[worst] = key;
                gain[worst] = reduced;
                rank[worst] = i;
            }
            if (improving == null && count == best.length) {
                // a loop, not a stream: this runs for most pairs a scan offers
                cut = gain[0];
                for (double g : gain) {
                    cut = Math.min(cut, g);
                }
            }
        }
    }

    /**
     * Every improving pair pricing meets (score above its ends' duals, outside the graph), while
     * there are few: then the gain bound is the weight of their heaviest matching instead of half
     * of each person's largest gain. Why that is a bound: a matching over all eligible pairs
     * weighs the dual objective plus the reduced costs of its pairs, and its pairs with a
     * positive reduced cost are a matching of these (a person paired with another
     * component's dummy gains at most their dummy gain, modelled as a private partner). It is
     * 1.3 to 3 times smaller than the per-person bound near the end (n = 10,000), which can spare a solve.
     */
    private static final class Improving {
        private final int[][] partners;
        private final double[][] gains;
        private final int[] counts;
        private final AtomicInteger total = new AtomicInteger();

        Improving(int g) {
            partners = new int[g][];
            gains = new double[g][];
            counts = new int[g];
        }

        /** Records u's pair with v (u < v); called only from u's own scan, so u's lists are its thread's. */
        void add(int u, int v, double gain) {
            if (total.incrementAndGet() > IMPROVING_LIMIT) {
                return;
            }
            if (partners[u] == null || counts[u] == partners[u].length) {
                int size = partners[u] == null ? 4 : 2 * partners[u].length;
                partners[u] = partners[u] == null ? new int[size] : Arrays.copyOf(partners[u], size);
                gains[u] = gains[u] == null ? new double[size] : Arrays.copyOf(gains[u], size);
            }
            partners[u][counts[u]] = v;
            gains[u][counts[u]++] = gain;
        }

        boolean overflowed() {
            return total.get() > IMPROVING_LIMIT;
        }

        double heaviestMatching(double[] dummyGain) {
            int g = counts.length;
            int pairs = total.get();
            int dummies = (int) Arrays.stream(dummyGain).filter(x -> x > 0).count();
            int[] source = new int[pairs + dummies];
            int[] target = new int[pairs + dummies];
            double[] weight = new double[pairs + dummies];
            int e = 0;
            for (int u = 0; u < g; u++) {
                for (int i = 0; i < counts[u]; i++, e++) {
                    source[e] = u;
                    target[e] = partners[u][i];
                    weight[e] = gains[u][i];
                }
            }
            for (int u = 0, d = g; u < g; u++) {
                if (dummyGain[u] > 0) {
                    source[e] = u;
                    target[e] = d++;
                    weight[e++] = dummyGain[u];
                }
            }
            if (e == 0) {
                return 0;
            }
            ArrayGraph graph = new ArrayGraph(g + dummies, e, source, target, weight, ArrayGraph.boxes(Math.max(g + dummies, e), null));
            return new KolmogorovWeightedMatching<>(graph, ObjectiveSense.MAXIMIZE).getMatching().getWeight();
        }
    }

    /** The keys in either, sorted and distinct. */
    private static long[] union(long[] keys, long[] extra) {
        return LongStream.concat(Arrays.stream(keys), Arrays.stream(extra)).sorted().distinct().toArray();
    }

    private static long[] merge(long[] keys, long[] extra) {
        long[] out = Arrays.copyOf(keys, keys.length + extra.length);
        System.arraycopy(extra, 0, out, keys.length, extra.length);
        Arrays.sort(out);
        return out;
    }
}
