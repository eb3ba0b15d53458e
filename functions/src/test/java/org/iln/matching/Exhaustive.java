package org.iln.matching;

/** The exact oracle: every matching of a small graph, enumerated; best is most pairs, then most weight. */
final class Exhaustive {

    /** Weight of the pair, or a negative number when the pair is not an edge. */
    interface Weight {
        double of(int x, int y);
    }

    private Exhaustive() {
    }

    /** {pairs, total weight} of the best matching. */
    static double[] best(int n, Weight weight) {
        return search(0, new boolean[n], n, weight);
    }

    private static double[] search(int from, boolean[] used, int n, Weight weight) {
        int v = from;
        while (v < n && used[v]) {
            v++;
        }
        if (v >= n) {
            return new double[] {0, 0};
        }
        used[v] = true;
        double[] best = search(v + 1, used, n, weight); // v stays single
        for (int u = v + 1; u < n; u++) {
            double w = used[u] ? -1 : weight.of(v, u);
            if (w >= 0) {
                used[u] = true;
                double[] rest = search(v + 1, used, n, weight);
                used[u] = false;
                double[] candidate = {rest[0] + 1, rest[1] + w};
                if (candidate[0] > best[0] || (candidate[0] == best[0] && candidate[1] > best[1])) {
                    best = candidate;
                }
            }
        }
        used[v] = false;
        return best;
    }
}
