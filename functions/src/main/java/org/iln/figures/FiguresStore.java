package org.iln.figures;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.json.Json;
import org.iln.store.IlnTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest {@link PublicFigures} in the single table, as one item ({@code FIGURES}/{@code PUBLIC})
 * holding the JSON document the site bake reads: the deploy workflow fetches it before baking,
 * and {@code ./iln dev} reads it from its emulator. Each night replaces it.
 */
public final class FiguresStore {

    /** The item's partition key. */
    public static final String PK = "FIGURES";
    /** The item's sort key. */
    public static final String SK = "PUBLIC";
    /** The attribute holding the JSON document. */
    public static final String DOCUMENT = "document";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json = Json.newMapper();

    /** The figures in {@code table}. */
    public FiguresStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Replaces the stored document (a whole-item put: running the night again writes the same). */
    void put(PublicFigures figures) {
        Map<String, AttributeValue> item = new HashMap<>(key(PK, SK));
        item.put(IlnTable.ITEM_TYPE, s("FIGURES"));
        item.put("computedAt", s(figures.computedAt().toString()));
        try {
            item.put(DOCUMENT, s(json.writeValueAsString(figures)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the figures document could not be written as JSON", e);
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The stored document as JSON text, if the job has run. */
    public Optional<String> document() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(PK, SK))).item();
        if (item == null || !item.containsKey(DOCUMENT)) {
            return Optional.empty();
        }
        return Optional.of(item.get(DOCUMENT).s());
    }
}
