package org.iln.survey;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The survey's answers in the single table, one item per participant and round under
 * {@code SURVEY#<round>} / {@code ANSWER#<participantId>}: a round's answers are one query of
 * its partition (for the aggregates), never a scan of people.
 *
 * <p>Saving is one unconditional update of that one key, so an edit replaces the answer, a
 * retry or a double click writes the same thing again, and there is never a second answer.
 * Each item carries the address hash (erasure finds and deletes it) and expires with the
 * round's personal data.
 */
public final class SurveyStore {

    private static final String TYPE = "SURVEY_ANSWER";

    private final DynamoDbClient dynamo;
    private final String table;

    /** The answers in {@code table}. */
    public SurveyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The partition key of a round's answers. */
    public static String partition(String round) {
        return "SURVEY#" + Objects.requireNonNull(round, "round");
    }

    /**
     * Stores (or replaces) a participant's answer; the first answer's time is kept, the
     * update's time set, and the item expires at {@code keptUntil}.
     */
    public void save(String round, String participantId, String addressHash, SurveyAnswer answer,
                     Instant keptUntil, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", s(TYPE));
        values.put(":hash", s(addressHash));
        values.put(":round", s(round));
        values.put(":pid", s(participantId));
        values.put(":met", s(answer.met().id()));
        values.put(":usefulness", n(answer.usefulness()));
        values.put(":recommend", s(answer.recommend().id()));
        values.put(":improve", s(answer.improve()));
        values.put(":quote", AttributeValue.fromBool(answer.mayQuote()));
        values.put(":now", s(now.toString()));
        values.put(":kept", n(keptUntil.getEpochSecond()));
        dynamo.updateItem(b -> b.tableName(table).key(key(partition(round), "ANSWER#" + participantId))
                .updateExpression("SET #type = :type, #hash = :hash, #round = :round, participantId = :pid, "
                        + "met = :met, usefulness = :usefulness, recommend = :recommend, improve = :improve, "
                        + "mayQuote = :quote, answeredAt = if_not_exists(answeredAt, :now), updatedAt = :now, "
                        + "#expires = :kept")
                .expressionAttributeNames(Map.of("#type", ITEM_TYPE, "#hash", ADDRESS_HASH, "#round", "round",
                        "#expires", EXPIRES_AT))
                .expressionAttributeValues(values));
    }

    /** A participant's answer for a round, if they gave one. */
    public Optional<SurveyAnswer.Stored> answer(String round, String participantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(partition(round), "ANSWER#" + participantId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    /** Every answer of a round: one query of {@code SURVEY#<round>}, page by page. */
    public List<SurveyAnswer.Stored> answers(String round) {
        return Paging.items(dynamo, b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(round)))))
                .map(SurveyStore::toStored).toList();
    }

    /**
     * The choices of every answer of a round, for its aggregate figures: one query of
     * {@code SURVEY#<round>} that projects the four choices only, so the free text (which may
     * name people) and the participant ids are never read.
     */
    public List<Choices> choices(String round) {
        return Paging.items(dynamo, b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(round))))
                .projectionExpression("met, usefulness, recommend, mayQuote"))
                .map(item -> new Choices(SurveyAnswer.Met.of(text(item, "met")).orElseThrow(),
                        Integer.parseInt(item.get("usefulness").n()),
                        SurveyAnswer.Recommend.of(text(item, "recommend")).orElseThrow(),
                        Boolean.TRUE.equals(item.get("mayQuote").bool())))
                .toList();
    }

    /**
     * One answer's choices without its free text or its author, as the figures count them.
     *
     * @param met how often they met
     * @param usefulness 1 to 5
     * @param recommend whether they would recommend the programme
     * @param mayQuote whether they allowed an anonymous quote
     */
    public record Choices(SurveyAnswer.Met met, int usefulness, SurveyAnswer.Recommend recommend, boolean mayQuote) {
        public Choices {
            Objects.requireNonNull(met, "met");
            Objects.requireNonNull(recommend, "recommend");
            if (usefulness < 1 || usefulness > 5) {
                throw new IllegalArgumentException("usefulness must be 1..5, was " + usefulness);
            }
        }
    }

    private static SurveyAnswer.Stored toStored(Map<String, AttributeValue> item) {
        SurveyAnswer answer = new SurveyAnswer(
                SurveyAnswer.Met.of(text(item, "met")).orElseThrow(),
                Integer.parseInt(item.get("usefulness").n()),
                SurveyAnswer.Recommend.of(text(item, "recommend")).orElseThrow(),
                text(item, "improve"),
                Boolean.TRUE.equals(item.get("mayQuote").bool()));
        return new SurveyAnswer.Stored(text(item, "round"), text(item, "participantId"), answer,
                Instant.parse(text(item, "answeredAt")), Instant.parse(text(item, "updatedAt")));
    }
}
