package org.iln.matching;

import java.util.Arrays;

/**
 * Other duals for the same matching, found without solving again: each matched pair's two duals
 * move by the same amount in opposite directions, so that they cover the eligible pairs pricing
 * found outside the graph.
 *
 * <p>Why: a solve's duals are one of many that prove its matching best on the graph it saw, and
 * pricing measures them against pairs the solver never saw. Where scores tie across thousands of
 * pairs (the trap family: everyone who can only be matched to someone of one group scores the same
 * with all of them), the solver's choice left the first solve's bound at 39% though its matching
 * was already the optimum, and the re-solve that proved it took 1.2 to 4 s. Shifted, the same
 * duals proved it in two pricing scans (docs/matching.md).
 *
 * <p>Why the certificate stays exact: a matched pair's duals keep their sum, so the duals add up
 * to the same total; unmatched people's duals do not move. A graph pair, and a matched person's
 * pair with a dummy partner, never ends up less covered than the solver left it (a hard limit on
 * each shift), and those are the only pairs {@link PricedMatching}'s bound does not price. Pairs
 * outside the graph are soft: a shift covers as many as it can, and pricing then measures every
 * pair against the shifted duals as it does against the solver's.
 */
final class DualShift {

    /** Sweeps over the matched pairs; each shift settles one pair against its neighbours' current duals. */
    private static final int SWEEPS = 50;
    /**
     * A sweep that leaves the pairs outside the graph at least this share of the last sweep's
     * shortfall has stalled. Measured at n = 10,000: where the shifted duals can prove the matching
     * the shortfall halves every sweep; where they cannot (a pair only a new matching can cover
     * stays uncovered) it stalls within 3-4 sweeps, and sweeping on to 50 cost 0.03-0.06 s a round.
     */
    private static final double STALLED = 0.99;

    private final int[] mate;
    private final double[] dual;
    /** Each person's pairs (CSR): the other end, the least cover the pair must keep, and whether that is a hard limit. */
    private final int[] first;
    private final int[] other;
    private final double[] floor;
    private final boolean[] hard;
    /** The least a matched person's dual may fall to, for their pair with a dummy partner. */
    private final double[] lowest;
    /** How far this sweep's shifts fell short of covering the pairs outside the graph. */
    private double shortfall;

    /**
     * @param graph the solved graph's pairs (sorted keys of cohort indexes)
     * @param outside pairs outside the graph to cover (keys of cohort indexes)
     * @param solved the solve of the graph, whose duals set the hard limits
     * @param start the duals to shift from: the solve's, or an earlier shift of them
     */
    DualShift(Cohort cohort, int[] members, long[] graph, long[] outside, CardinalityFirstMatching.Solution solved,
              double[] start) {
        int g = members.length;
        mate = solved.mate();
        dual = start.clone();
        double[] y = solved.dual();
        int total = graph.length + outside.length;
        int[] a = new int[total];
        int[] b = new int[total];
        first = new int[g + 1];
        for (int i = 0; i < total; i++) {
            long key = i < graph.length ? graph[i] : outside[i - graph.length];
            a[i] = Arrays.binarySearch(members, (int) (key >>> 32));
            b[i] = Arrays.binarySearch(members, (int) key);
            first[a[i] + 1]++;
            first[b[i] + 1]++;
        }
        for (int v = 0; v < g; v++) {
            first[v + 1] += first[v];
        }
        int[] next = Arrays.copyOf(first, g);
        other = new int[2 * total];
        floor = new double[2 * total];
        hard = new boolean[2 * total];
        for (int i = 0; i < total; i++) {
            double score = cohort.score(members[a[i]], members[b[i]]);
            boolean inGraph = i < graph.length;
            // a graph pair the solver left short (inside a blossom) need only stay that short
            double least = inGraph ? Math.min(score, y[a[i]] + y[b[i]]) : score;
            for (int end = 0; end < 2; end++) {
                int at = next[end == 0 ? a[i] : b[i]]++;
                other[at] = end == 0 ? b[i] : a[i];
                floor[at] = least;
                hard[at] = inGraph;
            }
        }
        lowest = new double[g];
        double dummy = solved.dummyDual();
        for (int v = 0; v < g; v++) {
            lowest[v] = Double.isInfinite(dummy) ? Double.NEGATIVE_INFINITY : Math.min(-dummy, y[v]);
        }
    }

    /** The shifted duals, after sweeping until no pair moves, the sweeps stall, or {@link #SWEEPS} sweeps. */
    double[] shifted() {
        double before = Double.POSITIVE_INFINITY;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double moved = 0;
            shortfall = 0;
            for (int u = 0; u < mate.length; u++) {
                int v = mate[u];
                if (v > u && !Double.isNaN(dual[u]) && !Double.isNaN(dual[v])) {
                    moved = Math.max(moved, Math.abs(settle(u, v)));
                }
            }
            if (moved < 1e-9 || shortfall > STALLED * before) {
                break;
            }
            before = shortfall;
        }
        return dual.clone();
    }

    /**
     * Moves u's dual up by t and v's down by t: the t closest to 0 that covers u's and v's pairs
     * outside the graph, or, when no t covers all of them, the middle of the two demands;
     * always within the hard limits, which t = 0 meets.
     */
    private double settle(int u, int v) {
        double hardLow = lowest[u] - dual[u];
        double hardHigh = dual[v] - lowest[v];
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        for (int j = first[u]; j < first[u + 1]; j++) {
            int x = other[j];
            if (x != v && !Double.isNaN(dual[x])) {
                double need = floor[j] - dual[u] - dual[x];
                if (hard[j]) {
                    hardLow = Math.max(hardLow, need);
                } else {
                    low = Math.max(low, need);
                }
            }
        }
        for (int j = first[v]; j < first[v + 1]; j++) {
            int x = other[j];
            if (x != u && !Double.isNaN(dual[x])) {
                double room = dual[v] + dual[x] - floor[j];
                if (hard[j]) {
                    hardHigh = Math.min(hardHigh, room);
                } else {
                    high = Math.min(high, room);
                }
            }
        }
        double t = low <= high ? Math.max(low, Math.min(0, high)) : (low + high) / 2;
        t = Math.min(Math.max(t, Math.min(0, hardLow)), Math.max(0, hardHigh));
        shortfall += Math.max(0, low - t) + Math.max(0, t - high);
        dual[u] += t;
        dual[v] -= t;
        return t;
    }

    /**
     * How much the pairs outside the graph could still gain against the current duals: half of
     * each person's largest {@code score - dual - dual} over them, summed, as {@link PricedMatching}
     * bounds a matching's gain over all pairs. Read from the pairs as the constructor laid them
     * out, each under both its ends.
     */
    double gain() {
        double total = 0;
        for (int u = 0; u < first.length - 1; u++) {
            double largest = 0;
            for (int j = first[u]; j < first[u + 1]; j++) {
                if (!hard[j]) {
                    largest = Math.max(largest, floor[j] - dual[u] - dual[other[j]]);
                }
            }
            total += largest;
        }
        return total / 2;
    }
}
