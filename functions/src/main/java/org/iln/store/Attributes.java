package org.iln.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing the DynamoDB attribute values that the table's items are made of. */
public final class Attributes {

    private static final DateTimeFormatter ORDER_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Attributes() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    /** The item's string attribute, or "" when it is absent or not a string. */
    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    /** The item's list of strings, or an empty list when it is absent. */
    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    /** The primary key of the item under {@code pk} and {@code sk}. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(IlnTable.PK, s(pk), IlnTable.SK, s(sk));
    }

    /**
     * Whether the item's TTL ({@link IlnTable#EXPIRES_AT}) has passed: DynamoDB deletes expired
     * items only some time later (up to days), so reads treat them as gone.
     */
    public static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expires = item.get(IlnTable.EXPIRES_AT);
        return expires != null && Long.parseLong(expires.n()) < now.getEpochSecond();
    }

    /** An instant as fixed-width UTC text, so that an index's string order is time order. */
    public static String orderable(Instant at) {
        return ORDER_FORMAT.format(at);
    }
}
