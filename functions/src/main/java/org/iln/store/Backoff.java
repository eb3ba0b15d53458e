package org.iln.store;

/**
 * How the stores wait before trying again DynamoDB work that did not go through (a transaction
 * that lost a race, a batch read left partly unprocessed): a short pause that grows with each
 * attempt, with jitter so that parallel callers spread out.
 */
public final class Backoff {

    /** How many times the stores try such work before giving up. */
    public static final int ATTEMPTS = 8;

    private Backoff() {
    }

    /** Pauses before attempt {@code attempt + 1}: 20 ms, 40 ms, ... up to 200 ms, plus up to 20 ms. */
    public static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L << attempt) + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
