package org.iln.round;

import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.iln.programme.Programme.Round;
import org.iln.store.Attributes;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The writes of a running round's care (see {@link RoundCare}): a nudge on a partnership, the
 * partner's "I'm still here", the dissolution of a partnership whose nudge went unanswered, and
 * the check-in answers.
 *
 * <p>Each is one conditional write (or one transaction), so a double click, a replayed link or a
 * nightly run racing a click changes nothing twice. Check-in answers are kept under the round's
 * partition, {@code ROUND#<round>} / {@code CHECKIN#<pairId>#<participantId>}, so that the round's
 * figures are one query ({@code begins_with(sk, "CHECKIN#")}) without reading any person.
 */
public final class CareStore {

    /** Why a partnership dissolved when its nudge went unanswered. */
    public static final String SILENT_PARTNER = "silent-partner";

    /** A member's answer to the check-in ("have you met your partner yet?"). */
    public enum CheckInAnswer {
        /** "Yes, we have met." */
        MET("yes"),
        /** "Not yet, we're arranging it." */
        ARRANGING("arranging"),
        /** "My partner hasn't replied": also a nudge, when one may still be sent. */
        NO_REPLY("no-reply");

        private final String formValue;

        CheckInAnswer(String formValue) {
            this.formValue = formValue;
        }

        /** The answer's value in links and forms. */
        public String formValue() {
            return formValue;
        }

        /** The answer a form value names, if any. */
        public static java.util.Optional<CheckInAnswer> of(String formValue) {
            for (CheckInAnswer answer : values()) {
                if (answer.formValue.equals(formValue)) {
                    return java.util.Optional.of(answer);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A stored check-in answer, as a round's figures read it (no person, only ids). */
    public record CheckIn(String pairId, String participantId, CheckInAnswer answer, Instant answeredAt) {
    }

    /** What became of a nudge. */
    public enum Nudged {
        /** Recorded now: the partner is to be asked. */
        NUDGED,
        /** This member had already reported it (a double click, a replayed form): nothing changed. */
        ALREADY_NUDGED,
        /** The partnership was nudged before (by the other member, or answered already): nothing changed. */
        NUDGED_BEFORE,
        /** The partnership is no longer active: nothing changed. */
        NOT_ACTIVE
    }

    private final DynamoDbClient dynamo;
    private final String table;

    /** The care writes on {@code table}. */
    public CareStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Records {@code reporter}'s nudge on an active partnership that was never nudged: one
     * conditional update of the {@code PAIR#<id>} item.
     */
    public Nudged nudge(String round, PartnershipStore.Pair pair, String reporter, LocalDate due, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("ROUND#" + round, "PAIR#" + pair.id()))
                    .updateExpression("SET nudgedBy = :by, nudgedAt = :at, nudgeDue = :due")
                    .conditionExpression("#status = :active AND attribute_not_exists(nudgedBy) AND contains(members, :by)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":by", s(reporter), ":at", s(now.toString()),
                            ":due", s(due.toString()), ":active", s(PartnershipStore.PairStatus.ACTIVE.name()))));
            return Nudged.NUDGED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(key("ROUND#" + round, "PAIR#" + pair.id()))).item();
            if (item == null || !PartnershipStore.PairStatus.ACTIVE.name().equals(text(item, "status"))) {
                return Nudged.NOT_ACTIVE;
            }
            return reporter.equals(text(item, "nudgedBy")) && !item.containsKey("nudgeAnsweredAt")
                    ? Nudged.ALREADY_NUDGED : Nudged.NUDGED_BEFORE;
        }
    }

    /**
     * Records a partner's "I'm still here" on an active, nudged partnership: true if recorded now
     * or before (a double click), false if there is no open nudge on it for this member to answer.
     */
    public boolean answerNudge(String round, PartnershipStore.Pair pair, String member, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("ROUND#" + round, "PAIR#" + pair.id()))
                    .updateExpression("SET nudgeAnsweredAt = :at, nudgeAnsweredBy = :by")
                    .conditionExpression("#status = :active AND attribute_exists(nudgedBy) AND nudgedBy <> :by"
                            + " AND contains(members, :by) AND attribute_not_exists(nudgeAnsweredAt)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":by", s(member), ":at", s(now.toString()),
                            ":active", s(PartnershipStore.PairStatus.ACTIVE.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(key("ROUND#" + round, "PAIR#" + pair.id()))).item();
            return item != null && member.equals(text(item, "nudgeAnsweredBy"));
        }
    }

    /**
     * Dissolves a partnership whose nudge went unanswered, in one transaction: the pair becomes
     * {@code DISSOLVED} because of a {@link #SILENT_PARTNER} (only if still active, still nudged
     * by {@code reporter} and unanswered), the silent members are held back from re-matching until
     * they say they are still here, and every member's application goes back
     * {@code MATCHED -> CONFIRMED} (only if still in this partnership). False if any condition
     * failed (answered, withdrawn or dissolved meanwhile): nothing changed.
     */
    public boolean dissolveSilent(String round, PartnershipStore.Pair pair, String reporter, List<String> silent,
                                  Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":dissolved", s(PartnershipStore.PairStatus.DISSOLVED.name()));
        values.put(":active", s(PartnershipStore.PairStatus.ACTIVE.name()));
        values.put(":at", s(now.toString()));
        values.put(":why", s(SILENT_PARTNER));
        values.put(":by", s(reporter));
        values.put(":silent", AttributeValue.fromSs(silent));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("ROUND#" + round, "PAIR#" + pair.id()))
                .updateExpression("SET #status = :dissolved, dissolvedAt = :at, dissolvedBecause = :why,"
                        + " heldBack = :silent")
                .conditionExpression("#status = :active AND nudgedBy = :by AND attribute_not_exists(nudgeAnsweredAt)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build()).build());
        for (String member : pair.members()) {
            writes.add(PartnershipStore.release(table, round, pair.id(), member));
        }
        return PartnershipStore.allOrNothing(dynamo, writes);
    }

    /**
     * A member held back after a silent-partner dissolution says they are still here: they leave
     * the partnership's held-back set (one conditional update), so the next re-match pairs them
     * again. True if they were held back (now or by an earlier click of theirs).
     */
    public boolean returnAfterSilence(String round, PartnershipStore.Pair pair, String member) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("ROUND#" + round, "PAIR#" + pair.id()))
                    .updateExpression("DELETE heldBack :me")
                    .conditionExpression("#status = :dissolved AND contains(heldBack, :id)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromSs(List.of(member)),
                            ":id", s(member), ":dissolved", s(PartnershipStore.PairStatus.DISSOLVED.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Stores a member's check-in answer on a partnership. The last answer wins (people move from
     * "arranging" to "yes"), by its time: an older answer arriving late (a retried request) never
     * replaces a newer one. The item expires with the round's personal data.
     */
    public void answerCheckIn(Round round, String pairId, String participantId, CheckInAnswer answer, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("ROUND#" + round.id()));
        item.put(SK, s("CHECKIN#" + pairId + "#" + participantId));
        item.put(ITEM_TYPE, s("CHECK_IN"));
        item.put("round", s(round.id()));
        item.put("pairId", s(pairId));
        item.put("participantId", s(participantId));
        item.put("answer", s(answer.name()));
        // Fixed-width, so that the condition's string order is time order.
        item.put("answeredAt", s(Attributes.orderable(now)));
        item.put(EXPIRES_AT, n(round.personalDataKeptUntil().getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR answeredAt <= :at")
                    .expressionAttributeValues(Map.of(":at", s(Attributes.orderable(now)))));
        } catch (ConditionalCheckFailedException e) {
            // A newer answer is stored already: it stands.
        }
    }

    /** A round's check-in answers, by one query on its partition that reads these four attributes only. */
    public List<CheckIn> checkIns(String round) {
        List<CheckIn> result = new ArrayList<>();
        Paging.items(dynamo, b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :checkIn)")
                .expressionAttributeValues(Map.of(":pk", s("ROUND#" + round), ":checkIn", s("CHECKIN#")))
                .projectionExpression("pairId, participantId, answer, answeredAt"))
                .forEach(item -> result.add(new CheckIn(text(item, "pairId"), text(item, "participantId"),
                        CheckInAnswer.valueOf(text(item, "answer")), Instant.parse(text(item, "answeredAt")))));
        return result;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }
}
