package org.iln.round;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.iln.mail.MailStore;
import org.iln.mail.OutboxMessage;
import org.iln.matching.MatchResult;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The promises the nightly job checks after its work, logged as counts only (no ids, no
 * addresses). A broken one is logged at ERROR with {@value #BROKEN}, which the CDK stack's metric
 * filter counts and alarms on:
 * <ul>
 *   <li>nobody is in two active partnerships of a round;</li>
 *   <li>no queued mail is more than a day overdue;</li>
 *   <li>after publishing, everyone the frozen plan placed or left out, and still in the round,
 *       has their introduction or their no-match letter queued (a no-match letter too for
 *       whoever is still waiting because their planned partner left before publishing).</li>
 * </ul>
 */
public final class RoundInvariants {

    /** The phrase the alarm's metric filter looks for. */
    public static final String BROKEN = "invariant broken";

    /** How overdue queued mail may be before it counts as stuck. */
    public static final Duration MAIL_OVERDUE = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(RoundInvariants.class);
    private static final int BATCH_GET = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ApplicationStore participants;
    private final MailStore mail;
    private final PartnershipStore partnerships;

    /** Checks over the programme's table. */
    public RoundInvariants(DynamoDbClient dynamo, String table, ApplicationStore participants, MailStore mail,
                           PartnershipStore partnerships) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
    }

    /** What one round's checks found, in counts. */
    public record Findings(int inTwoActivePartnerships, int withoutLetter) {
        /** Whether a promise is broken. */
        public boolean broken() {
            return inTwoActivePartnerships > 0 || withoutLetter > 0;
        }
    }

    /**
     * Checks every round published and not yet ended on {@code now}'s date, then the outbox.
     *
     * @return whether every promise held
     */
    public boolean checkAll(org.iln.programme.Programme programme, Instant now) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        boolean held = true;
        for (org.iln.programme.Programme.Round round : programme.rounds()) {
            boolean running = round.matchDate() != null && !today.isBefore(round.matchDate())
                    && (round.ends() == null || !today.isAfter(round.ends()));
            if (running && partnerships.isPublished(round.id())) {
                held &= !checkRound(round.id()).broken();
            }
        }
        return checkMail(now) == 0 && held;
    }

    /** Checks a published round and logs the counts; an ERROR naming {@value #BROKEN} if one fails. */
    public Findings checkRound(String round) {
        List<PartnershipStore.Pair> pairs = partnerships.pairs(round);
        int twice = inTwoActivePartnerships(pairs);
        int unlettered = withoutLetter(round, pairs);
        Findings findings = new Findings(twice, unlettered);
        if (findings.broken()) {
            LOG.error("round {}: {}: {} people in two active partnerships, {} people without an introduction or "
                    + "no-match letter", round, BROKEN, twice, unlettered);
        } else {
            LOG.info("round {}: invariants hold: nobody in two active partnerships, everyone placed has a letter",
                    round);
        }
        return findings;
    }

    /** Counts queued mail due more than {@link #MAIL_OVERDUE} before {@code now}; an ERROR if any. */
    public long checkMail(Instant now) {
        long overdue = mail.dueMail(now.minus(MAIL_OVERDUE)).limit(10_000).count();
        if (overdue > 0) {
            LOG.error("{}: {} queued messages more than a day overdue (is dispatch running?)", BROKEN, overdue);
        }
        return overdue;
    }

    /** People (by participant id, and by address hash so that two applications of one person count) in two active pairs. */
    static int inTwoActivePartnerships(List<PartnershipStore.Pair> pairs) {
        Map<String, Integer> byPerson = new HashMap<>();
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.status() != PartnershipStore.PairStatus.ACTIVE) {
                continue;
            }
            Set<String> people = new TreeSet<>();
            for (String member : pair.members()) {
                people.add("id:" + member);
                String hash = pair.memberHashes().get(member);
                if (hash != null) {
                    people.add("hash:" + hash);
                }
            }
            people.forEach(p -> byPerson.merge(p, 1, Integer::sum));
        }
        Set<String> counted = new TreeSet<>();
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.status() != PartnershipStore.PairStatus.ACTIVE) {
                continue;
            }
            for (String member : pair.members()) {
                String hash = pair.memberHashes().get(member);
                if (byPerson.getOrDefault("id:" + member, 0) > 1
                        || (hash != null && byPerson.getOrDefault("hash:" + hash, 0) > 1)) {
                    counted.add(hash == null ? member : hash);
                }
            }
        }
        return counted.size();
    }

    private int withoutLetter(String round, List<PartnershipStore.Pair> pairs) {
        MatchResult plan = partnerships.plan(round).orElse(null);
        if (plan == null) {
            return 0;
        }
        Map<String, Application> inRound = new HashMap<>();
        participants.confirmedInRound(round).forEach(a -> inRound.put(a.participantId(), a));
        Set<String> written = new TreeSet<>();
        pairs.forEach(p -> written.add(p.id()));
        // Each person the plan placed (in a partnership that was written) or left out, still in the
        // round, and the key of the letter they must have.
        Map<String, String> letterOf = new HashMap<>();
        for (MatchResult.Partnership partnership : plan.partnerships()) {
            String pairId = PartnershipStore.pairId(round, partnership.members());
            if (!written.contains(pairId)) {
                // Skipped: a member left before it was written; the others still waiting were told so.
                for (String member : partnership.members()) {
                    Application app = inRound.get(member);
                    if (app != null && app.status() == Application.Status.CONFIRMED) {
                        letterOf.put(member, OutboxMessage.key("no-match", round, round, member));
                    }
                }
                continue;
            }
            for (String member : partnership.members()) {
                if (stillIn(inRound.get(member))) {
                    letterOf.put(member, OutboxMessage.key("introduction", round, pairId, member));
                }
            }
        }
        for (MatchResult.Unmatched left : plan.unmatched()) {
            Application app = inRound.get(left.id());
            // Someone matched since (a re-match) got a new-partner introduction instead.
            if (app != null && app.status() == Application.Status.CONFIRMED) {
                letterOf.put(left.id(), OutboxMessage.key("no-match", round, round, left.id()));
            }
        }
        Set<String> present = existingMail(new ArrayList<>(letterOf.values()));
        return (int) letterOf.values().stream().filter(key -> !present.contains(key)).count();
    }

    private static boolean stillIn(Application app) {
        return app != null && (app.status() == Application.Status.MATCHED
                || app.status() == Application.Status.CONFIRMED);
    }

    /** Which of these outbox keys exist, 100 to a BatchGetItem (unprocessed keys asked again). */
    private Set<String> existingMail(List<String> keys) {
        Set<String> found = new TreeSet<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_GET))
                    .stream().map(k -> Map.of("pk", AttributeValue.fromS("MAIL#" + k), "sk", AttributeValue.fromS("MAIL")))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch)
                    .projectionExpression("pk").consistentRead(true).build());
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.add(item.get("pk").s().substring("MAIL#".length())));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        return found;
    }
}
