package org.iln.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket that keeps sending within SES's rate: {@link #acquire()} returns at once while
 * tokens remain and otherwise sleeps until the next one is due. The bucket holds at most one
 * second's worth of tokens, so a burst never exceeds the per-second quota.
 *
 * <p>Time comes from the one {@link Clock} and waiting from a {@link Sleeper}, so a test or a
 * benchmark can run on a simulated clock whose sleeper just moves it forward.
 */
public final class SendRate {

    /** Waits; {@link #THREAD} really sleeps, a simulated one advances a test clock. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps for {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;

        /** The real thing: {@link Thread#sleep(Duration)}. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }

    private final double perSecond;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private Instant refilledAt;

    /** At most {@code perSecond} messages a second (more than zero). */
    public SendRate(double perSecond, Clock clock, Sleeper sleeper) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("send rate must be a positive number of messages per second, was "
                    + perSecond);
        }
        this.perSecond = perSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = 1;
        this.refilledAt = clock.instant();
    }

    /** The configured rate, messages per second. */
    public double perSecond() {
        return perSecond;
    }

    /** Takes one token, waiting for it if the bucket is empty. */
    public synchronized void acquire() {
        refill();
        while (tokens < 1) {
            long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            pause(Duration.ofNanos(Math.max(nanos, 1)));
            refill();
        }
        tokens -= 1;
    }

    /** Waits (through the same sleeper), e.g. a backoff after throttling. */
    void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing mail", e);
        }
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double elapsed = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(Math.max(1, perSecond), tokens + elapsed * perSecond);
            refilledAt = now;
        }
    }
}
