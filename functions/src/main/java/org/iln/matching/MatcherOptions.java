package org.iln.matching;

/**
 * How hard the matcher looks: the measured defaults suit rounds of up to a few thousand people
 * exactly and 100,000 people within minutes (see docs/matching.md and docs/benchmarks.md).
 *
 * @param candidatesPerPerson k: each person's best k eligible candidates form the graph
 * @param searchBreadth people looked at per bucket when finding candidates
 * @param chunkSize above this many people the pool is split into representative parts, each
 *     solved exactly, and the people they leave out are solved together afterwards
 * @param threads parts solved at once
 * @param weights the score weights
 */
public record MatcherOptions(int candidatesPerPerson, int searchBreadth, int chunkSize, int threads, ScoreWeights weights) {

    /** The measured defaults. */
    public static final MatcherOptions DEFAULTS = new MatcherOptions(10, 48, 10_000, 2, ScoreWeights.DEFAULTS);

    public MatcherOptions {
        if (candidatesPerPerson < 1) {
            throw new IllegalArgumentException("candidatesPerPerson must be at least 1");
        }
        if (searchBreadth < 2) {
            throw new IllegalArgumentException("searchBreadth must be at least 2");
        }
        if (chunkSize < 2) {
            throw new IllegalArgumentException("chunkSize must be at least 2");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
    }

    /** These options with another k. */
    public MatcherOptions withCandidatesPerPerson(int k) {
        return new MatcherOptions(k, searchBreadth, chunkSize, threads, weights);
    }

    /** These options with another chunk size. */
    public MatcherOptions withChunkSize(int size) {
        return new MatcherOptions(candidatesPerPerson, searchBreadth, size, threads, weights);
    }

    /** These options with another thread count. */
    public MatcherOptions withThreads(int count) {
        return new MatcherOptions(candidatesPerPerson, searchBreadth, chunkSize, count, weights);
    }
}
