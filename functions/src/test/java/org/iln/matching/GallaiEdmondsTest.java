package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The decomposition against its definition, on seeded random small graphs: D is every vertex
 * whose removal leaves a maximum matching as large (some maximum matching leaves it unmatched),
 * A is D's neighbours outside D, and D's components are those of the graph on D.
 */
class GallaiEdmondsTest {

    @Test
    void random_graphs_decompose_as_the_definition_says() {
        Random random = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            int n = 2 + random.nextInt(11);
            double density = 0.1 + 0.5 * random.nextDouble();
            boolean[][] edge = new boolean[n][n];
            long[] pairs = IntStream.range(0, n).boxed().flatMapToLong(u -> IntStream.range(u + 1, n)
                    .filter(v -> random.nextDouble() < density).mapToLong(v -> Cohort.key(u, v))).toArray();
            for (long key : pairs) {
                edge[(int) (key >>> 32)][(int) key] = true;
                edge[(int) key][(int) (key >>> 32)] = true;
            }
            ArrayGraph graph = ArrayGraph.of(n, pairs);
            int[] mate = graph.mates(graph.mostMatchedFrom(Set.of()));

            GallaiEdmonds decomposition = GallaiEdmonds.of(graph, mate);

            int most = (int) Exhaustive.best(n, (x, y) -> edge[x][y] ? 0 : -1)[0];
            for (int v = 0; v < n; v++) {
                int without = v;
                boolean exposable = Exhaustive.best(n, (x, y) -> edge[x][y] && x != without && y != without ? 0 : -1)[0] == most;
                assertThat(decomposition.component[v] >= 0).as("trial %d, vertex %d in D", trial, v).isEqualTo(exposable);
            }
            int[] expectedTutte = IntStream.range(0, n).filter(v -> decomposition.component[v] < 0
                    && IntStream.range(0, n).anyMatch(u -> edge[u][v] && decomposition.component[u] >= 0)).toArray();
            assertThat(decomposition.tutte).as("trial %d: A", trial).containsExactly(expectedTutte);
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (edge[u][v] && decomposition.component[u] >= 0 && decomposition.component[v] >= 0) {
                        assertThat(decomposition.component[u]).as("trial %d: %d-%d in one component", trial, u, v)
                                .isEqualTo(decomposition.component[v]);
                    }
                }
            }
            // what must stay unmatched: D's components less A
            assertThat(decomposition.components - decomposition.tutte.length).as("trial %d: deficiency", trial)
                    .isEqualTo(n - 2 * most);
        }
    }

    @Test
    void a_matching_that_is_not_maximum_is_refused() {
        // a path 0-1-2-3 matched in its middle only
        ArrayGraph graph = ArrayGraph.of(4, new long[] {Cohort.key(0, 1), Cohort.key(1, 2), Cohort.key(2, 3)});

        assertThatThrownBy(() -> GallaiEdmonds.of(graph, new int[] {-1, 2, 1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not maximum");
    }
}
