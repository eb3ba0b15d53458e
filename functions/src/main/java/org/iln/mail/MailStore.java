package org.iln.mail;

import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.orderable;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.strings;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.DUE_AT;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.MAIL_QUEUE;
import static org.iln.store.IlnTable.MAIL_QUEUE_INDEX;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.iln.store.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Every message's record in the table, under {@code MAIL#<key>}: the claim of an immediate send,
 * the outbox entry the dispatcher sends, and what became of it; and the {@code FANOUT#} markers
 * of fan-outs queued in full.
 *
 * <p>Every step is one conditional write, so a message is claimed by one caller only and sent
 * once, however often a request or a job is retried. A record lasts {@link #MAIL_CLAIM_TTL}, which
 * is how long its key stays "sent"; sending removes the address and model from it.
 */
public final class MailStore {

    /** How long a mail claim is kept, which is how long a message key stays "sent". */
    public static final Duration MAIL_CLAIM_TTL = Duration.ofDays(30);
    /**
     * How long an immediate send's claim keeps others off: well past the API function's timeout,
     * so only a claim whose holder is gone (and that was never marked sent) is taken over.
     */
    public static final Duration MAIL_CLAIM_LEASE = Duration.ofMinutes(2);

    /** The one partition of the sparse {@code mail-queue} index (see docs/storage.md on its size). */
    private static final String PENDING = "PENDING";

    private final DynamoDbClient dynamo;
    private final String table;

    /** The mail records in {@code table}. */
    public MailStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Claims the right to send the message with this key; true for exactly one caller, however
     * many try at once. A claim holds for {@link #MAIL_CLAIM_LEASE}: one that was never marked
     * sent (its holder died, or could not release it) can be claimed again after that.
     */
    public boolean claimMail(String mailKey, String addressHash, String template, Instant now) {
        Map<String, AttributeValue> item = mailItem(mailKey, addressHash, template, now);
        // Tells our own claim from another's when the SDK retried a put that had been applied
        // but whose answer was lost (a 500, a timeout): the retry then fails its condition.
        String claimId = UUID.randomUUID().toString();
        item.put("claimId", s(claimId));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (attribute_not_exists(sentAt) "
                            + "AND #status = :claimed AND leaseEnds < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", s(StoredMail.Status.CLAIMED.name()),
                            ":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && e.item().containsKey("claimId") && claimId.equals(e.item().get("claimId").s());
        } catch (RuntimeException e) {
            // The put may have been applied before the call failed: take back only our own claim,
            // so a retry can claim it at once rather than after the lease.
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                        .conditionExpression("claimId = :mine AND attribute_not_exists(sentAt)")
                        .expressionAttributeValues(Map.of(":mine", s(claimId))));
            } catch (ConditionalCheckFailedException notOurs) {
                // Never written, or someone else's: nothing to take back.
            } catch (RuntimeException stillFailing) {
                e.addSuppressed(stillFailing);
            }
            throw e;
        }
    }

    /**
     * The claim of a message as a put for the caller's own transaction (a new application claims
     * its acknowledgement so, see {@code ApplicationStore#createApplication}): written only if no
     * message holds the key yet.
     */
    public Put claimPut(String mailKey, String addressHash, String template, Instant now) {
        return Put.builder().tableName(table).item(mailItem(mailKey, addressHash, template, now))
                .conditionExpression("attribute_not_exists(pk)").build();
    }

    /**
     * Records that a claimed message went out, with SES's id for it: status {@code SENT}, out of
     * the outbox index, and the address and model (personal data) removed from the record.
     * Does nothing if the record is gone (the person was erased meanwhile).
     */
    public void markMailSent(String mailKey, String messageId, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                    .updateExpression("SET sentAt = :at, messageId = :id, #status = :sent "
                            + "REMOVE mailQueue, dueAt, leaseUntil, #to, model")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status", "#to", "to"))
                    .expressionAttributeValues(Map.of(":at", s(now.toString()), ":id", s(messageId),
                            ":sent", s(StoredMail.Status.SENT.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Erased while it was being sent: recreating the record would bring the person back.
        }
    }

    /**
     * Puts a message in the outbox under {@code MAIL#<key>}, status {@code QUEUED}, due now;
     * false (writing nothing) if a message with this key exists, whatever its status, so
     * enqueuing twice is harmless.
     */
    public boolean enqueueMail(StoredMail mail, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("MAIL#" + mail.key()));
        item.put(SK, s("MAIL"));
        item.put(ITEM_TYPE, s("MAIL"));
        item.put(ADDRESS_HASH, s(mail.addressHash()));
        item.put("template", s(mail.template()));
        item.put("to", s(mail.to()));
        item.put("model", s(mail.modelJson()));
        item.put("replyTo", list(mail.replyTo()));
        item.put("programmeMail", AttributeValue.fromBool(mail.programmeMail()));
        item.put("round", s(mail.round()));
        item.put("participantId", s(mail.participantId()));
        item.put("status", s(StoredMail.Status.QUEUED.name()));
        item.put("attempts", n(0));
        item.put("queuedAt", s(now.toString()));
        item.put(MAIL_QUEUE, s(PENDING));
        item.put(DUE_AT, s(orderable(now)));
        item.put(EXPIRES_AT, n(now.plus(MAIL_CLAIM_TTL).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Keys of outbox messages that may be claimed now (queued, or claimed with a lapsed lease),
     * earliest due first, read lazily page by page from the {@code mail-queue} index. The index
     * is eventually consistent: a key may already be taken, which its claim will tell.
     */
    public Stream<String> dueMail(Instant now) {
        return Paging.items(dynamo, b -> b.tableName(table).indexName(MAIL_QUEUE_INDEX)
                        .keyConditionExpression("mailQueue = :pending AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":pending", s(PENDING), ":now", s(orderable(now))))
                        .limit(100))
                .map(item -> item.get(PK).s().substring("MAIL#".length()));
    }

    /**
     * Claims a due outbox message until {@code leaseUntil}: one conditional write, true for one
     * caller only. A claim whose lease has passed may be claimed again (its holder is presumed
     * dead). Empty if the message is not due (sent, failed, skipped, or claimed by a live holder).
     */
    public Optional<StoredMail> claimQueuedMail(String mailKey, Instant now, Instant leaseUntil) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table)
                    .key(key("MAIL#" + mailKey, "MAIL"))
                    .updateExpression("SET #status = :claimed, dueAt = :lease, leaseUntil = :leaseAt, "
                            + "claimedAt = :at ADD attempts :one")
                    .conditionExpression("mailQueue = :pending AND dueAt <= :now")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":claimed", s(StoredMail.Status.CLAIMED.name()),
                            ":lease", s(orderable(leaseUntil)),
                            ":leaseAt", s(leaseUntil.toString()),
                            ":at", s(now.toString()),
                            ":one", n(1),
                            ":pending", s(PENDING),
                            ":now", s(orderable(now))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(toStoredMail(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Puts a claimed message back in the queue, due at {@code dueAt} (e.g. after throttling). */
    public void requeueMail(String mailKey, Instant dueAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                    .updateExpression("SET #status = :queued, dueAt = :due REMOVE leaseUntil")
                    .conditionExpression("#status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":queued", s(StoredMail.Status.QUEUED.name()),
                            ":claimed", s(StoredMail.Status.CLAIMED.name()), ":due", s(orderable(dueAt)))));
        } catch (ConditionalCheckFailedException e) {
            // Already finished or gone: nothing to put back.
        }
    }

    /**
     * Takes a claimed message out of the outbox for good, as {@code FAILED} or {@code SKIPPED},
     * with a reason that holds no personal data; its address and model are removed.
     */
    public void finishMail(String mailKey, StoredMail.Status status, String reason, Instant now) {
        if (status != StoredMail.Status.FAILED && status != StoredMail.Status.SKIPPED) {
            throw new IllegalArgumentException("status must be FAILED or SKIPPED, was " + status);
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                    .updateExpression("SET #status = :status, #error = :reason, finishedAt = :at "
                            + "REMOVE mailQueue, dueAt, leaseUntil, #to, model")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status", "#error", "error", "#to", "to"))
                    .expressionAttributeValues(Map.of(":status", s(status.name()), ":reason", s(reason),
                            ":at", s(now.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // Erased meanwhile.
        }
    }

    /** The outbox record under this key, whatever its status. */
    public Optional<StoredMail> mail(String mailKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("MAIL#" + mailKey, "MAIL"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStoredMail(item));
    }

    /** Whether a fan-out (e.g. one discussion point to a whole round) has already been queued in full. */
    public boolean isFannedOut(String fanOutKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("FANOUT#" + fanOutKey, "FANOUT"))).item();
        return item != null && !item.isEmpty();
    }

    /** Records that a fan-out was queued in full, so later runs skip it (kept as long as mail records). */
    public void markFannedOut(String fanOutKey, int queued, Instant now) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                PK, s("FANOUT#" + fanOutKey),
                SK, s("FANOUT"),
                ITEM_TYPE, s("FANOUT"),
                "queued", n(queued),
                "at", s(now.toString()),
                EXPIRES_AT, n(now.plus(MAIL_CLAIM_TTL).getEpochSecond()))));
    }

    /** Gives up a claim whose message could not be sent, so a retry may send it. */
    public void releaseMail(String mailKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                .conditionExpression("attribute_not_exists(sentAt)"));
    }

    private static Map<String, AttributeValue> mailItem(String mailKey, String addressHash, String template,
                                                        Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("MAIL#" + mailKey));
        item.put(SK, s("MAIL"));
        item.put(ITEM_TYPE, s("MAIL"));
        item.put(ADDRESS_HASH, s(addressHash));
        item.put("template", s(template));
        item.put("claimedAt", s(now.toString()));
        // Claimed for an immediate send (no mailQueue attribute), so dispatch never picks it up.
        item.put("status", s(StoredMail.Status.CLAIMED.name()));
        item.put("leaseEnds", n(now.plus(MAIL_CLAIM_LEASE).getEpochSecond()));
        item.put(EXPIRES_AT, n(now.plus(MAIL_CLAIM_TTL).getEpochSecond()));
        return item;
    }

    private static StoredMail toStoredMail(Map<String, AttributeValue> item) {
        AttributeValue programme = item.get("programmeMail");
        return new StoredMail(item.get(PK).s().substring("MAIL#".length()), text(item, "template"),
                text(item, "to"), text(item, ADDRESS_HASH), item.containsKey("model") ? text(item, "model") : "{}",
                strings(item, "replyTo"), programme != null && Boolean.TRUE.equals(programme.bool()),
                text(item, "round"), text(item, "participantId"),
                item.containsKey("status") ? StoredMail.Status.valueOf(text(item, "status")) : StoredMail.Status.CLAIMED,
                item.containsKey("attempts") ? Integer.parseInt(item.get("attempts").n()) : 0);
    }
}
