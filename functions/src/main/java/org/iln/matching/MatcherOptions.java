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
 * @param pricingRounds most pricing rounds when the pool is one part: after each exact solve,
 *     eligible pairs outside the graph whose score beats their ends' LP duals are added and the
 *     pool solved again (0 = solve the candidate graph only). Pools split into parts are not
 *     priced: the re-solves would not fit n = 100,000 into one Lambda run
 * @param pricedPerPerson most pairs one person brings into the graph per pricing round
 * @param pricingGap pricing stops once its bound shows that no matching over all eligible pairs
 *     beats this one by more than this fraction of its score (0 = until no pair can improve it)
 * @param weights the score weights
 */
public record MatcherOptions(int candidatesPerPerson, int spread, int chunkSize, int threads, int pricingRounds,
                             int pricedPerPerson, double pricingGap, ScoreWeights weights) {

    /**
     * The measured defaults. The pricing gap is the programme's quality target (within 0.2% of the
     * optimum over all eligible pairs): the last solves before it closed from 0.2% to 0.1% cost
     * several seconds each and changed the score by a few points in 300,000.
     */
    public static final MatcherOptions DEFAULTS = new MatcherOptions(10, 4, 10_000, 2, 20, 3, 0.002, ScoreWeights.DEFAULTS);

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
        if (pricingRounds < 0) {
            throw new IllegalArgumentException("pricingRounds must not be negative");
        }
        if (pricedPerPerson < 1) {
            throw new IllegalArgumentException("pricedPerPerson must be at least 1");
        }
        if (!(pricingGap >= 0)) {
            throw new IllegalArgumentException("pricingGap must not be negative");
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
    }

    /** These options with another k. */
    public MatcherOptions withCandidatesPerPerson(int k) {
        return new MatcherOptions(k, spread, chunkSize, threads, pricingRounds, pricedPerPerson, pricingGap, weights);
    }

    /** These options with another spread. */
    public MatcherOptions withSpread(int extra) {
        return new MatcherOptions(candidatesPerPerson, extra, chunkSize, threads, pricingRounds, pricedPerPerson, pricingGap, weights);
    }

    /** These options with another chunk size. */
    public MatcherOptions withChunkSize(int size) {
        return new MatcherOptions(candidatesPerPerson, spread, size, threads, pricingRounds, pricedPerPerson, pricingGap, weights);
    }

    /** These options with another thread count. */
    public MatcherOptions withThreads(int count) {
        return new MatcherOptions(candidatesPerPerson, spread, chunkSize, count, pricingRounds, pricedPerPerson, pricingGap, weights);
    }

    /** These options with another number of pricing rounds (0 turns pricing off). */
    public MatcherOptions withPricingRounds(int rounds) {
        return new MatcherOptions(candidatesPerPerson, spread, chunkSize, threads, rounds, pricedPerPerson, pricingGap, weights);
    }

    /** These options with another cap on pairs priced in per person and round. */
    public MatcherOptions withPricedPerPerson(int pairs) {
        return new MatcherOptions(candidatesPerPerson, spread, chunkSize, threads, pricingRounds, pairs, pricingGap, weights);
    }

    /** These options with another pricing stop: a fraction of the score pricing may leave on the table. */
    public MatcherOptions withPricingGap(double fraction) {
        return new MatcherOptions(candidatesPerPerson, spread, chunkSize, threads, pricingRounds, pricedPerPerson, fraction, weights);
    }
}
