package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shifted duals keep what makes the pricing bound exact: the duals' total, and the graph's pairs
 * and the dummy pairs no less covered. That they prove what a re-solve would is checked where
 * they are used ({@link PricedMatchingTest}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DualShiftTest {

    private static final double EXACT = 1e-9;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iln.matching.PoolFamiliesTest#families")
    void a_shift_moves_each_matched_pair_s_duals_by_opposite_amounts_and_leaves_no_graph_pair_less_covered(String family) {
        for (long seed = 1; seed <= 4; seed++) {
            // given a solve of everyone's single best candidate, and the pairs pricing finds outside it
            Priced start = Priced.of(PoolFamilies.of(family, 150, seed));
            CardinalityFirstMatching.Solution solved = start.solution;
            double[] before = solved.dual();

            // when the duals are shifted to cover those pairs
            double[] after = new DualShift(start.cohort, start.members, start.graph, start.outside, solved, before).shifted();

            // then matched pairs keep their sum, unmatched people their dual, and no limit is crossed
            int[] mate = solved.mate();
            for (int v = 0; v < mate.length; v++) {
                if (mate[v] < 0 || Double.isNaN(before[v])) {
                    assertThat(Double.valueOf(after[v])).as("%s seed %d: unmatched %d", family, seed, v).isEqualTo(Double.valueOf(before[v]));
                } else if (mate[v] > v) {
                    assertThat(after[v] + after[mate[v]]).as("%s seed %d: pair of %d", family, seed, v)
                            .isCloseTo(before[v] + before[mate[v]], within(EXACT));
                }
                if (mate[v] >= 0 && !Double.isInfinite(solved.dummyDual())) {
                    assertThat(after[v]).as("%s seed %d: %d against a dummy partner", family, seed, v)
                            .isGreaterThanOrEqualTo(Math.min(-solved.dummyDual(), before[v]) - EXACT);
                }
            }
            for (long key : start.graph) {
                int u = Arrays.binarySearch(start.members, (int) (key >>> 32));
                int v = Arrays.binarySearch(start.members, (int) key);
                double score = start.cohort.score(start.members[u], start.members[v]);
                assertThat(after[u] + after[v]).as("%s seed %d: graph pair %d-%d", family, seed, u, v)
                        .isGreaterThanOrEqualTo(Math.min(score, before[u] + before[v]) - EXACT);
            }
        }
    }

    /** A solve of everyone's best candidate, and every pair pricing finds against its duals. */
    private record Priced(Cohort cohort, int[] members, long[] graph, CardinalityFirstMatching.Solution solution,
                          long[] outside) {

        static Priced of(Pool pool) {
            Cohort cohort = new Cohort(PricedMatchingTest.pairsOnly(pool), ScoreWeights.DEFAULTS);
            int[] everyone = IntStream.range(0, cohort.size).toArray();
            boolean[] alone = Matcher.withoutPartner(cohort, everyone);
            int[] members = Arrays.stream(everyone).filter(i -> !alone[i]).toArray();
            long[] graph = CandidateGraph.build(cohort, members, Islands.of(cohort, members), 1, 0, true);
            CardinalityFirstMatching.Solution solution = PricedMatching.solveGraph(cohort, members, graph, null);
            long[] outside = PricedMatching.price(cohort, Islands.of(cohort, members), members, graph, solution, 3, 0, true).pairs();
            return new Priced(cohort, members, graph, solution, outside);
        }
    }
}
