package org.iln.matching;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.GraphType;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.SparseEdmondsMaximumCardinalityMatching;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A read-only, undirected JGraphT graph held in arrays: vertices {@code 0..vertexCount-1}, edges
 * {@code 0..edgeCount-1} with their ends and weights, so Blossom V and Edmonds read the solver's
 * graph without the hash maps and edge objects of JGraphT's own graphs: a fresh first solve of
 * 130,000 pairs took 1.3-1.6 s with it against 2.0-2.3 s, with less garbage to collect
 * (docs/benchmarks.md, "Matching: what its speed rests on"). Iteration follows index order, which is the order the
 * graph was given in, so the solvers take the same steps as with the old graph (the same
 * result, byte for byte).
 */
final class ArrayGraph extends AbstractGraph<Integer, Integer> {

    private static final GraphType TYPE = new DefaultGraphType.Builder().undirected().weighted(true)
            .allowMultipleEdges(false).allowSelfLoops(false).build();

    private final int vertexCount;
    private final int edgeCount;
    private final int[] source;
    private final int[] target;
    private final double[] weight;
    /**
     * {@code boxes[i] == i}, made once: the solvers look vertices up in hash maps and ask for the
     * same edges' ends again and again, and boxing each answer anew cost more than the graph saved.
     */
    private final Integer[] boxes;
    /** Each vertex's edges, in edge order (CSR), built on first use: only Edmonds asks. */
    private int[] firstEdge;
    private int[] incident;

    /**
     * @param source each edge's first end (read, not copied: the caller must not change it)
     * @param target each edge's second end
     * @param weight each edge's weight
     * @param boxes {@link #boxes(int, Integer[])} for at least as many values as vertices and edges
     */
    ArrayGraph(int vertexCount, int edgeCount, int[] source, int[] target, double[] weight, Integer[] boxes) {
        if (boxes.length < Math.max(vertexCount, edgeCount)) {
            throw new IllegalArgumentException("boxes for " + boxes.length + " values, not " + Math.max(vertexCount, edgeCount));
        }
        this.vertexCount = vertexCount;
        this.edgeCount = edgeCount;
        this.source = source;
        this.target = target;
        this.weight = weight;
        this.boxes = boxes;
    }

    /**
     * The unweighted graph of {@code pairs} ({@link Cohort#key} of their ends, sorted and distinct)
     * over vertices {@code 0..vertexCount-1}: what the maximum-cardinality searches read.
     */
    static ArrayGraph of(int vertexCount, long[] pairs) {
        int[] source = new int[pairs.length];
        int[] target = new int[pairs.length];
        for (int e = 0; e < pairs.length; e++) {
            source[e] = (int) (pairs[e] >>> 32);
            target[e] = (int) pairs[e];
        }
        return new ArrayGraph(vertexCount, pairs.length, source, target, new double[pairs.length],
                boxes(Math.max(vertexCount, pairs.length), null));
    }

    /**
     * A maximum-cardinality matching (Edmonds) started from {@code matching} (edges of this
     * graph, no two sharing an end): it only flips edges along augmenting paths, so edges off
     * those paths stay. From an empty matching, Edmonds starts from its own greedy one.
     */
    Set<Integer> mostMatchedFrom(Set<Integer> matching) {
        if (matching.isEmpty()) {
            return new SparseEdmondsMaximumCardinalityMatching<>(this).getMatching().getEdges();
        }
        MatchingAlgorithm<Integer, Integer> start = () -> new MatchingAlgorithm.MatchingImpl<>(this, matching, matching.size());
        return new SparseEdmondsMaximumCardinalityMatching<>(this, start).getMatching().getEdges();
    }

    /** Each vertex's partner in the matching (edges of this graph), or -1. */
    int[] mates(Set<Integer> matching) {
        int[] mate = new int[vertexCount];
        Arrays.fill(mate, -1);
        for (int e : matching) {
            mate[source[e]] = target[e];
            mate[target[e]] = source[e];
        }
        return mate;
    }

    /** The integers {@code 0..size-1} boxed, reusing those of {@code from} (may be null). */
    static Integer[] boxes(int size, Integer[] from) {
        int have = from == null ? 0 : from.length;
        if (have >= size) {
            return from;
        }
        Integer[] out = from == null ? new Integer[size] : Arrays.copyOf(from, size);
        for (int i = have; i < size; i++) {
            out[i] = i;
        }
        return out;
    }

    int source(int edge) {
        return source[edge];
    }

    int target(int edge) {
        return target[edge];
    }

    @Override
    public Set<Integer> vertexSet() {
        return new Range(vertexCount, boxes);
    }

    @Override
    public Set<Integer> edgeSet() {
        return new Range(edgeCount, boxes);
    }

    @Override
    public Integer getEdgeSource(Integer e) {
        return boxes[source[e]];
    }

    @Override
    public Integer getEdgeTarget(Integer e) {
        return boxes[target[e]];
    }

    @Override
    public double getEdgeWeight(Integer e) {
        return weight[e];
    }

    @Override
    public GraphType getType() {
        return TYPE;
    }

    @Override
    public boolean containsVertex(Integer v) {
        return v != null && v >= 0 && v < vertexCount;
    }

    @Override
    public boolean containsEdge(Integer e) {
        return e != null && e >= 0 && e < edgeCount;
    }

    @Override
    public Set<Integer> edgesOf(Integer vertex) {
        index();
        return new Slice(firstEdge[vertex], firstEdge[vertex + 1]);
    }

    @Override
    public int degreeOf(Integer vertex) {
        index();
        return firstEdge[vertex + 1] - firstEdge[vertex];
    }

    @Override
    public Set<Integer> incomingEdgesOf(Integer vertex) {
        return edgesOf(vertex);
    }

    @Override
    public Set<Integer> outgoingEdgesOf(Integer vertex) {
        return edgesOf(vertex);
    }

    @Override
    public int inDegreeOf(Integer vertex) {
        return degreeOf(vertex);
    }

    @Override
    public int outDegreeOf(Integer vertex) {
        return degreeOf(vertex);
    }

    /** The i-th neighbour of v ({@code 0 <= i < degreeOf(v)}), in edge order, without boxing. */
    int neighbour(int v, int i) {
        index();
        int e = incident[firstEdge[v] + i];
        return source[e] == v ? target[e] : source[e];
    }

    /** The edge joining u and v, or null. */
    @Override
    public Integer getEdge(Integer u, Integer v) {
        index();
        for (int i = firstEdge[u]; i < firstEdge[u + 1]; i++) {
            int e = incident[i];
            if (source[e] == v && target[e] == u || source[e] == u && target[e] == v) {
                return boxes[e];
            }
        }
        return null;
    }

    @Override
    public Set<Integer> getAllEdges(Integer u, Integer v) {
        Integer e = getEdge(u, v);
        return e == null ? Set.of() : Set.of(e);
    }

    private void index() {
        if (firstEdge != null) {
            return;
        }
        int[] first = new int[vertexCount + 1];
        for (int e = 0; e < edgeCount; e++) {
            first[source[e] + 1]++;
            first[target[e] + 1]++;
        }
        for (int v = 0; v < vertexCount; v++) {
            first[v + 1] += first[v];
        }
        int[] at = new int[vertexCount];
        int[] edges = new int[2 * edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            edges[first[source[e]] + at[source[e]]++] = e;
            edges[first[target[e]] + at[target[e]]++] = e;
        }
        incident = edges;
        firstEdge = first;
    }

    /**
     * Fresh vertex numbers after this graph's own, for copies that add vertices: Blossom V's
     * general (not perfect) matching copies the graph and adds one vertex per vertex, and threw
     * "The graph contains no vertex supplier" when this was null.
     */
    @Override
    public Supplier<Integer> getVertexSupplier() {
        int[] next = {vertexCount};
        return () -> next[0]++;
    }

    /** Fresh edge numbers after this graph's own, for copies that add edges (see {@link #getVertexSupplier}). */
    @Override
    public Supplier<Integer> getEdgeSupplier() {
        int[] next = {edgeCount};
        return () -> next[0]++;
    }

    @Override
    public Integer addEdge(Integer u, Integer v) {
        throw readOnly();
    }

    @Override
    public boolean addEdge(Integer u, Integer v, Integer e) {
        throw readOnly();
    }

    @Override
    public Integer addVertex() {
        throw readOnly();
    }

    @Override
    public boolean addVertex(Integer v) {
        throw readOnly();
    }

    @Override
    public Integer removeEdge(Integer u, Integer v) {
        throw readOnly();
    }

    @Override
    public boolean removeEdge(Integer e) {
        throw readOnly();
    }

    @Override
    public boolean removeVertex(Integer v) {
        throw readOnly();
    }

    @Override
    public void setEdgeWeight(Integer e, double w) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the solver's graph is read-only");
    }

    /** The integers {@code 0..size-1}, in order. */
    private static final class Range extends AbstractSet<Integer> {
        private final int size;
        private final Integer[] boxes;

        Range(int size, Integer[] boxes) {
            this.size = size;
            this.boxes = boxes;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Integer i && i >= 0 && i < size;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Integer next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    return boxes[next++];
                }
            };
        }
    }

    /** One vertex's edges: {@code incident[from..to-1]}. */
    private final class Slice extends AbstractSet<Integer> {
        private final int from;
        private final int to;

        Slice(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public boolean contains(Object o) {
            if (o instanceof Integer e) {
                for (int i = from; i < to; i++) {
                    if (incident[i] == e) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next = from;

                @Override
                public boolean hasNext() {
                    return next < to;
                }

                @Override
                public Integer next() {
                    if (next >= to) {
                        throw new NoSuchElementException();
                    }
                    return boxes[incident[next++]];
                }
            };
        }
    }
}
