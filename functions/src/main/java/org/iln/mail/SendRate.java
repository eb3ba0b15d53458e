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
 * <p>When SES throttles, the pace halves (down to {@link #MIN_PER_SECOND}); each message sent
 * afterwards wins back a twentieth of the configured rate. So a quota lower than the configured
 * rate (a new account, a quota cut) is found within a few throttles instead of hitting it with
 * every message.
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

    /** The slowest pace throttling can bring sending down to. */
    public static final double MIN_PER_SECOND = 0.1;

    private final double perSecond;
    private final Clock clock;
    private final Sleeper sleeper;
    private double pace;
    private double tokens;
    private Instant refilledAt;

    /** At most {@code perSecond} messages a second (more than zero). */
    public SendRate(double perSecond, Clock clock, Sleeper sleeper) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("send rate must be a positive number of messages per second, was "
                    + perSecond);
        }
        this.perSecond = perSecond;
        this.pace = perSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = 1;
        this.refilledAt = clock.instant();
    }

    /** The configured rate, messages per second. */
    public double perSecond() {
        return perSecond;
    }

    /** The pace now, messages per second: the configured rate, or less after throttling. */
    public synchronized double pace() {
        return pace;
    }

    /** SES throttled a send: halve the pace. */
    synchronized void throttled() {
        refill();
        pace = Math.max(Math.min(MIN_PER_SECOND, perSecond), pace / 2);
        tokens = Math.min(tokens, Math.max(1, pace));
    }

    /** SES accepted a send: win back a twentieth of the configured rate. */
    synchronized void accepted() {
        refill();
        pace = Math.min(perSecond, pace + perSecond / 20);
    }

    /** Takes one token, waiting for it if the bucket is empty. */
    public synchronized void acquire() {
        refill();
        while (tokens < 1) {
            long nanos = (long) Math.ceil((1 - tokens) / pace * 1e9);
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
            tokens = Math.min(Math.max(1, pace), tokens + elapsed * pace);
            refilledAt = now;
        }
    }
}
