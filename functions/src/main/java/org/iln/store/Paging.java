package org.iln.store;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads every item a DynamoDB query matches, page after page, through the SDK's query paginator.
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
}
