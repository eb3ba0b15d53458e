package org.iln.faults;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.iln.aws.AwsClients;
import org.iln.testing.Aws;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Rules that decide, for each HTTP attempt of an SDK client, whether a {@link Fault} strikes:
 * which calls ({@link Call}), and when (the n-th matching attempt, a range of them, or each with a
 * probability drawn from a seeded random, so a run can be repeated).
 *
 * <p>{@link #clients(URI)} builds real SDK clients (the same builders as every test) whose HTTP
 * layer is a {@link FaultyHttpClient}: everything above it, from signing to error parsing and
 * the SDK's retry strategy, runs as it does against AWS. Counting is per attempt, so a rule for
 * "the first three calls" throttles one operation's first attempt and two of the SDK's retries.
 */
public final class Faults {

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> injected = new ArrayList<>();
    private final Random random;

    /** No rules yet; probabilities drawn from a random seeded with {@code seed}. */
    public Faults(long seed) {
        this.random = new Random(seed);
    }

    /** No faults at all. */
    public static Faults none() {
        return new Faults(0);
    }

    /** Adds a rule: calls matching {@code which} get {@code fault} when {@code when} says so. */
    public synchronized Faults on(Predicate<Call> which, When when, Fault fault) {
        rules.add(new Rule(which, when, fault, new AtomicInteger()));
        return this;
    }

    /** Which faults struck so far, in order, as {@code "<fault> <operation>"}. */
    public synchronized List<String> injected() {
        return List.copyOf(injected);
    }

    /** How many faults struck so far. */
    public synchronized int count() {
        return injected.size();
    }

    /** The fault for this attempt, if a rule fires (the first matching rule counts it). */
    synchronized Optional<Fault> decide(Call call) {
        for (Rule rule : rules) {
            if (rule.which().test(call)) {
                int n = rule.seen().incrementAndGet();
                if (rule.when().fires(n, random)) {
                    injected.add(rule.fault().name() + " " + call.operation());
                    return Optional.of(rule.fault());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * DynamoDB and SESv2 clients for the emulator at {@code endpoint}, faulty as these rules say.
     * They keep each service's default retry strategy (attempts, what counts as throttling or
     * retryable, the retry token bucket); only its backoff delays are scaled down to milliseconds,
     * so that exhausting the retries takes a moment rather than the ~20 s it would in AWS.
     */
    public AwsClients clients(URI endpoint) {
        return new AwsClients(
                Aws.onEmulator(DynamoDbClient.builder(), endpoint)
                        .httpClient(new FaultyHttpClient(UrlConnectionHttpClient.create(), this))
                        .overrideConfiguration(o -> o.retryStrategy(Faults::quickBackoff)).build(),
                Aws.onEmulator(SesV2Client.builder(), endpoint)
                        .httpClient(new FaultyHttpClient(UrlConnectionHttpClient.create(), this))
                        .overrideConfiguration(o -> o.retryStrategy(Faults::quickBackoff)).build());
    }

    private static void quickBackoff(RetryStrategy.Builder<?, ?> strategy) {
        strategy.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(2), Duration.ofMillis(40)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(80)));
    }

    /** When a rule fires, given the 1-based count of attempts it matched. */
    @FunctionalInterface
    public interface When {

        /** Whether the {@code n}-th matching attempt gets the fault. */
        boolean fires(int n, Random random);

        /** The listed attempts, e.g. {@code nth(1, 2)}. */
        static When nth(int... attempts) {
            return (n, random) -> java.util.Arrays.stream(attempts).anyMatch(a -> a == n);
        }

        /** The first {@code count} attempts. */
        static When first(int count) {
            return (n, random) -> n <= count;
        }

        /** Every attempt. */
        static When always() {
            return (n, random) -> true;
        }

        /** Each attempt with probability {@code p}, from the rule set's seeded random. */
        static When probability(double p) {
            return (n, random) -> random.nextDouble() < p;
        }
    }

    private record Rule(Predicate<Call> which, When when, Fault fault, AtomicInteger seen) {
    }
}
