package org.iln.cli.dev;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The dev server's two HMAC keys (address hashes and signed links), kept in the emulator's table
 * so that a restart of {@code ./iln dev} on an emulator that outlives it keeps them.
 *
 * <p>Why: every key in the table is built from the address hash. With a fresh random key per run,
 * the demo people and everyone who signed up before the restart hashed to new locks, so seeding
 * created second applications for the same people, the next matching night paired them again and
 * they held two active partnerships; their old confirmation and unsubscribe links stopped working
 * too. The first run writes the keys (a conditional put: the first writer wins), later runs read them.
 *
 * <p>{@code ILN_ADDRESS_KEY} / {@code ILN_TOKEN_KEY}, when set, still win.
 */
final class DevKeys {

    /** The item that holds the keys; the {@code DEV#} prefix is used by nothing in production. */
    static final String PK = "DEV#KEYS";

    private DevKeys() {
    }

    /** The API settings with the keys from the environment, else those kept in {@code table} (made on first use). */
    static DevServer.ApiSettings keptIn(DynamoDbClient dynamo, String table) {
        DevServer.ApiSettings defaults = DevServer.ApiSettings.fromEnvironment();
        Map<String, AttributeValue> kept = kept(dynamo, table);
        return new DevServer.ApiSettings(
                fromEnvironment("ILN_ADDRESS_KEY").orElse(kept.get("addressKey").b().asByteArray()),
                fromEnvironment("ILN_TOKEN_KEY").orElse(kept.get("tokenKey").b().asByteArray()),
                defaults.rateLimit(), defaults.rateWindow());
    }

    private static Map<String, AttributeValue> kept(DynamoDbClient dynamo, String table) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(PK));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("itemType", AttributeValue.fromS("DEV_KEYS"));
        item.put("addressKey", random());
        item.put("tokenKey", random());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return item;
        } catch (ConditionalCheckFailedException e) {
            return dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        }
    }

    private static AttributeValue random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
    }

    private static Optional<byte[]> fromEnvironment(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(value.trim()));
    }
}
