package org.iln.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads every item a DynamoDB query matches, page after page, through the SDK's query paginator;
 * and items by key, a {@code BatchGetItem} of 100 keys at a time.
 *
 * <p>A query answers at most 1 MB a page; the paginator asks for the next page from the last
 * key until DynamoDB returns none, so no caller writes that loop again. Pages are read lazily,
 * as the stream is consumed.
 */
public final class Paging {

    private Paging() {
    }

    /** Every item {@code query} matches, in the query's order, read page by page as consumed. */
    public static Stream<Map<String, AttributeValue>> items(DynamoDbClient dynamo, Consumer<QueryRequest.Builder> query) {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(query, "query");
        return dynamo.queryPaginator(query).items().stream();
    }

    /** The most keys one {@code BatchGetItem} may ask for. */
    public static final int BATCH_GET = 100;

    /**
     * The items of {@code table} under these keys that exist (strongly consistent), read
     * {@link #BATCH_GET} keys to a request, so that a pool of 10,000 costs 100 reads, not 10,000.
     * Keys DynamoDB leaves unprocessed (throttling) are asked again after a {@link Backoff} pause.
     *
     * @param projection the attributes to read (a projection expression)
     * @throws IllegalStateException if keys stay unprocessed {@link Backoff#ATTEMPTS} times
     */
    public static List<Map<String, AttributeValue>> itemsByKey(DynamoDbClient dynamo, String table,
                                                               List<Map<String, AttributeValue>> keys,
                                                               String projection) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            Map<String, KeysAndAttributes> ask = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(from + BATCH_GET, keys.size())))
                    .projectionExpression(projection).consistentRead(true).build());
            for (int attempt = 1; !ask.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> asked = ask;
                BatchGetItemResponse answer = dynamo.batchGetItem(b -> b.requestItems(asked));
                found.addAll(answer.responses().getOrDefault(table, List.of()));
                ask = answer.unprocessedKeys();
                if (!ask.isEmpty()) {
                    if (attempt >= Backoff.ATTEMPTS) {
                        throw new IllegalStateException("DynamoDB left batch reads unprocessed " + attempt
                                + " times; run again later");
                    }
                    Backoff.pause(attempt);
                }
            }
        }
        return found;
    }
}
