package org.iln.signup;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.BY_ADDRESS;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.round.DraftReview;
import org.iln.round.PartnershipStore;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything the table holds about one person, found by their address's keyed hash through the
 * {@code by-address} index: whether we know them, an address to write to, and erasing it all.
 *
 * <p>Every item that belongs to a person carries {@code addressHash} (applications, locks,
 * tokens, mail records, partnership sides, past partners), so one query finds them without a
 * scan. Suppressions are kept: they hold only the hash, and stop mail the person refused.
 */
public final class PersonalData {

    private final DynamoDbClient dynamo;
    private final String table;
    private final DraftReview review;

    /** The personal data in {@code table}. */
    public PersonalData(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.review = new PartnershipStore(dynamo, table).review();
    }

    /** The first stored email address of a person, to confirm an erasure to them. */
    public Optional<String> anyAddressOf(String addressHash) {
        return anyRecipientOf(addressHash).map(Recipient::address);
    }

    /** Where and in which language to write to a person: their first stored application's address and language. */
    public record Recipient(String address, String language) {
    }

    /** The first stored application's address and language (the language tag may be null: the default). */
    public Optional<Recipient> anyRecipientOf(String addressHash) {
        for (Map<String, AttributeValue> keys : itemsOf(addressHash)) {
            if ("APPLICATION".equals(text(keys, ITEM_TYPE))) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(keys.get(PK).s(), keys.get(SK).s()))).item();
                if (item != null && item.containsKey("email")) {
                    return Optional.of(new Recipient(item.get("email").s(),
                            item.containsKey("language") ? item.get("language").s() : null));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether we hold anything about this address beyond a suppression. */
    public boolean knows(String addressHash) {
        return itemsOf(addressHash).stream().anyMatch(i -> {
            String type = text(i, ITEM_TYPE);
            return "APPLICATION".equals(type) || "LOCK".equals(type) || "PAIR_MEMBER".equals(type);
        });
    }

    /**
     * Erases a person: deletes their applications, locks, tokens and mail claims, anonymises
     * their side of any partnership (the partner keeps a record that they had one), deletes the
     * coordinators' holds, pins and forbids naming them, and anonymises the audit entries that do.
     * Suppressions stay, holding only the hash, so an erased person is still never mailed against
     * their wish.
     *
     * @return how many items were deleted or anonymised
     */
    public int erase(String addressHash) {
        int touched = 0;
        for (Map<String, AttributeValue> keys : itemsOf(addressHash)) {
            Map<String, AttributeValue> primary = key(keys.get(PK).s(), keys.get(SK).s());
            String type = text(keys, ITEM_TYPE);
            if ("SUPPRESSION".equals(type)) {
                continue;
            }
            if ("APPLICATION".equals(type) && keys.get(PK).s().startsWith("ROUND#") && keys.get(SK).s().startsWith("APP#")) {
                // Before the application goes: coordinators' holds, pins, forbids and audit naming it.
                touched += review.forget(keys.get(PK).s().substring(6), keys.get(SK).s().substring(4));
            }
            if ("PAIR_MEMBER".equals(type)) {
                dynamo.updateItem(b -> b.tableName(table).key(primary)
                        .updateExpression("SET erased = :yes REMOVE addressHash, email, givenName, familyName, "
                                + "#role, profile")
                        .expressionAttributeNames(Map.of("#role", "role"))
                        .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
            } else {
                dynamo.deleteItem(b -> b.tableName(table).key(primary));
            }
            touched++;
        }
        return touched;
    }

    private List<Map<String, AttributeValue>> itemsOf(String addressHash) {
        return Paging.items(dynamo, b -> b.tableName(table).indexName(BY_ADDRESS)
                .keyConditionExpression("addressHash = :h")
                .expressionAttributeValues(Map.of(":h", s(addressHash)))).toList();
    }
}
