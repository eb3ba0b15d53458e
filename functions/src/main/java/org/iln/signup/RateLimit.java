package org.iln.signup;

import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.iln.store.AddressHasher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * How many requests that carry a body one client may make per window: a visitor's network
 * address is counted, keyed by its keyed hash (never the address), in a fixed window.
 *
 * <p>The count lives in the table as {@code RATE#<hash>} / {@code <window start>}, so every
 * Lambda instance shares it, and the item expires with its window.
 */
public final class RateLimit {

    private final DynamoDbClient dynamo;
    private final String table;
    private final AddressHasher hasher;
    private final int limit;
    private final Duration window;
    private final Clock clock;

    /** At most {@code limit} requests per client in each {@code window}, counted in {@code table}. */
    public RateLimit(DynamoDbClient dynamo, String table, AddressHasher hasher, int limit, Duration window,
                     Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.getSeconds() < 1) {
            throw new IllegalArgumentException("window must be at least a second, was " + window);
        }
        this.limit = limit;
    }

    /** Counts one request from {@code client} (its network address) and says whether it is within the limit. */
    public boolean admits(String client) {
        return countRequest(hasher.client(client)) <= limit;
    }

    /** The window a refused client should wait, at most. */
    public Duration window() {
        return window;
    }

    /**
     * Counts one request from a client in the current fixed window and returns the count so far;
     * the counter item expires with its window, so it works across Lambda instances for free.
     */
    private long countRequest(String clientHash) {
        long seconds = window.getSeconds();
        long windowStart = clock.instant().getEpochSecond() / seconds * seconds;
        var response = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s("RATE#" + clientHash), SK, s(Long.toString(windowStart))))
                .updateExpression("ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires), itemType = :type")
                .expressionAttributeValues(Map.of(":one", n(1), ":type", s("RATE"),
                        ":expires", n(windowStart + seconds)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("hits").n());
    }
}
