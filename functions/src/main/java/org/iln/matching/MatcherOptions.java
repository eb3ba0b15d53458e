package org.iln.matching;

/**
 * How hard the matcher looks: the measured defaults suit rounds of up to a few thousand people
 * exactly and 100,000 people within minutes (see docs/matching.md and docs/benchmarks.md).
 *
 * @param candidatesPerPerson k: each person's best k eligible candidates form the graph
 * @param spread extra candidates per person picked by hash, not score, to keep the graph connected
 * @param chunkSize above this many people the pool is split into representative parts, each
 *     solved exactly, and the people they leave out are solved together afterwards
 * @param threads parts solved at once
 * @param weights the score weights
 */
public record MatcherOptions(int candidatesPerPerson, int spread, int chunkSize, int threads, ScoreWeights weights) {

    /** The measured defaults. */
    public static final MatcherOptions DEFAULTS = new MatcherOptions(10, 4, 10_000, 2, ScoreWeights.DEFAULTS);

    public MatcherOptions {
        if (candidatesPerPerson < 1) {
            throw new IllegalArgumentException("candidatesPerPerson must be at least 1");
        }
        if (spread < 0) {
            throw new IllegalArgumentException("spread must not be negative");
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
        return new MatcherOptions(k, spread, chunkSize, threads, weights);
    }

    /** These options with another spread. */
    public MatcherOptions withSpread(int extra) {
        return new MatcherOptions(candidatesPerPerson, extra, chunkSize, threads, weights);
    }

    /** These options with another chunk size. */
    public MatcherOptions withChunkSize(int size) {
        return new MatcherOptions(candidatesPerPerson, spread, size, threads, weights);
    }

    /** These options with another thread count. */
    public MatcherOptions withThreads(int count) {
        return new MatcherOptions(candidatesPerPerson, spread, chunkSize, count, weights);
    }
}
