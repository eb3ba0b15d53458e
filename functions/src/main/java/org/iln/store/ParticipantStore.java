package org.iln.store;

import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.strings;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.BY_ADDRESS;
import static org.iln.store.IlnTable.CONFIRMED_BY_ROUND;
import static org.iln.store.IlnTable.CONFIRMED_ORDER;
import static org.iln.store.IlnTable.CONFIRMED_ROUND;
import static org.iln.store.IlnTable.DUE_AT;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.MAIL_QUEUE;
import static org.iln.store.IlnTable.MAIL_QUEUE_INDEX;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.iln.store.Application.Profile;
import org.iln.store.Application.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Typed reads and writes of participants' items in the single table: applications and their
 * uniqueness locks, signed-link tokens, mail claims, suppressions and per-client counters.
 *
 * <p>Every write that must happen once is a conditional write, so retries and parallel requests
 * are safe; every item that belongs to a person carries {@link IlnTable#ADDRESS_HASH} so that
 * erasure can find it through the {@link IlnTable#BY_ADDRESS} index.
 */
public final class ParticipantStore {

    /** How long an unconfirmed application (and its lock) lives. */
    public static final Duration UNCONFIRMED_TTL = Duration.ofHours(48);
    /** How long a mail claim is kept, which is how long a message key stays "sent". */
    public static final Duration MAIL_CLAIM_TTL = Duration.ofDays(30);
    /**
     * How long an immediate send's claim keeps others off: well past the API function's timeout,
     * so only a claim whose holder is gone (and that was never marked sent) is taken over.
     */
    public static final Duration MAIL_CLAIM_LEASE = Duration.ofMinutes(2);

    private static final int TRANSACTION_ATTEMPTS = 8;
    /** The one partition of the sparse {@code mail-queue} index (see docs/storage.md on its size). */
    private static final String PENDING = "PENDING";
    private static final DateTimeFormatter ORDER_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;

    /** A store over {@code table}. */
    public ParticipantStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** What became of an attempt to store a new application. */
    public enum CreateOutcome {
        /** Stored together with its lock and its acknowledgement mail claim. */
        CREATED,
        /** The address already holds a live application for the round: nothing was written. */
        ALREADY_APPLIED
    }

    /**
     * Stores an unconfirmed application, its {@code EMAIL#}/{@code ROUND#} lock and the claim of
     * its acknowledgement mail in one transaction: either all three are written or none.
     *
     * <p>An expired lock (TTL deletion lags by up to days) counts as free.
     */
    public CreateOutcome createApplication(Application application, String ackMailKey, String ackTemplate,
                                           Instant now) {
        long expires = now.plus(UNCONFIRMED_TTL).getEpochSecond();
        Map<String, AttributeValue> app = applicationItem(application);
        app.put(EXPIRES_AT, n(expires));
        Map<String, AttributeValue> claim = mailItem(ackMailKey, application.addressHash(), ackTemplate, now);

        List<TransactWriteItem> writes = List.of(
                takeLock(application, expires, now),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(app)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(claim)
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return CreateOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                if (conditionFailed(e)) {
                    // Our own earlier attempt may have been applied with its answer lost (a 500,
                    // a timeout) and retried by the SDK: then the lock names this application.
                    return holdsLock(application) ? CreateOutcome.CREATED : CreateOutcome.ALREADY_APPLIED;
                }
                // A conflict with a parallel transaction on the same lock: try again, and the
                // loser will then see the winner's lock.
                if (attempt >= TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** The {@code EMAIL#}/{@code ROUND#} lock of a new application: written only if free (or expired). */
    private TransactWriteItem takeLock(Application application, long expires, Instant now) {
        Map<String, AttributeValue> lock = new HashMap<>();
        lock.put(PK, s(lockPk(application.addressHash())));
        lock.put(SK, s("ROUND#" + application.round()));
        lock.put(ITEM_TYPE, s("LOCK"));
        lock.put(ADDRESS_HASH, s(application.addressHash()));
        lock.put("participantId", s(application.participantId()));
        lock.put("round", s(application.round()));
        lock.put(EXPIRES_AT, n(expires));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(lock)
                .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build()).build();
    }

    private boolean holdsLock(Application application) {
        Map<String, AttributeValue> lock = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(lockPk(application.addressHash()), "ROUND#" + application.round()))).item();
        return lock != null && lock.containsKey("participantId")
                && application.participantId().equals(lock.get("participantId").s());
    }

    /** The live application an address holds for a round, if any. */
    public Optional<Application> applicationOf(String addressHash, String round, Instant now) {
        Map<String, AttributeValue> lock = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(lockPk(addressHash), "ROUND#" + round))).item();
        if (lock == null || lock.isEmpty() || expired(lock, now)) {
            return Optional.empty();
        }
        return application(round, lock.get("participantId").s(), now);
    }

    /** The application with this id, unless it is gone or has expired unconfirmed. */
    public Optional<Application> application(String round, String participantId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("ROUND#" + round, "APP#" + participantId))).item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(toApplication(item));
    }

    /**
     * Marks an unconfirmed application confirmed, enters it in the {@code confirmed-by-round}
     * index and moves the TTL of it and its lock from the unconfirmed 48 hours to
     * {@code keptUntil} (the round's retention, {@code Round.personalDataKeptUntil()}). Returns
     * false when it was not unconfirmed (already confirmed, gone or expired), so confirming twice
     * is harmless.
     */
    public boolean confirm(Application application, Instant keptUntil, Instant now) {
        String order = confirmedOrder(now, application.participantId());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key("ROUND#" + application.round(), "APP#" + application.participantId()))
                            .updateExpression("SET #status = :confirmed, confirmedAt = :at, "
                                    + "confirmedRound = :round, confirmedOrder = :order, expiresAt = :kept")
                            .conditionExpression("#status = :unconfirmed AND expiresAt >= :nowSeconds")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(
                                    ":confirmed", s(Status.CONFIRMED.name()),
                                    ":unconfirmed", s(Status.UNCONFIRMED.name()),
                                    ":at", s(now.toString()),
                                    ":round", s(application.round()),
                                    ":order", s(order),
                                    ":kept", n(keptUntil.getEpochSecond()),
                                    ":nowSeconds", n(now.getEpochSecond())))
                            .build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key(lockPk(application.addressHash()), "ROUND#" + application.round()))
                            .updateExpression("SET expiresAt = :kept")
                            .conditionExpression("participantId = :pid")
                            .expressionAttributeValues(Map.of(":pid", s(application.participantId()),
                                    ":kept", n(keptUntil.getEpochSecond())))
                            .build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            // Only a failed condition means "not unconfirmed any more"; a throttled or
            // conflicting transaction is a failure the caller must report, not an expired link.
            if (conditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
    }

    /** Whether the transaction's write at {@code index} is the one whose condition failed. */
    private static boolean conditionFailedAt(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    /** Confirmed and waitlisted applications of a round, earliest confirmation first. */
    public List<Application> confirmedInRound(String round) {
        return inRound(round, Optional.empty());
    }

    /**
     * The round's active participants: applications whose status is {@code MATCHED} (set by
     * matching when it publishes partnerships), earliest confirmation first. Withdrawn,
     * waitlisted and unmatched applications are not active. Queries the
     * {@code confirmed-by-round} index; never scans.
     */
    public List<Application> activeParticipants(String round) {
        return inRound(round, Optional.of(Status.MATCHED));
    }

    private List<Application> inRound(String round, Optional<Status> only) {
        return only.isPresent() ? inRound(round, "#status = :status", Map.of(":status", s(only.get().name())))
                : inRound(round, null, Map.of());
    }

    /** The round's applications in {@code confirmed-by-round} that pass {@code filter} (null: all). */
    private List<Application> inRound(String round, String filter, Map<String, AttributeValue> filterValues) {
        List<Application> result = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(filterValues);
        values.put(":round", s(round));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> {
                b.tableName(table).indexName(CONFIRMED_BY_ROUND)
                        .keyConditionExpression("confirmedRound = :round")
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(from);
                if (filter != null) {
                    b.filterExpression(filter).expressionAttributeNames(Map.of("#status", "status"));
                }
            });
            page.items().forEach(item -> result.add(toApplication(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return result;
    }

    /** Moves a confirmed application to the waitlist; false if it was not confirmed any more. */
    public boolean waitlist(Application application, String nextRound, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key("ROUND#" + application.round(), "APP#" + application.participantId()))
                    .updateExpression("SET #status = :waitlisted, waitlistedFor = :next, waitlistedAt = :at")
                    .conditionExpression("#status = :confirmed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":waitlisted", s(Status.WAITLISTED.name()),
                            ":confirmed", s(Status.CONFIRMED.name()),
                            ":next", s(nextRound),
                            ":at", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The applications of {@code fromRound} waitlisted for {@code round} and not yet moved into
     * it (one query of {@code confirmed-by-round}).
     */
    public List<Application> waitingFor(String fromRound, String round) {
        return inRound(fromRound, "#status = :status AND waitlistedFor = :next AND attribute_not_exists(carriedTo)",
                Map.of(":status", s(Status.WAITLISTED.name()), ":next", s(round)));
    }

    /**
     * Moves a waitlisted application into the round it waits for, in one transaction: {@code moved}
     * (a confirmed application of that round) and its uniqueness lock are written, expiring at
     * {@code keptUntil}, and the waiting one is marked {@code carriedTo}. False if it was moved
     * before, or if the person already holds an application to that round (then the waiting one
     * is only marked, so that it is not tried again).
     */
    public boolean carryOver(Application waiting, Application moved, Instant keptUntil, Instant now) {
        Map<String, AttributeValue> app = applicationItem(moved);
        app.put(EXPIRES_AT, n(keptUntil.getEpochSecond()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(markCarried(waiting, moved.round(), true, now)).build(),
                takeLock(moved, keptUntil.getEpochSecond(), now),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(app)
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (!conditionFailed(e)) {
                throw e;
            }
            // writes[0] failing means moved before; writes[1] alone, that the person applied to
            // that round themselves (the lock is taken): then only mark the waiting one
            if (conditionFailedAt(e, 1) && !conditionFailedAt(e, 0)) {
                Update mark = markCarried(waiting, moved.round(), false, now);
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(mark.key()).updateExpression(mark.updateExpression())
                            .conditionExpression(mark.conditionExpression())
                            .expressionAttributeValues(mark.expressionAttributeValues()));
                } catch (ConditionalCheckFailedException alreadyMarked) {
                    // a parallel run marked it
                }
            }
            return false;
        }
    }

    /** Marks a waiting application as moved to {@code round}, once; if {@code stillWaiting}, only while waitlisted. */
    private Update markCarried(Application waiting, String round, boolean stillWaiting, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":round", s(round), ":at", s(now.toString())));
        Update.Builder update = Update.builder().tableName(table)
                .key(key("ROUND#" + waiting.round(), "APP#" + waiting.participantId()))
                .updateExpression("SET carriedTo = :round, carriedAt = :at");
        if (stillWaiting) {
            values.put(":waitlisted", s(Status.WAITLISTED.name()));
            update.conditionExpression("#status = :waitlisted AND attribute_not_exists(carriedTo)")
                    .expressionAttributeNames(Map.of("#status", "status"));
        } else {
            update.conditionExpression("attribute_not_exists(carriedTo)");
        }
        return update.expressionAttributeValues(values).build();
    }

    /** Stores a signed link's server-side half; it expires with the link. */
    public void putToken(StoredToken token) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("TOKEN#" + token.id()));
        item.put(SK, s("TOKEN"));
        item.put(ITEM_TYPE, s("TOKEN"));
        item.put("purpose", s(token.purpose()));
        item.put(ADDRESS_HASH, s(token.addressHash()));
        item.put("round", s(token.round()));
        item.put("participantId", s(token.participantId()));
        item.put(EXPIRES_AT, n(token.expiresAt().getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The token with this id, unless it is gone or expired. */
    public Optional<StoredToken> token(String id, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("TOKEN#" + id, "TOKEN"))).item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new StoredToken(id, item.get("purpose").s(), item.get(ADDRESS_HASH).s(),
                item.get("round").s(), item.get("participantId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n()))));
    }

    /** Deletes a token (a used one-shot link). */
    public void deleteToken(String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(key("TOKEN#" + id, "TOKEN")));
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
        item.put(DUE_AT, s(ORDER_FORMAT.format(now)));
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
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(MAIL_QUEUE_INDEX)
                        .keyConditionExpression("mailQueue = :pending AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":pending", s(PENDING), ":now", s(ORDER_FORMAT.format(now))))
                        .limit(100))
                .items().stream()
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
                            ":lease", s(ORDER_FORMAT.format(leaseUntil)),
                            ":leaseAt", s(leaseUntil.toString()),
                            ":at", s(now.toString()),
                            ":one", n(1),
                            ":pending", s(PENDING),
                            ":now", s(ORDER_FORMAT.format(now))))
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
                            ":claimed", s(StoredMail.Status.CLAIMED.name()), ":due", s(ORDER_FORMAT.format(dueAt)))));
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

    /**
     * Which of these addresses (keyed hashes) are suppressed: bounced, complained or
     * unsubscribed. Reads 100 at a time ({@code BatchGetItem}), retrying what DynamoDB leaves
     * unprocessed, so a pool of 10,000 costs 100 reads, not 10,000.
     */
    public Set<String> suppressedAmong(Collection<String> addressHashes) {
        List<String> hashes = new ArrayList<>(new LinkedHashSet<>(addressHashes));
        Set<String> suppressed = new HashSet<>();
        for (int from = 0; from < hashes.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = hashes.subList(from, Math.min(from + 100, hashes.size())).stream()
                    .map(hash -> key("SUPPRESS#" + hash, "SUPPRESS")).toList();
            Map<String, KeysAndAttributes> ask = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).projectionExpression(ADDRESS_HASH).consistentRead(true).build());
            for (int attempt = 1; !ask.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> asked = ask;
                BatchGetItemResponse answer = dynamo.batchGetItem(b -> b.requestItems(asked));
                answer.responses().getOrDefault(table, List.of()).forEach(item -> suppressed.add(item.get(ADDRESS_HASH).s()));
                ask = answer.unprocessedKeys();
                if (!ask.isEmpty()) {
                    if (attempt >= TRANSACTION_ATTEMPTS) {
                        throw new IllegalStateException("DynamoDB left suppression reads unprocessed " + attempt
                                + " times; run again later");
                    }
                    pause(attempt);
                }
            }
        }
        return suppressed;
    }

    /**
     * Stops programme mail to an address at once. A bounce or complaint is never overwritten
     * by a later unsubscribe (which a new confirmation would lift), so it stays for good.
     */
    public void suppress(String addressHash, String reason, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                            PK, s("SUPPRESS#" + addressHash),
                            SK, s("SUPPRESS"),
                            ITEM_TYPE, s("SUPPRESSION"),
                            ADDRESS_HASH, s(addressHash),
                            "reason", s(reason),
                            "at", s(now.toString())))
                    .conditionExpression("attribute_not_exists(pk) OR reason = :unsubscribed")
                    .expressionAttributeValues(Map.of(":unsubscribed", s("unsubscribed"))));
        } catch (ConditionalCheckFailedException e) {
            // Already suppressed for a bounce or complaint: that reason stands.
        }
    }

    /** Lifts a suppression, but only one recorded for this reason (a bounce stays). */
    public void unsuppress(String addressHash, String reason) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key("SUPPRESS#" + addressHash, "SUPPRESS"))
                    .conditionExpression("reason = :reason")
                    .expressionAttributeValues(Map.of(":reason", s(reason))));
        } catch (ConditionalCheckFailedException e) {
            // Not suppressed, or suppressed for a reason a new opt-in does not lift.
        }
    }

    /** Whether programme mail to this address is suppressed. */
    public boolean isSuppressed(String addressHash) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("SUPPRESS#" + addressHash, "SUPPRESS"))).item();
        return item != null && !item.isEmpty();
    }

    /** The first stored email address of a person, to confirm an erasure to them. */
    public Optional<String> anyAddressOf(String addressHash) {
        for (Map<String, AttributeValue> keys : itemsOf(addressHash)) {
            if ("APPLICATION".equals(text(keys, ITEM_TYPE))) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(key(keys.get(PK).s(), keys.get(SK).s()))).item();
                if (item != null && item.containsKey("email")) {
                    return Optional.of(item.get("email").s());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether we hold anything about this address beyond a suppression. */
    public boolean knows(String addressHash) {
        return itemsOf(addressHash).stream().anyMatch(i -> {
            String type = text(i, ITEM_TYPE);
            return "APPLICATION".equals(type) || "LOCK".equals(type) || "PAIR_MEMBER".equals(type);
        });
    }

    /**
     * Erases a person: deletes their applications, locks, tokens and mail claims, and anonymises
     * their side of any partnership (the partner keeps a record that they had one). Suppressions
     * stay, holding only the hash, so an erased person is still never mailed against their wish.
     *
     * @return how many items were deleted or anonymised
     */
    public int erase(String addressHash) {
        int touched = 0;
        for (Map<String, AttributeValue> keys : itemsOf(addressHash)) {
            Map<String, AttributeValue> primary = key(keys.get(PK).s(), keys.get(SK).s());
            String type = text(keys, ITEM_TYPE);
            if ("SUPPRESSION".equals(type)) {
                continue;
            }
            if ("PAIR_MEMBER".equals(type)) {
                dynamo.updateItem(b -> b.tableName(table).key(primary)
                        .updateExpression("SET erased = :yes REMOVE addressHash, email, givenName, familyName, "
                                + "#role, profile")
                        .expressionAttributeNames(Map.of("#role", "role"))
                        .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
            } else {
                dynamo.deleteItem(b -> b.tableName(table).key(primary));
            }
            touched++;
        }
        return touched;
    }

    private List<Map<String, AttributeValue>> itemsOf(String addressHash) {
        List<Map<String, AttributeValue>> result = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(BY_ADDRESS)
                    .keyConditionExpression("addressHash = :h")
                    .expressionAttributeValues(Map.of(":h", s(addressHash)))
                    .exclusiveStartKey(from));
            result.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return result;
    }

    private static Map<String, AttributeValue> applicationItem(Application a) {
        Profile p = a.profile();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("ROUND#" + a.round()));
        item.put(SK, s("APP#" + a.participantId()));
        item.put(ITEM_TYPE, s("APPLICATION"));
        item.put(ADDRESS_HASH, s(a.addressHash()));
        item.put("round", s(a.round()));
        item.put("participantId", s(a.participantId()));
        item.put("status", s(a.status().name()));
        item.put("createdAt", s(a.createdAt().toString()));
        a.confirmedAt().ifPresent(at -> {
            item.put("confirmedAt", s(at.toString()));
            item.put(CONFIRMED_ROUND, s(a.round()));
            item.put(CONFIRMED_ORDER, s(confirmedOrder(at, a.participantId())));
        });
        a.waitlistedFor().ifPresent(next -> item.put("waitlistedFor", s(next)));
        item.put("givenName", s(p.givenName()));
        item.put("familyName", s(p.familyName()));
        item.put("email", s(p.email()));
        item.put("country", s(p.country()));
        item.put("timezone", s(p.timezone()));
        item.put("languages", list(p.languages()));
        item.put("sector", s(p.sector()));
        item.put("role", s(p.role()));
        item.put("careerStage", s(p.careerStage()));
        item.put("interests", list(p.interests()));
        item.put("preferSector", s(p.preferSector()));
        item.put("preferCareerStage", s(p.preferCareerStage()));
        item.put("preferRegions", list(p.preferRegions()));
        item.put("excludeCountries", list(p.excludeCountries()));
        item.put("openToAny", AttributeValue.fromBool(p.openToAny()));
        item.put("maxPartners", n(p.maxPartners()));
        item.put("heardFrom", s(p.heardFrom()));
        item.put("consentedAt", s(a.createdAt().toString()));
        return item;
    }

    private static Application toApplication(Map<String, AttributeValue> item) {
        Profile profile = new Profile(
                text(item, "givenName"), text(item, "familyName"), text(item, "email"), text(item, "country"),
                text(item, "timezone"), strings(item, "languages"), text(item, "sector"), text(item, "role"),
                text(item, "careerStage"), strings(item, "interests"), text(item, "preferSector"),
                text(item, "preferCareerStage"), strings(item, "preferRegions"),
                strings(item, "excludeCountries"),
                item.containsKey("openToAny") && Boolean.TRUE.equals(item.get("openToAny").bool()),
                item.containsKey("maxPartners") ? Integer.parseInt(item.get("maxPartners").n()) : 1,
                text(item, "heardFrom"));
        return new Application(text(item, "round"), text(item, "participantId"), text(item, ADDRESS_HASH),
                profile, Status.valueOf(text(item, "status")), Instant.parse(text(item, "createdAt")),
                Optional.ofNullable(item.get("confirmedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("waitlistedFor")).map(AttributeValue::s));
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

    /** Fixed-width instant, so that the index's string order is time order. */
    private static String confirmedOrder(Instant at, String participantId) {
        return ORDER_FORMAT.format(at) + "#" + participantId;
    }

    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expires = item.get(EXPIRES_AT);
        return expires != null && Long.parseLong(expires.n()) < now.getEpochSecond();
    }

    private static String lockPk(String addressHash) {
        return "EMAIL#" + addressHash;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L << attempt) + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
