package org.iln.store;

import static org.iln.store.Attributes.expired;
import static org.iln.store.Attributes.key;
import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.orderable;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.strings;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.CONFIRMED_BY_ROUND;
import static org.iln.store.IlnTable.CONFIRMED_ORDER;
import static org.iln.store.IlnTable.CONFIRMED_ROUND;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.iln.store.Application.Profile;
import org.iln.store.Application.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The programme's applications in the single table: each application under
 * {@code ROUND#<round>}/{@code APP#<participantId>}, its uniqueness lock under
 * {@code EMAIL#<hash>}/{@code ROUND#<round>}, and the moves it makes (confirmed, waitlisted,
 * carried over into the round it waited for).
 *
 * <p>Every move is a conditional write or a transaction, so retries and parallel requests are
 * safe; every item carries {@link IlnTable#ADDRESS_HASH} so that erasure can find it through the
 * {@link IlnTable#BY_ADDRESS} index. Reads of a round query the {@link IlnTable#CONFIRMED_BY_ROUND}
 * index; nothing scans.
 */
public final class ApplicationStore {

    /** How long an unconfirmed application (and its lock) lives. */
    public static final Duration UNCONFIRMED_TTL = Duration.ofHours(48);

    private final DynamoDbClient dynamo;
    private final String table;

    /** The applications in {@code table}. */
    public ApplicationStore(DynamoDbClient dynamo, String table) {
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
     * Stores an unconfirmed application, its {@code EMAIL#}/{@code ROUND#} lock and
     * {@code ackClaim}, the claim of its acknowledgement mail ({@code MailStore#claimPut}), in one
     * transaction: either all three are written or none.
     *
     * <p>An expired lock (TTL deletion lags by up to days) counts as free.
     */
    public CreateOutcome createApplication(Application application, Put ackClaim, Instant now) {
        long expires = now.plus(UNCONFIRMED_TTL).getEpochSecond();
        Map<String, AttributeValue> app = applicationItem(application);
        app.put(EXPIRES_AT, n(expires));

        List<TransactWriteItem> writes = List.of(
                takeLock(application, expires, now),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(app)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(ackClaim).build());
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
                if (attempt >= Backoff.ATTEMPTS) {
                    throw e;
                }
                Backoff.pause(attempt);
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
        return itemsInRound(round, filter, filterValues).map(ApplicationStore::toApplication).toList();
    }

    private Stream<Map<String, AttributeValue>> itemsInRound(String round, String filter,
                                                            Map<String, AttributeValue> filterValues) {
        Map<String, AttributeValue> values = new HashMap<>(filterValues);
        values.put(":round", s(round));
        return Paging.items(dynamo, b -> {
            b.tableName(table).indexName(CONFIRMED_BY_ROUND)
                    .keyConditionExpression("confirmedRound = :round")
                    .expressionAttributeValues(values);
            if (filter != null) {
                b.filterExpression(filter).expressionAttributeNames(Map.of("#status", "status"));
            }
        });
    }

    /**
     * Until when the round's confirmed applications are kept (their expiry, which confirming set
     * to the round's retention), if it has any: how long a record about them may be kept, for a
     * caller without the programme manifest ({@code ./iln coordinate}).
     */
    public Optional<Instant> keptUntil(String round) {
        return itemsInRound(round, null, Map.of()).map(item -> item.get(EXPIRES_AT)).filter(Objects::nonNull)
                .map(expires -> Instant.ofEpochSecond(Long.parseLong(expires.n()))).max(Comparator.naturalOrder());
    }

    /** Moves a confirmed application to the waitlist; false if it was not confirmed any more. */
    public boolean waitlist(Application application, String nextRound, Instant now) {
        return move(application, Status.CONFIRMED, Status.WAITLISTED, "waitlistedFor = :next, waitlistedAt = :at",
                Map.of(":next", s(nextRound), ":at", s(now.toString())));
    }

    /**
     * Moves an application from the status it was read in to {@code WITHDRAWN}: one conditional
     * write, so a double click, a replayed link or a re-match in between changes nothing twice
     * (false: it was not in that status any more; read it again).
     */
    public boolean withdraw(Application application, Instant now) {
        // withdrawnFrom records the status it was read in: the condition's own :from.
        return move(application, application.status(), Status.WITHDRAWN, "withdrawnAt = :at, withdrawnFrom = :from",
                Map.of(":at", s(now.toString())));
    }

    /**
     * Moves a matched application to {@code ROUND_ENDED} at its round's end: one conditional
     * write on {@code MATCHED}, so running the round-end job again, or a withdrawal at the same
     * moment, changes nothing twice (false: it was not matched any more).
     */
    public boolean endRound(Application application, Instant now) {
        return move(application, Status.MATCHED, Status.ROUND_ENDED, "roundEndedAt = :at",
                Map.of(":at", s(now.toString())));
    }

    /**
     * The one shape of a status move: sets {@code to} and {@code set} (whose other values are in
     * {@code values}) only while the status is still {@code from}, so a retry or a race changes
     * nothing twice; false if it was not in {@code from} any more.
     */
    private boolean move(Application application, Status from, Status to, String set,
                         Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":from", s(from.name()));
        all.put(":to", s(to.name()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key("ROUND#" + application.round(), "APP#" + application.participantId()))
                    .updateExpression("SET #status = :to, " + set)
                    .conditionExpression("#status = :from")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Replaces what a person told us (every answer but the address, which stays as confirmed, and
     * the language, which stays the signup form's: the personal page's form has none),
     * only while the application is still in the status it was read in; false otherwise (matched
     * or withdrawn since).
     */
    public boolean updateProfile(Application application, Profile profile, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET updatedAt = :at");
        values.put(":at", s(now.toString()));
        Map<String, AttributeValue> answers = new HashMap<>(applicationItem(
                new Application(application.round(), application.participantId(), application.addressHash(),
                        profile, application.status(), application.createdAt(), Optional.empty(), Optional.empty())));
        int i = 0;
        for (String field : List.of("givenName", "familyName", "country", "timezone", "languages", "sector", "role",
                "careerStage", "interests", "preferSector", "preferCareerStage", "preferRegions", "excludeCountries",
                "openToAny", "maxPartners", "heardFrom")) {
            names.put("#f" + i, field);
            values.put(":v" + i, answers.get(field));
            set.append(", #f").append(i).append(" = :v").append(i);
            i++;
        }
        names.put("#status", "status");
        values.put(":status", s(application.status().name()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key("ROUND#" + application.round(), "APP#" + application.participantId()))
                    .updateExpression(set.toString())
                    .conditionExpression("#status = :status")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
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

    /**
     * The item an application is stored as (without its TTL): the one shape every write of an
     * application uses, and what bench/publish seeds its round with.
     */
    public static Map<String, AttributeValue> applicationItem(Application a) {
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
        item.put("language", s(p.language()));
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
                text(item, "heardFrom"),
                item.containsKey("language") ? item.get("language").s() : Profile.DEFAULT_LANGUAGE);
        return new Application(text(item, "round"), text(item, "participantId"), text(item, ADDRESS_HASH),
                profile, Status.valueOf(text(item, "status")), Instant.parse(text(item, "createdAt")),
                Optional.ofNullable(item.get("confirmedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("waitlistedFor")).map(AttributeValue::s));
    }

    /** Fixed-width instant, so that the index's string order is time order. */
    private static String confirmedOrder(Instant at, String participantId) {
        return orderable(at) + "#" + participantId;
    }

    private static String lockPk(String addressHash) {
        return "EMAIL#" + addressHash;
    }
}
