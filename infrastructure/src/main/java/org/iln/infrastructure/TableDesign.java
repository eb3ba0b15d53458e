package org.iln.infrastructure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The table's key attributes and secondary indexes, in one place so that they can be kept equal
 * to the names the store code in the functions module uses ({@code org.iln.store.IlnTable},
 * described in docs/storage.md).
 *
 * @param partitionKey the table's partition key attribute
 * @param sortKey the table's sort key attribute
 * @param timeToLive the attribute DynamoDB's TTL reads: unconfirmed applications and expired tokens go by it
 * @param indexes the global secondary indexes
 */
public record TableDesign(String partitionKey, String sortKey, String timeToLive, List<Index> indexes) {

    /** The programme's table: keep these names equal to {@code org.iln.store.IlnTable}'s. */
    public static final TableDesign PROGRAMME = new TableDesign("pk", "sk", "expiresAt", List.of(
            new Index("confirmed-by-round", "confirmedRound", Optional.of("confirmedOrder"), Projection.ALL,
                    List.of()),
            new Index("by-address", "addressHash", Optional.empty(), Projection.INCLUDE, List.of("itemType")),
            new Index("mail-queue", "mailQueue", Optional.of("dueAt"), Projection.KEYS_ONLY, List.of())));

    public TableDesign {
        indexes = List.copyOf(indexes);
    }

    /** Which attributes an index copies. */
    public enum Projection {
        /** Every attribute. */
        ALL,
        /** Only the table's and the index's keys. */
        KEYS_ONLY,
        /** The keys and the listed attributes. */
        INCLUDE
    }

    /**
     * One global secondary index, keyed by string attributes.
     *
     * @param name the index name the store code queries
     * @param partitionKey the index's partition key attribute
     * @param sortKey the index's sort key attribute, if it has one
     * @param projection which attributes it copies
     * @param nonKeyAttributes the attributes an {@code INCLUDE} projection copies
     */
    public record Index(String name, String partitionKey, Optional<String> sortKey, Projection projection,
                        List<String> nonKeyAttributes) {
        public Index {
            Objects.requireNonNull(name, "name cannot be null");
            Objects.requireNonNull(partitionKey, "partitionKey cannot be null");
            Objects.requireNonNull(sortKey, "sortKey cannot be null");
            Objects.requireNonNull(projection, "projection cannot be null");
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }
}
