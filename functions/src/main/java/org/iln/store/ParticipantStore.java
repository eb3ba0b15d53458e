package org.iln.store;

import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.BY_ADDRESS;
import static org.iln.store.IlnTable.CONFIRMED_BY_ROUND;
import static org.iln.store.IlnTable.CONFIRMED_ORDER;
import static org.iln.store.IlnTable.CONFIRMED_ROUND;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.store.Application.Profile;
import org.iln.store.Application.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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

    private static final int TRANSACTION_ATTEMPTS = 8;
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
        Map<String, AttributeValue> lock = new HashMap<>();
        lock.put(PK, s(lockPk(application.addressHash())));
        lock.put(SK, s("ROUND#" + application.round()));
        lock.put(ITEM_TYPE, s("LOCK"));
        lock.put(ADDRESS_HASH, s(application.addressHash()));
        lock.put("participantId", s(application.participantId()));
        lock.put("round", s(application.round()));
        lock.put(EXPIRES_AT, n(expires));
        Map<String, AttributeValue> claim = mailItem(ackMailKey, application.addressHash(), ackTemplate, now);

        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(lock)
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(app)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(claim)
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return CreateOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                boolean conditionFailed = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
                if (conditionFailed) {
                    return CreateOutcome.ALREADY_APPLIED;
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
     * index and removes the TTL from it and its lock. Returns false when it was not unconfirmed
     * (already confirmed, gone or expired), so confirming twice is harmless.
     */
    public boolean confirm(Application application, Instant now) {
        String order = confirmedOrder(now, application.participantId());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key("ROUND#" + application.round(), "APP#" + application.participantId()))
                            .updateExpression("SET #status = :confirmed, confirmedAt = :at, "
                                    + "confirmedRound = :round, confirmedOrder = :order REMOVE expiresAt")
                            .conditionExpression("#status = :unconfirmed AND expiresAt >= :nowSeconds")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(
                                    ":confirmed", s(Status.CONFIRMED.name()),
                                    ":unconfirmed", s(Status.UNCONFIRMED.name()),
                                    ":at", s(now.toString()),
                                    ":round", s(application.round()),
                                    ":order", s(order),
                                    ":nowSeconds", n(now.getEpochSecond())))
                            .build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key(lockPk(application.addressHash()), "ROUND#" + application.round()))
                            .updateExpression("REMOVE expiresAt")
                            .conditionExpression("participantId = :pid")
                            .expressionAttributeValues(Map.of(":pid", s(application.participantId())))
                            .build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** Confirmed and waitlisted applications of a round, earliest confirmation first. */
    public List<Application> confirmedInRound(String round) {
        List<Application> result = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(CONFIRMED_BY_ROUND)
                    .keyConditionExpression("confirmedRound = :round")
                    .expressionAttributeValues(Map.of(":round", s(round)))
                    .exclusiveStartKey(from));
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
     * many try at once.
     */
    public boolean claimMail(String mailKey, String addressHash, String template, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(mailItem(mailKey, addressHash, template, now))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Records that a claimed message went out, with SES's id for it. */
    public void markMailSent(String mailKey, String messageId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                .updateExpression("SET sentAt = :at, messageId = :id")
                .expressionAttributeValues(Map.of(":at", s(now.toString()), ":id", s(messageId))));
    }

    /** Gives up a claim whose message could not be sent, so a retry may send it. */
    public void releaseMail(String mailKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(key("MAIL#" + mailKey, "MAIL"))
                .conditionExpression("attribute_not_exists(sentAt)"));
    }

    /** Stops programme mail to an address at once. */
    public void suppress(String addressHash, String reason, Instant now) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                PK, s("SUPPRESS#" + addressHash),
                SK, s("SUPPRESS"),
                ITEM_TYPE, s("SUPPRESSION"),
                ADDRESS_HASH, s(addressHash),
                "reason", s(reason),
                "at", s(now.toString()))));
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

    /**
     * Counts one request from a client in the current fixed window and returns the count so far;
     * the counter item expires with its window, so it works across Lambda instances for free.
     */
    public long countRequest(String clientHash, Instant now, Duration window) {
        long windowStart = now.getEpochSecond() / window.getSeconds() * window.getSeconds();
        var response = dynamo.updateItem(b -> b.tableName(table)
                .key(key("RATE#" + clientHash, Long.toString(windowStart)))
                .updateExpression("ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires), itemType = :type")
                .expressionAttributeValues(Map.of(":one", n(1), ":type", s("RATE"),
                        ":expires", n(windowStart + window.getSeconds())))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("hits").n());
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
        item.put(EXPIRES_AT, n(now.plus(MAIL_CLAIM_TTL).getEpochSecond()));
        return item;
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

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? "" : v.s();
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
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
