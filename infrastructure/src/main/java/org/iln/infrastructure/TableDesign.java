package org.iln.infrastructure;

import java.util.List;

/**
 * The table's key attributes and secondary indexes, in one place so that they can be kept equal
 * to the names the store code in the functions module uses.
 *
 * @param partitionKey the table's partition key attribute
 * @param sortKey the table's sort key attribute
 * @param timeToLive the attribute DynamoDB's TTL reads: unconfirmed applications and expired tokens go by it
 * @param indexes the global secondary indexes, each projecting every attribute
 */
public record TableDesign(String partitionKey, String sortKey, String timeToLive, List<Index> indexes) {

    /** The programme's table: keep these names equal to the store code's. */
    public static final TableDesign PROGRAMME = new TableDesign("pk", "sk", "expiresAt", List.of(
            new Index("gsi1", "gsi1pk", "gsi1sk"),
            new Index("gsi2", "gsi2pk", "gsi2sk")));

    public TableDesign {
        indexes = List.copyOf(indexes);
    }

    /**
     * One global secondary index (ALL projection), keyed by string attributes.
     *
     * @param name the index name the store code queries
     * @param partitionKey the index's partition key attribute
     * @param sortKey the index's sort key attribute
     */
    public record Index(String name, String partitionKey, String sortKey) {
    }
}
