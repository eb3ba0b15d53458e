package org.iln.mail;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.s;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The addresses programme mail must not go to, under {@code SUPPRESS#<hash>}: bounced,
 * complained or unsubscribed.
 *
 * <p>A suppression holds only the address's keyed hash, so it survives erasure: an erased person
 * is still never mailed against their wish. A bounce or complaint is never lifted; an
 * unsubscribe is lifted by a new confirmation (a fresh opt-in).
 */
public final class Suppressions {

    private final DynamoDbClient dynamo;
    private final String table;

    /** The suppressions in {@code table}. */
    public Suppressions(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Which of these addresses (keyed hashes) are suppressed: bounced, complained or
     * unsubscribed. Reads 100 at a time ({@code BatchGetItem}), retrying what DynamoDB leaves
     * unprocessed, so a pool of 10,000 costs 100 reads, not 10,000.
     */
    public Set<String> suppressedAmong(Collection<String> addressHashes) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(addressHashes).stream()
                .map(hash -> key("SUPPRESS#" + hash, "SUPPRESS")).toList();
        Set<String> suppressed = new HashSet<>();
        Paging.itemsByKey(dynamo, table, keys, ADDRESS_HASH).forEach(item -> suppressed.add(item.get(ADDRESS_HASH).s()));
        return suppressed;
    }

    /**
     * Stops programme mail to an address at once. A bounce or complaint is never overwritten
     * by a later unsubscribe (which a new confirmation would lift), so it stays for good.
     */
    public void suppress(String addressHash, String reason, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                            PK, s("SUPPRESS#" + addressHash),
                            SK, s("SUPPRESS"),
                            ITEM_TYPE, s("SUPPRESSION"),
                            ADDRESS_HASH, s(addressHash),
                            "reason", s(reason),
                            "at", s(now.toString())))
                    .conditionExpression("attribute_not_exists(pk) OR reason = :unsubscribed")
                    .expressionAttributeValues(Map.of(":unsubscribed", s("unsubscribed"))));
        } catch (ConditionalCheckFailedException e) {
            // Already suppressed for a bounce or complaint: that reason stands.
        }
    }

    /** Lifts a suppression, but only one recorded for this reason (a bounce stays). */
    public void unsuppress(String addressHash, String reason) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key("SUPPRESS#" + addressHash, "SUPPRESS"))
                    .conditionExpression("reason = :reason")
                    .expressionAttributeValues(Map.of(":reason", s(reason))));
        } catch (ConditionalCheckFailedException e) {
            // Not suppressed, or suppressed for a reason a new opt-in does not lift.
        }
    }

    /** Whether programme mail to this address is suppressed. */
    public boolean isSuppressed(String addressHash) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("SUPPRESS#" + addressHash, "SUPPRESS"))).item();
        return item != null && !item.isEmpty();
    }
}
