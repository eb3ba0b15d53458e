package org.iln.figures;

import static org.iln.store.Attributes.expired;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts one round from its own partition ({@code ROUND#<round>}): two queries, one over the
 * applications ({@code APP#}) and one over the partnerships and their members ({@code PAIR#});
 * nothing scans. Each query asks only for the attributes it counts by (status, country,
 * confirmation, the re-match flag), so no name or address is ever read.
 */
final class Counting {

    private final DynamoDbClient dynamo;
    private final String table;

    Counting(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    RoundCount round(String round, Instant now) {
        RoundCount.Builder counts = new RoundCount.Builder(round);
        query(round, "APP#", "participantId, country, #status, confirmedAt, expiresAt").forEach(app -> {
            if (expired(app, now)) {
                return; // an unconfirmed application past its 48 hours: as good as deleted
            }
            String country = text(app, "country");
            counts.add(country, Measure.APPLIED);
            if (app.containsKey("confirmedAt")) {
                counts.add(country, Measure.CONFIRMED);
            }
            if ("WITHDRAWN".equals(text(app, "status"))) {
                counts.add(country, Measure.WITHDRAWN);
            }
        });

        // A member item (PAIR#<id>#<participant>) carries the member's country; the pair item
        // (PAIR#<id>) says whether a re-match made it. Someone matched twice (first partner left,
        // then re-matched) is one matched person.
        Set<String> rematchPairs = new HashSet<>();
        Map<String, String> countryOf = new HashMap<>();
        Map<String, Set<String>> pairsOf = new HashMap<>();
        query(round, "PAIR#", "itemType, pairId, participantId, country, rematch").forEach(item -> {
            if ("PAIR".equals(text(item, "itemType"))) {
                AttributeValue rematch = item.get("rematch");
                if (rematch != null && Boolean.TRUE.equals(rematch.bool())) {
                    rematchPairs.add(text(item, "pairId"));
                }
            } else if ("PAIR_MEMBER".equals(text(item, "itemType"))) {
                String member = text(item, "participantId");
                countryOf.put(member, text(item, "country"));
                pairsOf.computeIfAbsent(member, m -> new HashSet<>()).add(text(item, "pairId"));
            }
        });
        countryOf.forEach((member, country) -> {
            counts.add(country, Measure.MATCHED);
            if (pairsOf.get(member).stream().anyMatch(rematchPairs::contains)) {
                counts.add(country, Measure.REMATCHED);
            }
        });
        return counts.build();
    }

    private Stream<Map<String, AttributeValue>> query(String round, String prefix, String attributes) {
        return Paging.items(dynamo, b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("ROUND#" + round), ":prefix", s(prefix)))
                .projectionExpression(attributes)
                .applyMutation(q -> {
                    // DynamoDB refuses a name that the request does not use
                    if (attributes.contains("#status")) {
                        q.expressionAttributeNames(Map.of("#status", "status"));
                    }
                }));
    }
}
