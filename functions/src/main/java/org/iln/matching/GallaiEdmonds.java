package org.iln.matching;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The Gallai-Edmonds decomposition of a graph, read off one of its maximum matchings: the
 * vertices some maximum matching leaves unmatched (D), their neighbours outside D (A), and the
 * rest (C). Every maximum matching matches C within itself, each vertex of A to a different
 * component of the graph on D, and leaves every other component of D with exactly one vertex
 * unmatched; so the number that must stay unmatched is the number of D's components less |A|.
 *
 * <p>Why {@link CardinalityFirstMatching} needs it: to make room for the people who must stay
 * unmatched it gave each of them a dummy partner joined to every vertex, and where hundreds must
 * (a language spoken by thousands in one country and a hundred abroad) those were millions of
 * edges, and each solve took 10-20 s. Only D's vertices can be left unmatched, at most one per
 * component, which takes one shared partner per component instead (see there).
 *
 * <p>Found as Edmonds finds augmenting paths, from every unmatched vertex at once: with a maximum
 * matching no search succeeds, and the vertices reached at an even distance, with the blossoms
 * they close, are D; those reached at an odd distance are A.
 */
final class GallaiEdmonds {

    /** Each vertex's component of the graph on D (0..components-1), or -1 outside D. */
    final int[] component;
    /** How many components the graph on D has. */
    final int components;
    /** The vertices of A, ascending. */
    final int[] tutte;

    private GallaiEdmonds(int[] component, int components, int[] tutte) {
        this.component = component;
        this.components = components;
        this.tutte = tutte;
    }

    /**
     * @param mate each vertex's partner in a maximum matching of the graph, or -1
     * @throws IllegalArgumentException when the matching is not maximum (a search found an augmenting path)
     */
    static GallaiEdmonds of(ArrayGraph graph, int[] mate) {
        return new Search(graph, mate).run();
    }

    /**
     * One search forest from every unmatched vertex. A blossom is shrunk into its base by joining
     * their sets (union-find), so shrinking costs the length of its cycle, not a pass over every
     * vertex: a graph where nearly everyone can be matched closes thousands of blossoms.
     */
    private static final class Search {
        private final ArrayGraph graph;
        private final int[] mate;
        private final int n;
        /** Union-find over blossoms: a set's root is the base of the blossom its vertices were shrunk into. */
        private final int[] blossom;
        /** For a vertex reached at an odd distance, the even vertex it was reached from. */
        private final int[] parent;
        private final boolean[] even;
        private final int[] queue;
        private int head;
        private int tail;
        private final int[] seen;
        private int stamp;

        Search(ArrayGraph graph, int[] mate) {
            this.graph = graph;
            this.mate = mate;
            n = mate.length;
            blossom = new int[n];
            parent = new int[n];
            even = new boolean[n];
            queue = new int[n];
            seen = new int[n];
            for (int v = 0; v < n; v++) {
                blossom[v] = v;
                parent[v] = -1;
            }
        }

        GallaiEdmonds run() {
            for (int v = 0; v < n; v++) {
                if (mate[v] < 0) {
                    reach(v);
                }
            }
            while (head < tail) {
                int v = queue[head++];
                for (int i = 0, degree = graph.degreeOf(v); i < degree; i++) {
                    int w = graph.neighbour(v, i);
                    if (mate[v] == w || base(v) == base(w)) {
                        continue;
                    }
                    if (even[w]) {
                        shrink(v, w);
                    } else if (parent[w] < 0) {
                        if (mate[w] < 0) {
                            throw new IllegalArgumentException("the matching is not maximum: " + v + " and " + w + " end an augmenting path");
                        }
                        parent[w] = v;
                        reach(mate[w]);
                    }
                }
            }
            return decomposition();
        }

        private void reach(int v) {
            even[v] = true;
            queue[tail++] = v;
        }

        private int base(int v) {
            while (blossom[v] != v) {
                blossom[v] = blossom[blossom[v]];
                v = blossom[v];
            }
            return v;
        }

        /** An edge between two even vertices of the same tree closes a blossom: all of it becomes even. */
        private void shrink(int v, int w) {
            int b = commonBase(v, w);
            shrinkPath(v, b);
            shrinkPath(w, b);
        }

        /** The base where the tree paths of two even vertices meet. */
        private int commonBase(int a, int b) {
            stamp++;
            while (true) {
                a = base(a);
                seen[a] = stamp;
                if (mate[a] < 0) {
                    break;
                }
                a = parent[mate[a]];
            }
            while (true) {
                b = base(b);
                if (seen[b] == stamp) {
                    return b;
                }
                if (mate[b] < 0) {
                    throw new IllegalArgumentException("the matching is not maximum: two search trees meet");
                }
                b = parent[mate[b]];
            }
        }

        /** Joins the blossoms and odd vertices on the tree path from v up to the base b into b's blossom. */
        private void shrinkPath(int v, int b) {
            for (int x = base(v); x != b; x = base(parent[mate[x]])) {
                int odd = mate[x];
                blossom[x] = b;
                blossom[odd] = b;
                if (!even[odd]) {
                    reach(odd);
                }
            }
        }

        private GallaiEdmonds decomposition() {
            int[] root = new int[n];
            for (int v = 0; v < n; v++) {
                root[v] = v;
            }
            for (int v = 0; v < n; v++) {
                for (int i = 0, degree = even[v] ? graph.degreeOf(v) : 0; i < degree; i++) {
                    int w = graph.neighbour(v, i);
                    if (even[w]) {
                        root[find(root, v)] = find(root, w);
                    }
                }
            }
            int[] component = new int[n];
            int[] numbered = new int[n];
            Arrays.fill(numbered, -1);
            int components = 0;
            for (int v = 0; v < n; v++) {
                if (!even[v]) {
                    component[v] = -1;
                    continue;
                }
                int r = find(root, v);
                if (numbered[r] < 0) {
                    numbered[r] = components++;
                }
                component[v] = numbered[r];
            }
            int[] tutte = IntStream.range(0, n).filter(v -> !even[v] && parent[v] >= 0).toArray();
            return new GallaiEdmonds(component, components, tutte);
        }

        private static int find(int[] root, int v) {
            while (root[v] != v) {
                root[v] = root[root[v]];
                v = root[v];
            }
            return v;
        }
    }
}
