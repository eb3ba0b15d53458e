package org.iln.round;

import static org.iln.store.Attributes.list;
import static org.iln.store.Attributes.n;
import static org.iln.store.Attributes.s;
import static org.iln.store.Attributes.text;
import static org.iln.store.IlnTable.EXPIRES_AT;
import static org.iln.store.IlnTable.ITEM_TYPE;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.iln.matching.MatchResult;
import org.iln.store.Attributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What coordinators decided about a round's draft, in the table beside it:
 * <ul>
 *   <li>{@code ROUND#<round>} / {@code APPROVAL}: the approved draft's {@link #version}, who
 *       approved it and when (one item; approving a newer draft replaces it);</li>
 *   <li>{@code ROUND#<round>} / {@code HOLD#<partnershipId>}: a proposed partnership a
 *       coordinator held back, re-solved as a forbid by the next draft;</li>
 *   <li>{@code ROUND#<round>} / {@code PIN#<id>#<id>} and {@code FORBID#<id>#<id>} (ids sorted):
 *       two people a coordinator pinned together or kept apart from their page, applied by every
 *       later draft with the pins and forbids of {@code ./iln coordinate};</li>
 *   <li>{@code ROUND#<round>} / {@code AUDIT#<instant>#<id>}: every coordinator action (who,
 *       in which scope, what, about whom, when), listed in the next draft.</li>
 * </ul>
 *
 * <p>The draft itself ({@code ROUND#<round>} / {@code DRAFT}) carries its version, so an
 * approval is of one exact draft: approving is one transaction that checks the stored draft is
 * still that version, and publishing takes the approved draft only while the versions agree.
 * Every write is conditional, so a double click or a retry records one approval and one hold.
 *
 * <p>A hold, pin or forbid (from the page, or a change of {@code ./iln coordinate}'s lists)
 * changes what the next draft will be, so it also withdraws the round's approval and marks the
 * standing draft {@code superseded}, in the same transaction: the draft a coordinator approved
 * before (or approves after) holding a pair never publishes that pair; the next night re-solves
 * the draft, which needs approving again.
 */
public final class DraftReview {

    /** What approving did. */
    public enum Approval { APPROVED, ALREADY_APPROVED, DRAFT_CHANGED }

    /**
     * One audited action.
     *
     * @param at when
     * @param by the coordinator's name (from the roster)
     * @param scope {@link CoordinatorScope#id()} of the link used
     * @param action what was done ({@code approve}, {@code hold}, ...)
     * @param subject what it was about (a draft version, a partnership id, participant ids)
     */
    public record Action(Instant at, String by, String scope, String action, String subject) {

        /**
         * The action as one line of the audit a coordinator reads ("2027-03-14 10:22 Ana (the
         * programme team): held p-1-p-2 (p-1, p-2)"), its scope and verb in {@code words}' language;
         * a verb the catalogue does not know is shown as stored.
         */
        public String line(org.iln.messages.compiled.CompiledCatalogue words) {
            String when = at.toString().substring(0, 16).replace('T', ' ');
            String who = scope.startsWith("country:")
                    ? words.format("audit.scope.country", words.countryName(scope.substring("country:".length())))
                    : words.format("audit.scope.programme");
            String verb = "audit.action." + action.replace(' ', '.');
            return words.format("audit.line", when, by, who, words.has(verb) ? words.format(verb) : action, subject);
        }
    }

    /**
     * A held partnership.
     *
     * @param partnership the proposed partnership's id
     * @param members its participant ids
     */
    public record Hold(String partnership, List<String> members) {
        public Hold {
            members = List.copyOf(members);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final PartnershipStore partnerships;

    /** Reviews in {@code table}, beside the drafts {@code partnerships} stores. */
    public DraftReview(DynamoDbClient dynamo, String table, PartnershipStore partnerships) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
    }

    /**
     * A draft's version: a digest of what publishing it would do (who is paired with whom,
     * pinned or not, and who is left out), the same for the same decisions whatever the night.
     */
    public static String version(MatchResult result) {
        StringBuilder text = new StringBuilder(result.round());
        result.partnerships().forEach(p -> text.append("\n").append(String.join(",", p.members()))
                .append(p.pinned() ? " pinned" : ""));
        result.unmatched().forEach(u -> text.append("\nunmatched ").append(u.id()));
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The stored draft's version, if the round has a draft. */
    public Optional<String> draftVersion(String round) {
        return get(round, "DRAFT").map(item -> text(item, "version")).filter(v -> !v.isEmpty());
    }

    /**
     * Approves the round's draft of this version, for {@code by}. Nothing changes if the stored
     * draft is no longer that version (a newer draft came since the link was sent), or if that
     * version is already approved (a double click).
     */
    public Approval approve(String round, String version, String by, String byHash, Instant now, Instant keptUntil) {
        Map<String, AttributeValue> approval = item(round, "APPROVAL", "APPROVAL", keptUntil);
        approval.put("version", s(version));
        approval.put("by", s(by));
        approval.put("byHash", s(byHash));
        approval.put("at", s(now.toString()));
        Map<String, AttributeValue> values = Map.of(":v", s(version));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Attributes.key("ROUND#" + round, "DRAFT"))
                            .conditionExpression("version = :v AND attribute_not_exists(superseded)")
                            .expressionAttributeValues(values).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(approval)
                            .conditionExpression("attribute_not_exists(pk) OR version <> :v")
                            .expressionAttributeValues(values).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(auditItem(round, new Action(now, by, "programme", "approve", version), keptUntil))
                            .build()).build()));
            return Approval.APPROVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Approval.DRAFT_CHANGED;
            }
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                return Approval.ALREADY_APPROVED;
            }
            throw e;
        }
    }

    /** The version approved last, if any. */
    public Optional<String> approvedVersion(String round) {
        return get(round, "APPROVAL").map(item -> text(item, "version"));
    }

    /**
     * The round's stored draft if it is the approved one: what publishing takes. Empty when
     * nothing is approved or the draft changed after the approval.
     */
    public Optional<MatchResult> approvedDraft(String round) {
        Optional<String> approved = approvedVersion(round);
        if (approved.isEmpty() || !approved.equals(draftVersion(round))) {
            return Optional.empty();
        }
        return partnerships.draft(round).filter(d -> version(d).equals(approved.get()));
    }

    /**
     * Holds a proposed partnership back from the next draft (withdrawing an approval of the
     * standing one); false if it was already held.
     */
    public boolean hold(String round, String partnership, List<String> members, Action action, Instant keptUntil) {
        return decide(round, "HOLD#" + partnership, "HOLD", members, action, keptUntil);
    }

    /** Pins two people together in every later draft; false if they were already pinned. */
    public boolean pin(String round, String first, String second, Action action, Instant keptUntil) {
        List<String> pair = sorted(first, second);
        return decide(round, "PIN#" + pair.get(0) + "#" + pair.get(1), "PIN", pair, action, keptUntil);
    }

    /** Keeps two people apart in every later draft; false if they were already kept apart. */
    public boolean forbid(String round, String first, String second, Action action, Instant keptUntil) {
        List<String> pair = sorted(first, second);
        return decide(round, "FORBID#" + pair.get(0) + "#" + pair.get(1), "FORBID", pair, action, keptUntil);
    }

    /** Pairs pinned from the page (sorted ids). */
    public List<List<String>> pins(String round) {
        return query(round, "PIN#").stream().map(item -> Attributes.strings(item, "members")).toList();
    }

    /** Pairs kept apart from the page (sorted ids). */
    public List<List<String>> forbids(String round) {
        return query(round, "FORBID#").stream().map(item -> Attributes.strings(item, "members")).toList();
    }

    /**
     * Every pair the matcher must keep apart in a round: the forbids of {@code ./iln coordinate}
     * and of the page, and each two members of a held partnership (unless pinned, or forbidden already).
     */
    public List<List<String>> keptApart(String round, PartnershipStore.Coordination coordination,
                                        List<List<String>> pinned) {
        List<List<String>> forbids = new ArrayList<>(coordination.forbids());
        forbids.addAll(forbids(round));
        // A held partnership is not proposed again: none of its members is paired with another of them.
        for (Hold hold : holds(round)) {
            for (int i = 0; i < hold.members().size(); i++) {
                for (int j = i + 1; j < hold.members().size(); j++) {
                    List<String> pair = List.of(hold.members().get(i), hold.members().get(j));
                    if (!forbids.contains(pair) && !pinned.contains(pair)) {
                        forbids.add(pair);
                    }
                }
            }
        }
        return forbids;
    }

    private static List<String> sorted(String first, String second) {
        return first.compareTo(second) <= 0 ? List.of(first, second) : List.of(second, first);
    }

    /** One decision item and its audit in one transaction; false (nothing written) if the decision exists. */
    private boolean decide(String round, String sk, String type, List<String> members, Action action,
                           Instant keptUntil) {
        Map<String, AttributeValue> hold = item(round, sk, type, keptUntil);
        hold.put("members", list(members));
        hold.put("by", s(action.by()));
        hold.put("at", s(action.at().toString()));
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(hold)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(auditItem(round, action, keptUntil)).build()).build()));
        writes.addAll(nextDraftDiffers(round, action.at()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The writes that go with any decision changing the next draft: the round's approval withdrawn
     * and its standing draft (if any) marked {@code superseded} at {@code at}.
     */
    private List<TransactWriteItem> nextDraftDiffers(String round, Instant at) {
        List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().delete(Delete.builder()
                .tableName(table).key(Attributes.key("ROUND#" + round, "APPROVAL")).build()).build()));
        if (get(round, "DRAFT").isPresent()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attributes.key("ROUND#" + round, "DRAFT")).conditionExpression("attribute_exists(pk)")
                    .updateExpression("SET superseded = :at")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))).build()).build());
        }
        return writes;
    }

    /**
     * Replaces the round's pins and forbids of {@code ./iln coordinate} ({@code before}, as read)
     * with {@code after}, in one transaction with what a decision on the page writes: an audit
     * entry by {@code by} for each kind of change (pinned, unpinned, kept apart, no longer kept
     * apart; scope {@code programme}), the approval withdrawn and the standing draft superseded.
     * Why: an approved draft that breaks a new forbid must not publish, and the coordinators'
     * audit must show every change, wherever it was made. False, with nothing written, when
     * {@code after} holds the same pairs as {@code before}: the same command run twice records
     * one change.
     */
    public boolean coordinate(String round, PartnershipStore.Coordination before, PartnershipStore.Coordination after,
                              String by, Instant now, Instant keptUntil) {
        List<TransactWriteItem> writes = new ArrayList<>();
        audited(writes, round, by, now, keptUntil, "pin", after.pins(), before.pins());
        audited(writes, round, by, now, keptUntil, "unpin", before.pins(), after.pins());
        audited(writes, round, by, now, keptUntil, "forbid", after.forbids(), before.forbids());
        audited(writes, round, by, now, keptUntil, "unforbid", before.forbids(), after.forbids());
        if (writes.isEmpty()) {
            return false;
        }
        writes.add(TransactWriteItem.builder().put(partnerships.coordinationPut(round, after)).build());
        writes.addAll(nextDraftDiffers(round, now));
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return true;
    }

    /** Audit entries for the pairs of {@code pairs} not in {@code others} (either order), a thousand pairs an entry. */
    private void audited(List<TransactWriteItem> writes, String round, String by, Instant now, Instant keptUntil,
                         String action, List<List<String>> pairs, List<List<String>> others) {
        Set<Set<String>> known = new HashSet<>();
        others.forEach(pair -> known.add(Set.copyOf(pair)));
        List<String> changed = pairs.stream().filter(pair -> !known.contains(Set.copyOf(pair)))
                .map(pair -> String.join(" / ", sorted(pair.get(0), pair.get(1)))).toList();
        // one DynamoDB item holds at most 400 KB: a thousand pairs of ids are well under that
        for (int from = 0; from < changed.size(); from += 1000) {
            String subject = String.join(", ", changed.subList(from, Math.min(changed.size(), from + 1000)));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(auditItem(round, new Action(now, by, "programme", action, subject), keptUntil)).build()).build());
        }
    }

    /** The round's held partnerships. */
    public List<Hold> holds(String round) {
        return query(round, "HOLD#").stream()
                .map(item -> new Hold(text(item, SK).substring(5), Attributes.strings(item, "members"))).toList();
    }

    /** What an audit entry says instead of the participant id of someone erased. */
    public static final String ERASED = "(erased)";

    /**
     * Forgets a participant who asked to be erased: deletes the holds, pins and forbids naming
     * them (from the page and from {@code ./iln coordinate}: a decision about someone gone is moot)
     * and rewrites every audit entry naming them to say {@value #ERASED} instead, so the audit
     * keeps who did what and when, about nobody.
     *
     * @return how many items were deleted or rewritten
     */
    public int forget(String round, String participantId) {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                "(?<![A-Za-z0-9_-])" + java.util.regex.Pattern.quote(participantId) + "(?![A-Za-z0-9_-])");
        int touched = 0;
        for (String prefix : List.of("HOLD#", "PIN#", "FORBID#")) {
            for (Map<String, AttributeValue> item : query(round, prefix)) {
                if (Attributes.strings(item, "members").contains(participantId)) {
                    dynamo.deleteItem(b -> b.tableName(table).key(Attributes.key(text(item, PK), text(item, SK))));
                    touched++;
                }
            }
        }
        for (Map<String, AttributeValue> item : query(round, "AUDIT#")) {
            String subject = text(item, "subject");
            if (named.matcher(subject).find()) {
                String anonymous = named.matcher(subject).replaceAll(ERASED);
                dynamo.updateItem(b -> b.tableName(table).key(Attributes.key(text(item, PK), text(item, SK)))
                        .updateExpression("SET subject = :s").expressionAttributeValues(Map.of(":s", s(anonymous))));
                touched++;
            }
        }
        PartnershipStore.Coordination coordination = partnerships.coordination(round);
        List<List<String>> pins = coordination.pins().stream().filter(p -> !p.contains(participantId)).toList();
        List<List<String>> forbids = coordination.forbids().stream().filter(p -> !p.contains(participantId)).toList();
        if (pins.size() < coordination.pins().size() || forbids.size() < coordination.forbids().size()) {
            partnerships.putCoordination(round, new PartnershipStore.Coordination(pins, forbids));
            touched++;
        }
        return touched;
    }

    /** Records one coordinator action. */
    public void audit(String round, Action action, Instant keptUntil) {
        dynamo.putItem(b -> b.tableName(table).item(auditItem(round, action, keptUntil)));
    }

    /** Every action recorded for the round, oldest first. */
    public List<Action> actions(String round) {
        return query(round, "AUDIT#").stream().map(item -> new Action(Instant.parse(text(item, "at")),
                text(item, "by"), text(item, "scope"), text(item, "action"), text(item, "subject"))).toList();
    }

    private Map<String, AttributeValue> auditItem(String round, Action action, Instant keptUntil) {
        Map<String, AttributeValue> item = item(round,
                "AUDIT#" + Attributes.orderable(action.at()) + "#" + UUID.randomUUID(), "AUDIT", keptUntil);
        item.put("at", s(action.at().toString()));
        item.put("by", s(action.by()));
        item.put("scope", s(action.scope()));
        item.put("action", s(action.action()));
        item.put("subject", s(action.subject()));
        return item;
    }

    private static Map<String, AttributeValue> item(String round, String sk, String type, Instant keptUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("ROUND#" + round));
        item.put(SK, s(sk));
        item.put(ITEM_TYPE, s(type));
        item.put("round", s(round));
        item.put(EXPIRES_AT, n(keptUntil.getEpochSecond()));
        return item;
    }

    private Optional<Map<String, AttributeValue>> get(String round, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Attributes.key("ROUND#" + round, sk))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> query(String round, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> values = Map.of(":pk", s("ROUND#" + round), ":prefix", s(prefix));
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(values))
                .items().forEach(items::add);
        return items;
    }
}
