package org.iln.matching;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The exact cardinality-first optimum of a pool over every eligible pair (no candidate lists, no
 * pricing): JGraphT's Blossom V through {@link CardinalityFirstMatching} on the complete
 * eligibility graph. Feasible up to a few thousand people; the tests' and the benchmark's oracle.
 */
final class ExactOptimum {

    private ExactOptimum() {
    }

    /** Every eligible pair of the cohort, as sorted keys ({@link Cohort#key}). */
    static long[] allPairs(Cohort cohort) {
        return IntStream.range(0, cohort.size).parallel().boxed()
                .flatMapToLong(a -> IntStream.range(a + 1, cohort.size).filter(b -> cohort.eligible(a, b))
                        .mapToLong(b -> Cohort.key(a, b)))
                .sorted().toArray();
    }

    /** {matched people, total score} of the best matching over the given pairs. */
    static long[] solve(Cohort cohort, long[] keys, CardinalityFirstMatching solver) {
        int[] a = new int[keys.length];
        int[] b = new int[keys.length];
        double[] w = new double[keys.length];
        for (int e = 0; e < keys.length; e++) {
            a[e] = (int) (keys[e] >>> 32);
            b[e] = (int) keys[e];
            w[e] = cohort.score(a[e], b[e]);
        }
        int[] mate = solver.solve(cohort.size, a, b, w);
        long matched = Arrays.stream(mate).filter(v -> v >= 0).count();
        long total = 0;
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] > v) {
                total += cohort.score(v, mate[v]);
            }
        }
        return new long[] {matched, total};
    }

    /** The most people any matching over every eligible pair puts in pairs (Edmonds; no weights). */
    static long mostMatched(Cohort cohort) {
        ArrayGraph graph = ArrayGraph.of(cohort.size, allPairs(cohort));
        return 2L * new org.jgrapht.alg.matching.SparseEdmondsMaximumCardinalityMatching<>(graph).getMatching().getEdges().size();
    }

    /** {matched people, total score} of the best matching over every eligible pair. */
    static long[] of(Cohort cohort) {
        return solve(cohort, allPairs(cohort), new CardinalityFirstMatching());
    }
}
