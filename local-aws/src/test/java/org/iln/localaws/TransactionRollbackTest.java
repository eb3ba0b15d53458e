package org.iln.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The launcher's item-level backup keeps moto's all-or-nothing transactions. */
class TransactionRollbackTest {

    private static MotoServer moto;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        dynamo.createTable(t -> t.tableName("t").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        moto.close();
    }

    @Test
    void a_cancelled_transaction_leaves_every_item_as_it_was() {
        // given one item that exists and one that a condition protects
        put("kept", "v", "before");
        put("guard", "v", "present");

        // when a transaction updates the first, adds a new one and deletes nothing, but its last condition fails
        assertThatThrownBy(() -> dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("t").key(key("kept"))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("after")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("t").item(item("added", "v", "new"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("t").item(item("guard", "v", "overwritten"))
                        .conditionExpression("attribute_not_exists(pk)")).build())))
                .isInstanceOf(TransactionCanceledException.class);

        // then nothing of it was applied
        assertThat(get("kept")).containsEntry("v", s("before"));
        assertThat(get("added")).isEmpty();
        assertThat(get("guard")).containsEntry("v", s("present"));
    }

    @Test
    void a_transaction_whose_conditions_hold_is_applied_in_full() {
        put("a", "v", "1");

        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("t").key(key("a"))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("2")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("t").item(item("b", "v", "3"))
                        .conditionExpression("attribute_not_exists(pk)")).build()));

        assertThat(get("a")).containsEntry("v", s("2"));
        assertThat(get("b")).containsEntry("v", s("3"));
    }

    private static void put(String pk, String attribute, String value) {
        dynamo.putItem(p -> p.tableName("t").item(item(pk, attribute, value)));
    }

    private static Map<String, AttributeValue> get(String pk) {
        return dynamo.getItem(g -> g.tableName("t").key(key(pk)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk), "sk", s("x"));
    }

    private static Map<String, AttributeValue> item(String pk, String attribute, String value) {
        return Map.of("pk", s(pk), "sk", s("x"), attribute, s(value));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
