package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The solver against an exact oracle (every matching, enumerated) on random small graphs, in the
 * style of JGraphT's matching contract tests: seeded, certified against exhaustive search.
 */
class CardinalityFirstMatchingTest {

    private final CardinalityFirstMatching solver = new CardinalityFirstMatching();

    @Test
    void one_more_pair_beats_any_weight() {
        // given a path a-b-c-d whose middle edge is far heavier than the two ends together
        int[] a = {0, 1, 2};
        int[] b = {1, 2, 3};
        double[] w = {1, 100, 1};

        // when
        int[] mate = solver.solve(4, a, b, w);

        // then both ends are matched, not the heavy middle
        assertThat(mate).containsExactly(1, 0, 3, 2);
    }

    @Test
    void among_matchings_of_the_same_size_the_heaviest_wins() {
        // given a 4-cycle with one heavy perfect matching
        int[] a = {0, 1, 2, 3};
        int[] b = {1, 2, 3, 0};
        double[] w = {5, 1, 5, 1};

        // when
        int[] mate = solver.solve(4, a, b, w);

        // then
        assertThat(mate).containsExactly(1, 0, 3, 2);
    }

    @Test
    void of_equally_heavy_matchings_a_re_solve_keeps_the_known_pairs() {
        // given a 4-cycle whose two perfect matchings weigh the same
        int[] a = {0, 1, 2, 3};
        int[] b = {1, 2, 3, 0};
        double[] w = {5, 5, 5, 5};

        // when it is re-solved from one matching, then from the other
        CardinalityFirstMatching.Solution fromFirst = solver.solveWithDuals(4, a, b, w, new int[] {1, 0, 3, 2});
        CardinalityFirstMatching.Solution fromSecond = solver.solveWithDuals(4, a, b, w, new int[] {3, 2, 1, 0});

        // then each keeps the pairs it was given, with duals that still cover every pair and add up
        // to the weight plus a surplus below one point
        assertThat(fromFirst.mate()).containsExactly(1, 0, 3, 2);
        assertThat(fromSecond.mate()).containsExactly(3, 2, 1, 0);
        for (CardinalityFirstMatching.Solution solution : new CardinalityFirstMatching.Solution[] {fromFirst, fromSecond}) {
            for (int e = 0; e < a.length; e++) {
                assertThat(solution.dual()[a[e]] + solution.dual()[b[e]]).isGreaterThanOrEqualTo(w[e]);
            }
            assertThat(solution.surplus()).isGreaterThan(0).isLessThan(1);
            assertThat(Arrays.stream(solution.dual()).sum()).isEqualTo(10 + solution.surplus());
        }
    }

    @Test
    void known_pairs_never_outweigh_a_heavier_matching() {
        // given a 4-cycle with one heavy perfect matching, and the light one known
        int[] a = {0, 1, 2, 3};
        int[] b = {1, 2, 3, 0};
        double[] w = {5, 4, 5, 4};

        // when it is re-solved from the light one
        int[] mate = solver.solveWithDuals(4, a, b, w, new int[] {3, 2, 1, 0}).mate();

        // then the heavy one wins
        assertThat(mate).containsExactly(1, 0, 3, 2);
    }

    @Test
    void a_pair_given_twice_counts_once_with_its_larger_weight() {
        // given a 4-cycle whose pair 0-1 comes again, reversed and heavier
        int[] a = {0, 2, 0, 1, 1};
        int[] b = {1, 3, 2, 3, 0};
        double[] w = {1, 1, 3, 3, 10};

        // when
        int[] mate = solver.solve(4, a, b, w);

        // then 0-1 weighs 10, so 0-1 and 2-3 (11) beat 0-2 and 1-3 (6)
        assertThat(mate).containsExactly(1, 0, 3, 2);
    }

    @Test
    void a_component_where_most_must_stay_unmatched_takes_its_heaviest_pair_and_has_duals() {
        // given a star of 1,500 leaves: 1,499 must stay unmatched. Each leaf is a component of the
        // vertices that can be (GallaiEdmonds), with a dummy partner of its own, and the centre takes one filler
        int leaves = 1_500;
        int[] a = new int[leaves];
        int[] b = new int[leaves];
        double[] w = new double[leaves];
        for (int i = 0; i < leaves; i++) {
            a[i] = 0;
            b[i] = i + 1;
            w[i] = i == 700 ? 9 : i % 7;
        }

        // when
        CardinalityFirstMatching.Solution solution = solver.solveWithDuals(leaves + 1, a, b, w);

        // then the centre is paired with the one heaviest leaf, everyone else is unmatched, and
        // everyone has a dual to price with
        int[] mate = solution.mate();
        assertThat(mate[0]).isEqualTo(701);
        assertThat(mate[701]).isZero();
        assertThat(Arrays.stream(mate).filter(m -> m >= 0).count()).isEqualTo(2);
        assertThat(solution.dual()).doesNotContain(Double.NaN);
    }

    @Test
    void a_comb_whose_leaves_must_stay_unmatched_is_solved_with_dummy_partners_and_has_duals() {
        // given a comb: a path of 1,000 people, each with two or three leaves of their own, the first
        // the heaviest, and heavy pairs along the path. 1,100 leaves must stay unmatched, each a
        // component of its own, and the 1,000 on the path take fillers. Fillers joined to every
        // dummy partner were 2.1 million weight-0 edges, past the budget: the method without duals
        Comb comb = new Comb(1_000);

        // when
        CardinalityFirstMatching.Solution solution = comb.solve(solver);

        // then one more pair beats the heavy path: everyone on it is paired with their heaviest leaf,
        // and each filler was joined to its own person's leaves only, so there are duals to price with
        for (int i = 0; i < comb.spine; i++) {
            assertThat(solution.mate()[i]).as("person %d on the path", i).isEqualTo(comb.firstLeaf[i]);
        }
        assertThat(solution.dual()).as("duals").doesNotContain(Double.NaN);
    }

    @Test
    void a_component_with_more_weight_0_edges_than_the_budget_adds_a_constant_instead() {
        // given the comb, and a budget of weight-0 edges below the 4,200 it needs
        Comb comb = new Comb(1_000);
        CardinalityFirstMatching small = new CardinalityFirstMatching(4_000);

        // when
        CardinalityFirstMatching.Solution solution = comb.solve(small);

        // then it is solved by the constant-per-pair method, with the same pairs and no duals
        for (int i = 0; i < comb.spine; i++) {
            assertThat(solution.mate()[i]).as("person %d on the path", i).isEqualTo(comb.firstLeaf[i]);
        }
        assertThat(solution.dual()[0]).isNaN();
    }

    /** A path of people, each with two leaves (every tenth with three), the first leaf the heaviest. */
    private static final class Comb {
        final int spine;
        final int[] firstLeaf;
        private final List<int[]> edges = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();
        private final int vertices;

        Comb(int spine) {
            this.spine = spine;
            firstLeaf = new int[spine];
            int next = spine;
            for (int i = 0; i < spine; i++) {
                if (i > 0) {
                    edges.add(new int[] {i - 1, i});
                    weights.add(100.0);
                }
                firstLeaf[i] = next;
                for (int leaf = 0; leaf < (i % 10 == 0 ? 3 : 2); leaf++) {
                    edges.add(new int[] {i, next++});
                    weights.add(leaf == 0 ? 20.0 : leaf);
                }
            }
            vertices = next;
        }

        CardinalityFirstMatching.Solution solve(CardinalityFirstMatching solver) {
            return solver.solveWithDuals(vertices, edges.stream().mapToInt(e -> e[0]).toArray(),
                    edges.stream().mapToInt(e -> e[1]).toArray(), weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    @Test
    void isolated_vertices_stay_unmatched() {
        assertThat(solver.solve(3, new int[] {0}, new int[] {2}, new double[] {0})).containsExactly(2, -1, 0);
    }

    @Test
    void negative_weights_and_self_loops_are_refused() {
        assertThatThrownBy(() -> solver.solve(2, new int[] {0}, new int[] {1}, new double[] {-1}))
                .hasMessageContaining("edge 0").hasMessageContaining("not negative");
        assertThatThrownBy(() -> solver.solve(2, new int[] {1}, new int[] {1}, new double[] {1}))
                .hasMessageContaining("edge 0");
    }

    @Test
    void random_graphs_match_the_exhaustive_optimum() {
        Random random = new Random(1);
        for (int round = 0; round < 300; round++) {
            // given a random graph of up to 12 vertices with integer weights, some of them zero
            int n = 2 + random.nextInt(11);
            double density = 0.1 + 0.6 * random.nextDouble();
            int[][] edges = new int[n * n][];
            int m = 0;
            for (int x = 0; x < n; x++) {
                for (int y = x + 1; y < n; y++) {
                    if (random.nextDouble() < density) {
                        edges[m++] = new int[] {x, y, random.nextInt(10)};
                    }
                }
            }
            int[] a = new int[m];
            int[] b = new int[m];
            double[] w = new double[m];
            double[][] weight = new double[n][n];
            for (int e = 0; e < m; e++) {
                a[e] = edges[e][0];
                b[e] = edges[e][1];
                w[e] = edges[e][2];
                weight[a[e]][b[e]] = weight[b[e]][a[e]] = w[e] + 1; // +1 marks "an edge"
            }

            // when solved from nothing, and again from a random known matching (as a re-solve
            // passes the previous one), which may be partial or name pairs that are not edges
            int[] mate = solver.solve(n, a, b, w);
            int[] known = randomMatching(n, random);
            int[] fromKnown = solver.solveWithDuals(n, a, b, w, known).mate();

            // then it is a matching of the graph, and as good as the best one
            double[] best = Exhaustive.best(n, (x, y) -> weight[x][y] > 0 ? weight[x][y] - 1 : -1);
            assertThat(summary(mate, weight)).as("round %d, n %d", round, n).containsExactly(best);
            assertThat(summary(fromKnown, weight)).as("round %d, n %d, from a known matching", round, n)
                    .containsExactly(best);
        }
    }

    @Test
    void the_duals_bound_every_matching_with_as_many_matched_whoever_it_leaves_unmatched() {
        Random random = new Random(3);
        int withUnmatched = 0;
        for (int round = 0; round < 300; round++) {
            // given a sparse random graph of up to 10 vertices, where several must stay unmatched
            int n = 4 + random.nextInt(7);
            double density = 0.15 + 0.3 * random.nextDouble();
            double[][] weight = new double[n][n];
            List<int[]> edges = new ArrayList<>();
            for (int x = 0; x < n; x++) {
                for (int y = x + 1; y < n; y++) {
                    if (random.nextDouble() < density) {
                        edges.add(new int[] {x, y, random.nextInt(10)});
                        weight[x][y] = weight[y][x] = edges.get(edges.size() - 1)[2] + 1; // +1 marks "an edge"
                    }
                }
            }
            int[] a = edges.stream().mapToInt(e -> e[0]).toArray();
            int[] b = edges.stream().mapToInt(e -> e[1]).toArray();
            double[] w = edges.stream().mapToDouble(e -> e[2]).toArray();
            boolean[] isolated = new boolean[n];
            for (int v = 0; v < n; v++) {
                int x = v;
                isolated[v] = edges.stream().noneMatch(e -> e[0] == x || e[1] == x);
            }

            // when it is solved, from nothing and from a random known matching
            for (CardinalityFirstMatching.Solution solution : new CardinalityFirstMatching.Solution[] {
                solver.solveWithDuals(n, a, b, w), solver.solveWithDuals(n, a, b, w, randomMatching(n, random))}) {
                double[] mine = summary(solution.mate(), weight);
                if (IntStream.range(0, n).anyMatch(v -> !isolated[v] && Double.isNaN(solution.dual()[v]))) {
                    continue;
                }
                withUnmatched += IntStream.range(0, n).anyMatch(v -> !isolated[v] && solution.mate()[v] < 0) ? 1 : 0;

                // then every matching with as many pairs weighs at most this one's weight and surplus,
                // plus what those it leaves unmatched could gain from the dummy partners: minus their
                // duals, less the dummy credit
                for (int[] other : matchings(n, weight)) {
                    double[] theirs = summary(other, weight);
                    if (theirs[0] != mine[0]) {
                        continue;
                    }
                    double unmatchedGain = IntStream.range(0, n).filter(v -> !isolated[v] && other[v] < 0)
                            .mapToDouble(v -> -solution.dual()[v]).sum() - solution.dummyCredit();
                    assertThat(theirs[1]).as("round %d, n %d", round, n)
                            .isLessThanOrEqualTo(mine[1] + solution.surplus() + unmatchedGain + 1e-6);
                }
            }
        }
        assertThat(withUnmatched).as("solves that left someone unmatched").isGreaterThan(100);
    }

    /** Every matching of the graph (weight[x][y] > 0 marks an edge), as partner arrays. */
    private static List<int[]> matchings(int n, double[][] weight) {
        List<int[]> all = new ArrayList<>();
        int[] mate = new int[n];
        Arrays.fill(mate, -1);
        extend(0, mate, weight, all);
        return all;
    }

    private static void extend(int from, int[] mate, double[][] weight, List<int[]> all) {
        int v = from;
        while (v < mate.length && mate[v] >= 0) {
            v++;
        }
        if (v == mate.length) {
            all.add(mate.clone());
            return;
        }
        extend(v + 1, mate, weight, all);
        for (int u = v + 1; u < mate.length; u++) {
            if (mate[u] < 0 && weight[v][u] > 0) {
                mate[v] = u;
                mate[u] = v;
                extend(v + 1, mate, weight, all);
                mate[v] = -1;
                mate[u] = -1;
            }
        }
    }

    /** Pairs and total weight of a matching, checking that it is one. */
    private static double[] summary(int[] mate, double[][] weight) {
        double pairs = 0;
        double total = 0;
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] >= 0) {
                assertThat(mate[mate[v]]).isEqualTo(v);
                assertThat(weight[v][mate[v]]).isPositive();
                if (mate[v] > v) {
                    pairs++;
                    total += weight[v][mate[v]] - 1;
                }
            }
        }
        return new double[] {pairs, total};
    }

    /** Random disjoint pairs of vertices, edges of the graph or not. */
    private static int[] randomMatching(int n, Random random) {
        int[] mate = new int[n];
        java.util.Arrays.fill(mate, -1);
        for (int v = 0; v < n; v++) {
            int u = random.nextInt(n);
            if (u != v && mate[v] < 0 && mate[u] < 0 && random.nextBoolean()) {
                mate[v] = u;
                mate[u] = v;
            }
        }
        return mate;
    }
}
