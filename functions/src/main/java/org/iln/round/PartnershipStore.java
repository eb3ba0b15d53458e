package org.iln.round;

import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.ADDRESS_HASH;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.iln.matching.MatchResult;
import org.iln.matching.MatchingJson;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.Attributes;
import org.iln.store.Paging;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The matching night's items in the single table: drafts, the frozen publishing plan, partnerships
 * and their members, past partners, coordinators' pins and forbids, and the round's "published"
 * marker (docs/storage.md lists each).
 *
 * <p>A partnership is written in one transaction conditional on its deterministic id being new
 * and on every member's application still being {@code CONFIRMED}, so writing it twice writes it
 * once and nobody is ever in two live partnerships.
 */
public final class PartnershipStore {

    /** A partnership's state. */
    public enum PairStatus {
        /** Published and running. */
        ACTIVE,
        /** A member left (withdrew, bounced, erased): the others were freed for re-matching. */
        DISSOLVED
    }

    /** What became of writing a partnership. */
    public enum Written {
        /** Written now, with its members, their past-partner records and their MATCHED status. */
        WRITTEN,
        /** It was written before (a re-run): nothing changed. */
        ALREADY_WRITTEN,
        /** A member's application is no longer confirmed (withdrew or erased meanwhile): nothing written. */
        MEMBER_UNAVAILABLE
    }

    /**
     * A stored partnership.
     *
     * @param id deterministic id from round and members
     * @param members participant ids, sorted
     * @param memberHashes address hashes by participant id (absent for an erased member)
     * @param erased participant ids whose data was erased
     * @param status active or dissolved
     * @param rematch whether it was made by a re-match after the match date
     * @param score the matcher's score
     * @param reasons the matcher's reasons (naming participant ids)
     */
    public record Pair(String id, List<String> members, Map<String, String> memberHashes, Set<String> erased,
                       PairStatus status, boolean rematch, int score, List<String> reasons,
                       Optional<Instant> publishedAt, Optional<Nudge> nudge, Set<String> heldBack) {
        public Pair {
            members = List.copyOf(members);
            reasons = List.copyOf(reasons);
            memberHashes = Map.copyOf(memberHashes);
            erased = Set.copyOf(erased);
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(nudge, "nudge");
            heldBack = Set.copyOf(heldBack);
        }

        /** A partnership without a publication time, nudge or held-back member (tests, older items). */
        public Pair(String id, List<String> members, Map<String, String> memberHashes, Set<String> erased,
                    PairStatus status, boolean rematch, int score, List<String> reasons) {
            this(id, members, memberHashes, erased, status, rematch, score, reasons, Optional.empty(),
                    Optional.empty(), Set.of());
        }
    }

    /**
     * A member's "my partner hasn't replied" on a partnership (see {@link RoundCare}).
     *
     * @param by the participant id who reported it
     * @param at when
     * @param due the day from which an unanswered nudge dissolves the partnership
     * @param answeredAt when a partner answered "I'm still here", if one did
     */
    public record Nudge(String by, Instant at, java.time.LocalDate due, Optional<Instant> answeredAt) {
        public Nudge {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }
    }

    /** Coordinators' pins (pairs to match) and forbids (pairs never to match), as id pairs. */
    public record Coordination(List<List<String>> pins, List<List<String>> forbids) {
        /** No pins, no forbids. */
        public static final Coordination NONE = new Coordination(List.of(), List.of());

        public Coordination {
            pins = pins.stream().map(List::copyOf).toList();
            forbids = forbids.stream().map(List::copyOf).toList();
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final MatchingJson json = new MatchingJson();

    /** A store over {@code table}. */
    public PartnershipStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The deterministic id of a partnership: the same round and members give the same id. */
    public static String pairId(String round, List<String> members) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((round + "|" + String.join("|", new TreeSet<>(members)))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Stores (replacing) today's draft of a round: the result and the day it was drafted. */
    public void putDraft(String round, String day, MatchResult result, Instant now) {
        Map<String, AttributeValue> item = roundItem(round, "DRAFT", "DRAFT");
        item.put("day", s(day));
        item.put("version", s(DraftReview.version(result)));
        item.put("result", compressed(result));
        item.put("matched", n(result.stats().matched()));
        item.put("unmatched", n(result.stats().unmatched()));
        item.put("at", s(now.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The coordinators' review of this store's drafts (approval, holds, audit), in the same table. */
    public DraftReview review() {
        return new DraftReview(dynamo, table, this);
    }

    /** The round's latest draft, if any. */
    public Optional<MatchResult> draft(String round) {
        return resultOf(get("ROUND#" + round, "DRAFT"));
    }

    /**
     * Freezes the result to publish: the first plan stored for a round wins, and every later call
     * (a re-run after a crash) gets that same plan back, so publishing resumes the same partnerships
     * even though some members' status has meanwhile changed.
     */
    public MatchResult freezePlan(String round, MatchResult result, Instant now) {
        Map<String, AttributeValue> item = roundItem(round, "PLAN", "PLAN");
        item.put("result", compressed(result));
        item.put("at", s(now.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return result;
        } catch (ConditionalCheckFailedException e) {
            return plan(round).orElseThrow();
        }
    }

    /** The frozen publishing plan of a round, if publishing has started. */
    public Optional<MatchResult> plan(String round) {
        return resultOf(get("ROUND#" + round, "PLAN"));
    }

    /** Whether the round's partnerships were published in full. */
    public boolean isPublished(String round) {
        return get("ROUND#" + round, "PUBLISHED").isPresent();
    }

    /** Records, last of all, that the round's partnerships and their emails are all written. */
    public void markPublished(String round, int partnerships, Instant now) {
        Map<String, AttributeValue> item = roundItem(round, "PUBLISHED", "PUBLISHED");
        item.put("partnerships", n(partnerships));
        item.put("at", s(now.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // A parallel run (a Lambda retry overlapping a slow run) finished first: the same end state.
        }
    }

    /** Coordinators' pins and forbids for a round ({@code ROUND#<round>} / {@code COORDINATION}). */
    public Coordination coordination(String round) {
        return get("ROUND#" + round, "COORDINATION").map(item -> new Coordination(
                pairs(item.get("pins")), pairs(item.get("forbids")))).orElse(Coordination.NONE);
    }

    /**
     * Stores coordinators' pins and forbids for a round, replacing earlier ones, with nothing else:
     * erasure's rewrite. A coordinator's change goes through {@link DraftReview#coordinate}.
     */
    public void putCoordination(String round, Coordination coordination) {
        dynamo.putItem(b -> b.tableName(table).item(coordinationPut(round, coordination).item()));
    }

    /** The write of {@link #putCoordination}, for a transaction. */
    Put coordinationPut(String round, Coordination coordination) {
        Map<String, AttributeValue> item = roundItem(round, "COORDINATION", "COORDINATION");
        item.put("pins", pairsValue(coordination.pins()));
        item.put("forbids", pairsValue(coordination.forbids()));
        return Put.builder().tableName(table).item(item).build();
    }

    /**
     * Writes one partnership in one transaction: the {@code PAIR#<id>} item (only if new), one
     * {@code PAIR#<id>#<participantId>} member item each (with the address hash, so erasure
     * anonymises it), the past-partner records both ways, and each member's application
     * {@code CONFIRMED -> MATCHED} (only if still confirmed). The pair and member items expire
     * with the round's retention ({@link Round#personalDataKeptUntil()}); the past-partner records
     * are kept until the person asks for erasure, so that nobody meets the same person twice.
     */
    public Written writePartnership(Round ofRound, MatchResult.Partnership partnership,
                                    Map<String, Application> applications, boolean rematch, Instant now) {
        String round = ofRound.id();
        AttributeValue keptUntil = n(ofRound.personalDataKeptUntil().getEpochSecond());
        String id = pairId(round, partnership.members());
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> pair = roundItem(round, "PAIR#" + id, "PAIR");
        pair.put("pairId", s(id));
        pair.put("members", list(partnership.members()));
        pair.put("score", n(partnership.score()));
        pair.put("reasons", list(partnership.reasons()));
        pair.put("pinned", AttributeValue.fromBool(partnership.pinned()));
        pair.put("status", s(PairStatus.ACTIVE.name()));
        pair.put("rematch", AttributeValue.fromBool(rematch));
        pair.put("publishedAt", s(now.toString()));
        pair.put(EXPIRES_AT, keptUntil);
        writes.add(put(pair, true));
        for (String member : partnership.members()) {
            Application app = applications.get(member);
            if (app == null) {
                return Written.MEMBER_UNAVAILABLE;
            }
            Map<String, AttributeValue> side = roundItem(round, "PAIR#" + id + "#" + member, "PAIR_MEMBER");
            side.put("pairId", s(id));
            side.put("participantId", s(member));
            side.put(ADDRESS_HASH, s(app.addressHash()));
            side.put("country", s(app.profile().country()));
            side.put(EXPIRES_AT, keptUntil);
            writes.add(put(side, false));
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key("ROUND#" + round, "APP#" + member))
                    .updateExpression("SET #status = :matched, pairId = :pair")
                    .conditionExpression("#status = :confirmed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":matched", s(Application.Status.MATCHED.name()),
                            ":confirmed", s(Application.Status.CONFIRMED.name()), ":pair", s(id)))
                    .build()).build());
            for (String other : partnership.members()) {
                Application partner = applications.get(other);
                if (!other.equals(member) && partner != null) {
                    Map<String, AttributeValue> past = new HashMap<>();
                    past.put(PK, s("PERSON#" + app.addressHash()));
                    past.put(SK, s("PARTNER#" + partner.addressHash()));
                    past.put(ITEM_TYPE, s("PAST_PARTNER"));
                    past.put(ADDRESS_HASH, s(app.addressHash()));
                    past.put("round", s(round));
                    past.put("pairId", s(id));
                    writes.add(put(past, false));
                }
            }
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return Written.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Written.ALREADY_WRITTEN;
            }
            if (reasons.stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return Written.MEMBER_UNAVAILABLE;
            }
            throw e;
        }
    }

    /**
     * Dissolves a partnership a member left, in one transaction: the pair becomes
     * {@code DISSOLVED} (only if still active) and each remaining member's application goes back
     * {@code MATCHED -> CONFIRMED}, so the next re-match can pair them again. False if it was
     * already dissolved.
     */
    public boolean dissolve(String round, Pair pair, List<String> remaining, String reason, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("ROUND#" + round, "PAIR#" + pair.id()))
                .updateExpression("SET #status = :dissolved, dissolvedAt = :at, dissolvedBecause = :why")
                .conditionExpression("#status = :active")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":dissolved", s(PairStatus.DISSOLVED.name()),
                        ":active", s(PairStatus.ACTIVE.name()), ":at", s(now.toString()), ":why", s(reason)))
                .build()).build());
        for (String member : remaining) {
            writes.add(release(table, round, pair.id(), member));
        }
        return allOrNothing(dynamo, writes);
    }

    /** Every partnership of a round, by one query on the round's partition. */
    public List<Pair> pairs(String round) {
        Map<String, Map<String, AttributeValue>> pairItems = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> memberItems = new ArrayList<>();
        Paging.items(dynamo, b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :pair)")
                .expressionAttributeValues(Map.of(":pk", s("ROUND#" + round), ":pair", s("PAIR#"))))
                .forEach(item -> {
                    if ("PAIR".equals(text(item, ITEM_TYPE))) {
                        pairItems.put(text(item, "pairId"), item);
                    } else {
                        memberItems.add(item);
                    }
                });
        Map<String, Map<String, String>> hashes = new HashMap<>();
        Map<String, Set<String>> erased = new HashMap<>();
        for (Map<String, AttributeValue> m : memberItems) {
            String pairId = text(m, "pairId");
            if (m.containsKey(ADDRESS_HASH)) {
                hashes.computeIfAbsent(pairId, k -> new HashMap<>()).put(text(m, "participantId"), text(m, ADDRESS_HASH));
            }
            if (m.containsKey("erased")) {
                erased.computeIfAbsent(pairId, k -> new TreeSet<>()).add(text(m, "participantId"));
            }
        }
        List<Pair> result = new ArrayList<>();
        pairItems.forEach((id, item) -> result.add(new Pair(id,
                item.get("members").l().stream().map(AttributeValue::s).toList(),
                hashes.getOrDefault(id, Map.of()), erased.getOrDefault(id, Set.of()),
                PairStatus.valueOf(text(item, "status")),
                item.containsKey("rematch") && Boolean.TRUE.equals(item.get("rematch").bool()),
                item.containsKey("score") ? Integer.parseInt(item.get("score").n()) : 0,
                item.containsKey("reasons") ? item.get("reasons").l().stream().map(AttributeValue::s).toList()
                        : List.of(),
                item.containsKey("publishedAt") ? Optional.of(Instant.parse(text(item, "publishedAt")))
                        : Optional.empty(),
                nudgeOf(item),
                item.containsKey("heldBack") && item.get("heldBack").hasSs() ? Set.copyOf(item.get("heldBack").ss())
                        : Set.of())));
        return result;
    }

    private static Optional<Nudge> nudgeOf(Map<String, AttributeValue> item) {
        if (!item.containsKey("nudgedBy")) {
            return Optional.empty();
        }
        return Optional.of(new Nudge(text(item, "nudgedBy"), Instant.parse(text(item, "nudgedAt")),
                java.time.LocalDate.parse(text(item, "nudgeDue")),
                item.containsKey("nudgeAnsweredAt") ? Optional.of(Instant.parse(text(item, "nudgeAnsweredAt")))
                        : Optional.empty()));
    }

    /**
     * Which of these pairs of people (address hashes) were partners before. One past-partner
     * record either way is enough: erasing a person deletes their own record only. Reads both
     * records of each pair by key, 100 keys to a request, so that checking a round's 5,000
     * proposed partnerships costs 100 reads, not a query per person.
     *
     * @return those of {@code hashPairs} that were partners, as given
     */
    public Set<List<String>> pastPartnersAmong(Collection<List<String>> hashPairs) {
        Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
        for (List<String> pair : hashPairs) {
            keys.add(key("PERSON#" + pair.get(0), "PARTNER#" + pair.get(1)));
            keys.add(key("PERSON#" + pair.get(1), "PARTNER#" + pair.get(0)));
        }
        Set<List<String>> records = new HashSet<>();
        Paging.itemsByKey(dynamo, table, List.copyOf(keys), "pk, sk").forEach(item -> records.add(List.of(
                item.get(PK).s().substring("PERSON#".length()), item.get(SK).s().substring("PARTNER#".length()))));
        Set<List<String>> found = new LinkedHashSet<>();
        for (List<String> pair : hashPairs) {
            if (records.contains(pair) || records.contains(List.of(pair.get(1), pair.get(0)))) {
                found.add(pair);
            }
        }
        return found;
    }

    /**
     * Whether these two people (address hashes) were ever partners: one past-partner record
     * either way is enough, as in {@link #pastPartnersAmong}. Two reads by key, for a single pair.
     */
    public boolean werePartners(String addressHash, String otherHash) {
        return get("PERSON#" + addressHash, "PARTNER#" + otherHash).isPresent()
                || get("PERSON#" + otherHash, "PARTNER#" + addressHash).isPresent();
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(pk, sk))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Optional<MatchResult> resultOf(Optional<Map<String, AttributeValue>> item) {
        return item.map(i -> {
            try (var in = new GZIPInputStream(new ByteArrayInputStream(i.get("result").b().asByteArray()))) {
                return json.readResult(in);
            } catch (IOException e) {
                throw new UncheckedIOException("a stored match result could not be read", e);
            }
        });
    }

    private AttributeValue compressed(MatchResult result) {
        // Results of thousands of partnerships would pass DynamoDB's 400 KB item limit as plain JSON.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(json.writeResult(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, boolean onlyIfNew) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (onlyIfNew) {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static Map<String, AttributeValue> roundItem(String round, String sk, String type) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("ROUND#" + round));
        item.put(SK, s(sk));
        item.put(ITEM_TYPE, s(type));
        item.put("round", s(round));
        return item;
    }

    /**
     * The write that puts a member of a dissolving pair back among the confirmed, only while
     * still matched in that pair (round care's silent-partner ending uses it too).
     */
    static TransactWriteItem release(String table, String round, String pairId, String member) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("ROUND#" + round, "APP#" + member))
                .updateExpression("SET #status = :confirmed REMOVE pairId")
                .conditionExpression("#status = :matched AND pairId = :pair")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":matched", s(Application.Status.MATCHED.name()),
                        ":confirmed", s(Application.Status.CONFIRMED.name()), ":pair", s(pairId)))
                .build()).build();
    }

    /** Writes all or nothing; false if one of the writes' conditions failed (so nothing changed). */
    static boolean allOrNothing(DynamoDbClient dynamo, List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                    .anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    private static List<List<String>> pairs(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream().map(p -> p.l().stream().map(AttributeValue::s).toList()).toList();
    }

    private static AttributeValue pairsValue(List<List<String>> pairs) {
        return AttributeValue.fromL(pairs.stream().map(Attributes::list).toList());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }
}
