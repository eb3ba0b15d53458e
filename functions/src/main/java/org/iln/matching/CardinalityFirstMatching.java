package org.iln.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jgrapht.alg.matching.blossom.v5.BlossomVOptions;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedPerfectMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;

/**
 * An exact matching of a weighted graph that first matches as many vertices as possible and,
 * among those matchings, has the highest total weight.
 *
 * <p>Each connected component is solved on its own with JGraphT's Blossom V. A maximum-cardinality
 * matching (Edmonds) tells how many vertices must stay unmatched, and where they can be
 * ({@link GallaiEdmonds}). Dummy partners joined to those places by weight-0 edges ({@link Room})
 * make a graph whose maximum-weight <em>perfect</em> matchings
 * ({@link KolmogorovWeightedPerfectMatching}) are exactly the maximum-weight maximum-cardinality
 * matchings of the component, which measured several times faster than the general solver, and
 * whose duals price every pair. When that would take too many edges, it adds a constant {@code C}
 * to every edge and solves a maximum-weight matching ({@link KolmogorovWeightedMatching}): with
 * {@code C} greater than half the component's size times its largest weight, one more edge is
 * always worth more than any difference in weight, so
 * the result again has maximum cardinality, then maximum weight. With integer weights every sum
 * stays an exact {@code double}.
 */
public final class CardinalityFirstMatching {

    /**
     * Most weight-0 edges (dummy partners' and fillers') worth adding to make room for the vertices
     * that must stay unmatched. They are at most the vertices of D plus twice the graph's edges
     * ({@link Room}), so only a component of about a million pairs comes near it.
     */
    private static final long DUMMY_EDGE_BUDGET = 2_000_000;

    /** The Blossom V options that measured fastest on ILN-shaped graphs. */
    private static final BlossomVOptions FASTEST = new BlossomVOptions(BlossomVOptions.InitializationType.FRACTIONAL,
            BlossomVOptions.DualUpdateStrategy.MULTIPLE_TREE_CONNECTED_COMPONENTS, true, false);

    private final BlossomVOptions options;
    private final long dummyEdgeBudget;

    /** A solver with the Blossom V options that measured fastest on ILN-shaped graphs. */
    public CardinalityFirstMatching() {
        this(FASTEST, DUMMY_EDGE_BUDGET);
    }

    /** A solver with given Blossom V options, for measuring them. */
    public CardinalityFirstMatching(BlossomVOptions options) {
        this(options, DUMMY_EDGE_BUDGET);
    }

    /** A solver with a smaller budget of weight-0 edges, so that a test can reach the method without duals on a small graph. */
    CardinalityFirstMatching(long dummyEdgeBudget) {
        this(FASTEST, dummyEdgeBudget);
    }

    private CardinalityFirstMatching(BlossomVOptions options, long dummyEdgeBudget) {
        this.options = options;
        this.dummyEdgeBudget = dummyEdgeBudget;
    }

    /**
     * Solves the graph with vertices {@code 0..vertexCount-1} and edges {@code (a[i], b[i])} of
     * weight {@code w[i] >= 0}.
     *
     * @return each vertex's partner, or -1 when it is unmatched
     */
    public int[] solve(int vertexCount, int[] a, int[] b, double[] w) {
        return solveWithDuals(vertexCount, a, b, w).mate();
    }

    /**
     * A solution and a certificate for pricing edges outside the graph.
     *
     * @param mate each vertex's partner, or -1
     * @param dual for each vertex, its Blossom V dual plus the duals of all blossoms that contain it
     *     (blossom duals are never positive when maximising), so that an edge {u, v} of weight
     *     {@code w <= dual[u] + dual[v]} keeps the dual solution feasible: adding it cannot improve
     *     the matching (for the same number of unmatched vertices per component). NaN for vertices
     *     without a certificate (isolated, or in a component solved without dummy partners).
     * @param dummyDual the smallest dual of the dummy partners, whom the vertices left unmatched
     *     are paired with, over all components (positive infinity when none was needed): pricing uses
     *     it to bound what an unmatched person could gain, see {@link PricedMatching}
     * @param dummyCredit the sum of the dummy partners' and fillers' duals, over components: the
     *     duals' objective less the vertices' duals. Another matching's pairs weigh at most their
     *     vertices' duals, so it weighs at most the objective less this and less the duals of the
     *     vertices it leaves unmatched, whoever they are
     * @param surplus how much the duals' objective exceeds the matching's weight: below one point,
     *     the price of settling ties ({@link #preferenceScale}), 0 without a known matching. Any
     *     matching with as many vertices matched weighs at most the weight plus this plus the gains
     *     of the pairs the duals do not cover
     */
    record Solution(int[] mate, double[] dual, double dummyDual, double dummyCredit, double surplus) {

        /** The same solution with other duals for the people (the dummy partners' stay). */
        Solution withDuals(double[] shifted) {
            return new Solution(mate, shifted, dummyDual, dummyCredit, surplus);
        }
    }

    /** The duals gathered from the components, as {@link Solution} reports them. */
    private static final class Certificate {
        final double[] dual;
        double dummyDual = Double.POSITIVE_INFINITY;
        double dummyCredit;
        double surplus;

        Certificate(int vertexCount) {
            dual = new double[vertexCount];
            Arrays.fill(dual, Double.NaN);
        }
    }

    /** {@link #solve}, with the duals of the solution. */
    Solution solveWithDuals(int vertexCount, int[] a, int[] b, double[] w) {
        return solveWithDuals(vertexCount, a, b, w, null);
    }

    /**
     * {@link #solve}, with the duals of the solution, given a matching known to be in the graph
     * (each vertex's partner or -1; pairs that are not edges of the graph are ignored). A re-solve
     * passes the previous solution: when it leaves at most one vertex of a component unmatched, no
     * matching can cover more, and the maximum-cardinality search is skipped; otherwise Edmonds
     * starts from it and only looks for augmenting paths. With whole-number weights, of the
     * heaviest matchings it returns one that keeps the most known pairs
     * ({@link #preferenceScale}); the duals then cover each known pair's weight plus less than
     * one point.
     */
    Solution solveWithDuals(int vertexCount, int[] a, int[] b, double[] w, int[] knownMate) {
        if (a.length != b.length || a.length != w.length) {
            throw new IllegalArgumentException("edge arrays a, b and w must have the same length");
        }
        int[] parent = new int[vertexCount];
        for (int v = 0; v < vertexCount; v++) {
            parent[v] = v;
        }
        for (int e = 0; e < a.length; e++) {
            if (a[e] < 0 || a[e] >= vertexCount || b[e] < 0 || b[e] >= vertexCount || a[e] == b[e]) {
                throw new IllegalArgumentException("edge " + e + " joins " + a[e] + " and " + b[e]
                        + ": vertices must be distinct and in 0.." + (vertexCount - 1));
            }
            if (!(w[e] >= 0) || Double.isInfinite(w[e])) {
                throw new IllegalArgumentException("edge " + e + " has weight " + w[e] + ": weights must be finite and not negative");
            }
            union(parent, a[e], b[e]);
        }
        // group edges by component root, keeping their input order
        int[] edgeCount = new int[vertexCount];
        for (int e = 0; e < a.length; e++) {
            edgeCount[find(parent, a[e])]++;
        }
        int[][] edgesOf = new int[vertexCount][];
        int[] filled = new int[vertexCount];
        for (int e = 0; e < a.length; e++) {
            int r = find(parent, a[e]);
            if (edgesOf[r] == null) {
                edgesOf[r] = new int[edgeCount[r]];
            }
            edgesOf[r][filled[r]++] = e;
        }
        int[] mate = new int[vertexCount];
        Arrays.fill(mate, -1);
        Certificate certificate = new Certificate(vertexCount);
        int[] local = new int[vertexCount];
        Arrays.fill(local, -1);
        for (int r = 0; r < vertexCount; r++) {
            if (edgesOf[r] != null) {
                solveComponent(edgesOf[r], a, b, w, knownMate, local, mate, certificate);
            }
        }
        return new Solution(mate, certificate.dual, certificate.dummyDual, certificate.dummyCredit, certificate.surplus);
    }

    private void solveComponent(int[] edges, int[] a, int[] b, double[] w, int[] knownMate, int[] local,
                                int[] mate, Certificate certificate) {
        double[] dual = certificate.dual;
        if (edges.length == 1) {
            int e = edges[0];
            mate[a[e]] = b[e];
            mate[b[e]] = a[e];
            // a single edge: y = w/2 at both ends is feasible and tight
            dual[a[e]] = w[e] / 2;
            dual[b[e]] = w[e] / 2;
            return;
        }
        // local vertex numbers 0..m-1, in order of first appearance, so the run is deterministic
        // (local[] is shared by all components: each vertex belongs to exactly one)
        int[] global = new int[2 * edges.length];
        int m = 0;
        double maxWeight = 0;
        for (int e : edges) {
            maxWeight = Math.max(maxWeight, w[e]);
            if (local[a[e]] < 0) {
                local[a[e]] = m;
                global[m++] = a[e];
            }
            if (local[b[e]] < 0) {
                local[b[e]] = m;
                global[m++] = b[e];
            }
        }
        int[] source = new int[edges.length];
        int[] target = new int[edges.length];
        double[] weight = new double[edges.length];
        int count = simpleEdges(edges, a, b, w, local, source, target, weight);
        Integer[] boxes = ArrayGraph.boxes(Math.max(m, count), null);
        ArrayGraph real = new ArrayGraph(m, count, source, target, weight, boxes);
        int[] most = mostMatched(real, m, global, local, knownMate);
        Room room = Room.of(real, most);
        if (room.edges() <= dummyEdgeBudget) {
            // A perfect matching must give each dummy partner either a vertex it is joined to, left
            // unmatched, or a filler: as many take fillers as there are fillers, so the real
            // vertices left unmatched are exactly as many as must be, each in a place where some
            // maximum matching leaves one (Room). So the perfect matchings are the maximum-cardinality
            // matchings, and the heaviest perfect one is the heaviest of those.
            int dummies = room.dummies();
            int fillers = room.fillers();
            int total = count + (int) room.edges();
            int[] s = Arrays.copyOf(source, total);
            int[] t = Arrays.copyOf(target, total);
            double scale = knownMate == null ? 1 : preferenceScale(m, weight, count);
            // negated, and solved as a minimum: what the solver does itself for a maximum, without
            // its cache of every edge's negated weight
            double[] negated = new double[total];
            // a pair of the known matching, both ways round, so that the preferred pairs are a matching
            boolean[] preferred = new boolean[count];
            for (int e = 0; e < count; e++) {
                int from = global[source[e]];
                int to = global[target[e]];
                preferred[e] = scale > 1 && knownMate[from] == to && knownMate[to] == from;
                negated[e] = -(weight[e] * scale + (preferred[e] ? 1 : 0));
            }
            room.join(m, s, t, negated, count);
            int vertices = m + dummies + fillers;
            ArrayGraph graph = new ArrayGraph(vertices, total, s, t, negated, ArrayGraph.boxes(Math.max(total, vertices), boxes));
            KolmogorovWeightedPerfectMatching<Integer, Integer> solver =
                    new KolmogorovWeightedPerfectMatching<>(graph, options, ObjectiveSense.MINIMIZE);
            Set<Integer> chosen = solver.getMatching().getEdges();
            take(graph, chosen, m, global, mate);
            double[] y = new double[vertices];
            for (Map.Entry<Set<Integer>, Double> entry : solver.getDualSolution().getDualVariables().entrySet()) {
                for (int v : entry.getKey()) {
                    // the duals of the minimum over negated weights are those of the maximum, negated;
                    // unscaled, they cover each known pair's weight and more, so they still price every pair
                    y[v] -= entry.getValue() / scale;
                }
            }
            for (int v = 0; v < m; v++) {
                dual[global[v]] = y[v];
            }
            // a person left unmatched is in a pair with a dummy partner: pricing bounds what anyone could gain that way
            for (int v = m; v < vertices; v++) {
                if (v < m + dummies) {
                    certificate.dummyDual = Math.min(certificate.dummyDual, y[v]);
                }
                // the duals' objective less the people's duals: whoever another matching leaves
                // unmatched, its pairs weigh at most the people's duals it uses
                certificate.dummyCredit += y[v];
            }
            // the chosen pairs' extra weight: what the duals' objective holds beyond the real weight
            long kept = chosen.stream().filter(c -> c < count && preferred[c]).count();
            certificate.surplus += kept / scale;
        } else {
            // Many must stay unmatched: add C to every edge instead (see the class comment).
            double c = Math.floor(m / 2.0 * maxWeight) + 1;
            double[] shifted = new double[count];
            for (int e = 0; e < count; e++) {
                shifted[e] = c + weight[e];
            }
            ArrayGraph graph = new ArrayGraph(m, count, source, target, shifted, boxes);
            take(graph, new KolmogorovWeightedMatching<>(graph, options, ObjectiveSense.MAXIMIZE).getMatching().getEdges(),
                    m, global, mate);
        }
    }

    /**
     * How much to scale a component's weights so that each pair of the known matching can weigh
     * one more than the others, and so the heaviest matchings closest to the known one win their
     * ties; 1 for no preference. The known pairs, fewer than the scale, add up to less than one
     * point: with whole-number weights no heavier matching is passed over. Why: a re-solve after
     * pricing has many matchings of the same weight to choose from, and Blossom V spent up to 2 s
     * choosing; with the tie settled it took 0.1 to 0.5 s (n = 10,000, docs/matching.md). A power
     * of two, so that scaling and unscaling are exact; none for fractional weights, or for weights
     * so large that the scaled ones would near the solver's 1e10 limit for "no perfect matching".
     */
    private static double preferenceScale(int m, double[] weight, int count) {
        double scale = Integer.highestOneBit(Math.max(1, m / 2)) * 2.0;
        for (int e = 0; e < count; e++) {
            if (weight[e] != Math.rint(weight[e]) || weight[e] * scale > 1e8) {
                return 1;
            }
        }
        return scale;
    }

    /**
     * The component's edges in local vertex numbers, in input order; a pair given twice is kept
     * once, where it first appears, with the larger weight.
     *
     * @return how many edges were written
     */
    private static int simpleEdges(int[] edges, int[] a, int[] b, double[] w, int[] local,
                                   int[] source, int[] target, double[] weight) {
        long[] keys = new long[edges.length];
        for (int i = 0; i < edges.length; i++) {
            int e = edges[i];
            source[i] = local[a[e]];
            target[i] = local[b[e]];
            weight[i] = w[e];
            keys[i] = Cohort.key(source[i], target[i]);
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        boolean repeated = false;
        for (int i = 1; i < sorted.length && !repeated; i++) {
            repeated = sorted[i] == sorted[i - 1];
        }
        if (!repeated) {
            return edges.length;
        }
        Map<Long, Integer> first = new HashMap<>();
        int count = 0;
        for (int i = 0; i < edges.length; i++) {
            Integer at = first.putIfAbsent(keys[i], count);
            if (at == null) {
                source[count] = source[i];
                target[count] = target[i];
                weight[count++] = weight[i];
            } else {
                weight[at] = Math.max(weight[at], weight[i]);
            }
        }
        return count;
    }

    private static void take(ArrayGraph graph, Set<Integer> chosen, int m, int[] global, int[] mate) {
        for (int edge : chosen) {
            int s = graph.source(edge);
            int t = graph.target(edge);
            if (s < m && t < m) {
                mate[global[s]] = global[t];
                mate[global[t]] = global[s];
            }
        }
    }

    /**
     * Room for the vertices a maximum matching must leave unmatched, in weight-0 edges: dummy
     * partners joined to the vertices some maximum matching leaves unmatched (D, {@link GallaiEdmonds}),
     * and fillers that take the dummy partners no one is left for, whichever of two ways needs
     * fewer edges.
     * <ul>
     *   <li>One dummy partner per vertex that must stay unmatched, each joined to all of D (no
     *       fillers): cheap when few must. Only D's vertices can be left unmatched, so joining them
     *       to anyone else only made the solve slower.</li>
     *   <li>One per component of D, joined to its vertices, and a filler per vertex of A, joined to
     *       the dummy partners of the components that vertex has a neighbour in. Every maximum
     *       matching pairs each vertex of A into a different component it neighbours and leaves
     *       one vertex unmatched in each other component; the filler takes the dummy partner of the
     *       component its vertex went to. Where hundreds must stay unmatched, the first way was
     *       millions of edges and 10-20 s per solve; fillers joined to every dummy partner were four
     *       fifths of the solver's graph where 168 of 8,500 people were in A (scarce-language,
     *       n = 10,000).</li>
     * </ul>
     *
     * @param component each vertex's component of D, -1 outside D
     * @param shared whether every dummy partner is joined to all of D (else dummy partner
     *     {@code d} is joined to component {@code d})
     * @param fillerJoins for each filler, the components (dummy partners) it is joined to
     * @param edges how many weight-0 edges
     */
    private record Room(int dummies, int fillers, int[] component, boolean shared, int[][] fillerJoins, long edges) {

        static Room of(ArrayGraph graph, int[] most) {
            int unmatched = (int) Arrays.stream(most).filter(v -> v < 0).count();
            if (unmatched == 0) {
                return new Room(0, 0, null, false, new int[0][], 0);
            }
            GallaiEdmonds decomposition = GallaiEdmonds.of(graph, most);
            int[] component = decomposition.component;
            long inD = Arrays.stream(component).filter(c -> c >= 0).count();
            int[][] fillerJoins = new int[decomposition.tutte.length][];
            long byComponent = inD;
            for (int f = 0; f < fillerJoins.length; f++) {
                int a = decomposition.tutte[f];
                fillerJoins[f] = IntStream.range(0, graph.degreeOf(a)).map(i -> component[graph.neighbour(a, i)])
                        .filter(c -> c >= 0).sorted().distinct().toArray();
                byComponent += fillerJoins[f].length;
            }
            return byComponent < unmatched * inD
                    ? new Room(decomposition.components, fillerJoins.length, component, false, fillerJoins, byComponent)
                    : new Room(unmatched, 0, component, true, new int[0][], unmatched * inD);
        }

        /**
         * Writes the weight-0 edges from edge {@code e} on: the dummy partners' (dummy partner
         * {@code d} is vertex {@code m + d}), then the fillers' (filler {@code f} is vertex
         * {@code m + dummies + f}).
         */
        void join(int m, int[] s, int[] t, double[] negated, int e) {
            if (dummies == 0) {
                return;
            }
            if (shared) {
                for (int d = 0; d < dummies; d++) {
                    for (int v = 0; v < m; v++) {
                        if (component[v] >= 0) {
                            s[e] = m + d;
                            t[e] = v;
                            negated[e++] = -0.0;
                        }
                    }
                }
            } else {
                for (int v = 0; v < m; v++) {
                    if (component[v] >= 0) {
                        s[e] = m + component[v];
                        t[e] = v;
                        negated[e++] = -0.0;
                    }
                }
            }
            for (int f = 0; f < fillers; f++) {
                for (int d : fillerJoins[f]) {
                    s[e] = m + dummies + f;
                    t[e] = m + d;
                    negated[e++] = -0.0;
                }
            }
        }
    }

    /**
     * A maximum-cardinality matching of the component (each local vertex's local partner, or -1):
     * the known matching when it leaves at most one vertex unmatched (nothing can do better), else
     * Edmonds', started from the known matching.
     */
    private static int[] mostMatched(ArrayGraph graph, int m, int[] global, int[] local, int[] knownMate) {
        Set<Integer> start = new LinkedHashSet<>();
        if (knownMate != null) {
            for (int x = 0; x < m; x++) {
                int partner = knownMate[global[x]];
                // local[] also numbers other components' vertices: make sure the partner is in this one
                if (partner >= 0 && knownMate[partner] == global[x] && local[partner] > x && local[partner] < m
                        && global[local[partner]] == partner) {
                    Integer edge = graph.getEdge(x, local[partner]);
                    if (edge != null) {
                        start.add(edge);
                    }
                }
            }
        }
        return graph.mates(knownMate != null && m - 2 * start.size() <= 1 ? start : graph.mostMatchedFrom(start));
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int x, int y) {
        int rx = find(parent, x);
        int ry = find(parent, y);
        if (rx != ry) {
            parent[Math.max(rx, ry)] = Math.min(rx, ry);
        }
    }
}
