package org.iln.token;

import static org.iln.store.Attributes.expired;
import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The server-side halves of signed links in the table, under {@code TOKEN#<id>}: written when a
 * link is minted, read when it is followed, deleted when a one-shot link is used.
 *
 * <p>Each carries the owner's {@link org.iln.store.IlnTable#ADDRESS_HASH}, so erasure deletes it
 * and the link dies with the data it points to; its TTL is the link's expiry.
 */
public final class TokenStore {

    private final DynamoDbClient dynamo;
    private final String table;

    /** The tokens in {@code table}. */
    public TokenStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Stores a signed link's server-side half; it expires with the link. */
    public void put(StoredToken token) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("TOKEN#" + token.id()));
        item.put(SK, s("TOKEN"));
        item.put(ITEM_TYPE, s("TOKEN"));
        item.put("purpose", s(token.purpose()));
        item.put(ADDRESS_HASH, s(token.addressHash()));
        item.put("round", s(token.round()));
        item.put("participantId", s(token.participantId()));
        item.put(EXPIRES_AT, n(token.expiresAt().getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The token with this id, unless it is gone or expired. */
    public Optional<StoredToken> find(String id, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("TOKEN#" + id, "TOKEN"))).item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new StoredToken(id, item.get("purpose").s(), item.get(ADDRESS_HASH).s(),
                item.get("round").s(), item.get("participantId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n()))));
    }

    /** Deletes a token (a used one-shot link). */
    public void delete(String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(key("TOKEN#" + id, "TOKEN")));
    }
}
