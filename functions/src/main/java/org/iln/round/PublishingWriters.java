package org.iln.round;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one write per partnership on a few threads and counts the outcomes.
 *
 * <p>Every write is safe to repeat and the writes touch different items, so their order does not
 * matter. All of them are waited for before the first failure is thrown: what succeeded stays
 * written, and the next run (which takes the same frozen plan) does the rest, so the round's
 * {@code PUBLISHED} marker is never written after a failed write.
 */
final class PublishingWriters {

    private final int threads;

    PublishingWriters(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
    }

    /** Applies {@code write} to each partnership and counts what it returned. */
    <T> Map<PartnershipStore.Written, Integer> each(List<T> partnerships, Function<T, PartnershipStore.Written> write) {
        Map<PartnershipStore.Written, Integer> counts = new EnumMap<>(PartnershipStore.Written.class);
        if (partnerships.isEmpty()) {
            return counts;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, partnerships.size()), runnable -> {
            Thread thread = new Thread(runnable, "publishing-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<PartnershipStore.Written>> pending = new ArrayList<>();
            for (T partnership : partnerships) {
                pending.add(pool.submit(() -> write.apply(partnership)));
            }
            RuntimeException first = null;
            for (Future<PartnershipStore.Written> future : pending) {
                try {
                    counts.merge(future.get(), 1, Integer::sum);
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("a partnership could not be written", e.getCause());
                    if (first == null) {
                        first = failure;
                    } else {
                        first.addSuppressed(failure);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
