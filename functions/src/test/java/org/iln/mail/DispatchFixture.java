package org.iln.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.iln.store.ApplicationStore;
import org.iln.testing.Aws;
import org.iln.testing.SettableClock;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * A dispatcher over the emulator on a simulated clock: its sleeper moves the clock and records
 * each pause, and its SES client can be made to fail its first calls (throttling, a crash).
 */
final class DispatchFixture {

    static final Instant NOW = Instant.parse("2026-02-23T08:00:00Z");
    static final byte[] TOKEN_KEY = "a-test-key-for-signing-links-0123456789".getBytes();

    final Aws aws;
    final SettableClock clock = new SettableClock(NOW);
    final List<Duration> pauses = new ArrayList<>();
    final MailStore store;
    final Suppressions suppressions;
    final Outbox outbox;
    final SignedLinks links;
    final AtomicInteger sesCalls = new AtomicInteger();

    DispatchFixture(Aws aws) {
        this.aws = aws;
        this.store = new MailStore(aws.dynamo(), Aws.TABLE);
        this.suppressions = new Suppressions(aws.dynamo(), Aws.TABLE);
        this.outbox = new Outbox(store, clock);
        this.links = new SignedLinks(TOKEN_KEY, new TokenStore(aws.dynamo(), Aws.TABLE));
    }

    /** A dispatcher at {@code perSecond}, whose SES calls go through {@code failure} first. */
    Dispatcher failing(double perSecond, IntFunction<RuntimeException> failure) {
        return dispatcher(perSecond, call -> {
            RuntimeException e = failure.apply(call);
            if (e != null) {
                throw e;
            }
        });
    }

    /** A dispatcher whose n-th SES call (1-based) first runs {@code beforeCall}. */
    Dispatcher dispatcher(double perSecond, CallHook beforeCall) {
        SesV2Client ses = aws.onEmulator(SesV2Client.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        beforeCall.before(sesCalls.incrementAndGet());
                    }
                }))
                .build();
        SendRate rate = new SendRate(perSecond, clock, d -> {
            pauses.add(d);
            clock.advance(d);
        });
        return new Dispatcher(ses, store, suppressions, new ApplicationStore(aws.dynamo(), Aws.TABLE), new MailRenderer(), new MimeComposer(Aws.FROM), links, Aws.SITE,
                rate, clock);
    }

    Dispatcher dispatcher(double perSecond) {
        return failing(perSecond, call -> null);
    }

    static Duration plenty() {
        return Duration.ofMinutes(10);
    }

    /** A programme message to participant {@code id} of round 2026-1. */
    static OutboxMessage introduction(String id, Map<String, ?> model) {
        return OutboxMessage.programme("introduction", "2026-1", "pair-" + id, id, "match-introduction",
                id + "@example.org", "hash-" + id, model, List.of("team@iln.example.org"));
    }

    /** What runs before an SES call; throwing from it stands for a failure (or, with an Error, a crash). */
    @FunctionalInterface
    interface CallHook {
        void before(int call);
    }
}
