package org.iln.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The shape of the programme's one DynamoDB table: key and index names shared by the functions,
 * the CDK stack and the local runner (docs/storage.md explains each item).
 */
public final class IlnTable {

    /** Partition key attribute. */
    public static final String PK = "pk";
    /** Sort key attribute. */
    public static final String SK = "sk";
    /** TTL attribute (epoch seconds); DynamoDB deletes the item some time after it passes. */
    public static final String EXPIRES_AT = "expiresAt";
    /** What an item is (APPLICATION, LOCK, TOKEN, MAIL, SUPPRESSION, PAIR_MEMBER...). */
    public static final String ITEM_TYPE = "itemType";
    /** The keyed hash of a person's address, on every item that belongs to that person. */
    public static final String ADDRESS_HASH = "addressHash";
    /** Sparse index of confirmed applications per round, earliest confirmation first. */
    public static final String CONFIRMED_BY_ROUND = "confirmed-by-round";
    /** Partition key of {@link #CONFIRMED_BY_ROUND}: the round id, set only once confirmed. */
    public static final String CONFIRMED_ROUND = "confirmedRound";
    /** Sort key of {@link #CONFIRMED_BY_ROUND}: confirmation instant, then participant id. */
    public static final String CONFIRMED_ORDER = "confirmedOrder";
    /** Index of every item that belongs to one person, so erasure finds them without a scan. */
    public static final String BY_ADDRESS = "by-address";
    /**
     * Sparse index of outbox messages waiting to be sent (queued, or claimed with a lease), by
     * when they are due: the dispatcher queries it instead of scanning. Sent, failed and skipped
     * messages leave it (their {@link #MAIL_QUEUE} attribute is removed).
     */
    public static final String MAIL_QUEUE_INDEX = "mail-queue";
    /** Partition key of {@link #MAIL_QUEUE_INDEX}: {@code PENDING} while a message waits, absent after. */
    public static final String MAIL_QUEUE = "mailQueue";
    /**
     * Sort key of {@link #MAIL_QUEUE_INDEX}: when a message may next be claimed (queue time, or a
     * claim's lease end), fixed-width UTC so that string order is time order.
     */
    public static final String DUE_AT = "dueAt";

    private IlnTable() {
    }

    /**
     * Creates the table with its indexes and TTL (for emulators and the local runner; in AWS the
     * CDK stack creates the same table).
     */
    public static void create(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(PK), attribute(SK), attribute(CONFIRMED_ROUND), attribute(CONFIRMED_ORDER),
                        attribute(ADDRESS_HASH), attribute(MAIL_QUEUE), attribute(DUE_AT))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName(CONFIRMED_BY_ROUND)
                                .keySchema(key(CONFIRMED_ROUND, KeyType.HASH), key(CONFIRMED_ORDER, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build(),
                        GlobalSecondaryIndex.builder().indexName(BY_ADDRESS)
                                .keySchema(key(ADDRESS_HASH, KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes(List.of(ITEM_TYPE)).build())
                                .build(),
                        // Keys only: the claim (UpdateItem, ALL_NEW) reads the message itself.
                        GlobalSecondaryIndex.builder().indexName(MAIL_QUEUE_INDEX)
                                .keySchema(key(MAIL_QUEUE, KeyType.HASH), key(DUE_AT, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(
                TimeToLiveSpecification.builder().attributeName(EXPIRES_AT).enabled(true).build()));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
