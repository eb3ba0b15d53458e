package org.iln.round;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Suppressions;
import org.iln.matching.InvalidPoolException;
import org.iln.matching.MatchResult;
import org.iln.matching.Matcher;
import org.iln.matching.Participant;
import org.iln.matching.Pool;
import org.iln.matching.Reason;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night of matching for every round in the programme manifest, decided by today's date:
 * <ul>
 *   <li>after applications close and before the match date: a draft, stored and mailed to the
 *       round's coordinators (once a day);</li>
 *   <li>on the match date or after it: the draft a programme coordinator approved (exactly that
 *       version, see {@link DraftReview}) published, introductions and no-match messages queued;
 *       until one is approved, a new draft each night instead (or, if the deployment opted in,
 *       the current matching published {@link ApprovalPolicy#autoPublishAfterDays} days after
 *       the match date);</li>
 *   <li>in the {@link #REMATCH_WEEKS} weeks after it: partnerships a member left are dissolved and
 *       the people left alone matched again.</li>
 * </ul>
 *
 * <p>Every step can run twice, or stop half-way and run again, with the same end state: the
 * publishing plan is frozen before the first partnership is written, each partnership is one
 * conditional transaction under a deterministic id, every message has a deterministic outbox
 * key, and the round's {@code PUBLISHED} marker is written last. Logs carry counts and round ids
 * only, never a person.
 */
public final class MatchingNight {

    /** How long after the match date people whose partner left are matched again. */
    public static final int REMATCH_WEEKS = 3;

    /**
     * How many partnerships are written at once while publishing. Each is its own transaction on
     * other items, so they never conflict; one after another, a DynamoDB round trip each, 5,000
     * partnerships would take minutes of a 15-minute Lambda run (bench/publish).
     */
    public static final int PUBLISH_WRITERS = 16;

    /**
     * Publishing writes no further partnership once less time than this is left of the run: enough
     * for the partnership in hand, the no-match letters, the report, the invariants. The partnerships
     * written stay; the next run resumes the same frozen plan.
     */
    public static final Duration PUBLISH_STOP_MARGIN = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(MatchingNight.class);

    private final ApplicationStore participants;
    private final Suppressions suppressions;
    private final PartnershipStore partnerships;
    private final Outbox outbox;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Clock clock;
    private final Matcher matcher;
    private final int publishWriters;
    private final DraftReview review;
    private final ApprovalPolicy approval;
    private final DraftMail draftMail;

    /**
     * Whether publishing waits for a programme coordinator's approval, and for how long.
     *
     * @param autoPublishAfterDays publish without approval this many days after the match date
     *     (drafts warn of it); empty (the default) to wait for an approval however long it takes
     */
    public record ApprovalPolicy(Optional<Integer> autoPublishAfterDays) {
        /** Nothing is published before a programme coordinator approves it. */
        public static final ApprovalPolicy REQUIRED = new ApprovalPolicy(Optional.empty());

        public ApprovalPolicy {
            Objects.requireNonNull(autoPublishAfterDays, "autoPublishAfterDays");
            autoPublishAfterDays.ifPresent(days -> {
                if (days < 0) {
                    throw new IllegalArgumentException("autoPublishAfterDays must be 0 or more");
                }
            });
        }

        /** The day a round unapproved by then is published anyway, if the deployment opted in. */
        Optional<LocalDate> autoPublishOn(LocalDate matchDate) {
            return autoPublishAfterDays.map(matchDate::plusDays);
        }
    }

    /** A matching night over these stores, mailing through {@code outbox}, dated by {@code clock}. */
    public MatchingNight(ApplicationStore participants, Suppressions suppressions, PartnershipStore partnerships,
                         Outbox outbox, AddressHasher hasher, Supplier<Programme> programme, Clock clock) {
        this(participants, suppressions, partnerships, outbox, hasher, programme, clock, PUBLISH_WRITERS);
    }

    /** As above, writing {@code publishWriters} partnerships at once (bench/publish compares 1 with the default). */
    public MatchingNight(ApplicationStore participants, Suppressions suppressions, PartnershipStore partnerships,
                         Outbox outbox, AddressHasher hasher, Supplier<Programme> programme, Clock clock,
                         int publishWriters) {
        this(participants, suppressions, partnerships, outbox, hasher, programme, clock, publishWriters,
                ApprovalPolicy.REQUIRED);
    }

    /** As above, publishing as {@code approval} says (see {@code ILN_AUTO_PUBLISH_DAYS}). */
    public MatchingNight(ApplicationStore participants, Suppressions suppressions, PartnershipStore partnerships,
                         Outbox outbox, AddressHasher hasher, Supplier<Programme> programme, Clock clock,
                         int publishWriters, ApprovalPolicy approval) {
        this.publishWriters = publishWriters;
        this.approval = Objects.requireNonNull(approval, "approval");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.programme = Objects.requireNonNull(programme, "programme");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.matcher = new Matcher();
        this.review = partnerships.review();
        this.draftMail = new DraftMail(outbox, hasher, review, approval);
    }

    /** What one night did, in counts. */
    public record Summary(int drafts, int published, int noMatch, int dissolved, int rematched) {
        @Override
        public String toString() {
            return "drafts=" + drafts + " published=" + published + " noMatch=" + noMatch + " dissolved="
                    + dissolved + " rematched=" + rematched;
        }
    }

    /** Runs tonight's step for every round, with no time limit. */
    public Summary run() {
        return run(() -> ChronoUnit.FOREVER.getDuration());
    }

    /**
     * Runs tonight's step for every round; publishing stops (with an exception, so that the run
     * counts as failed and is retried) before {@code timeLeft} drops below {@link #PUBLISH_STOP_MARGIN}.
     */
    public Summary run(Supplier<Duration> timeLeft) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Programme current = programme.get();
        int drafts = 0;
        int published = 0;
        int noMatch = 0;
        int dissolved = 0;
        int rematched = 0;
        for (Round round : current.rounds()) {
            LocalDate matchDate = round.matchDate();
            if (matchDate == null || !round.hasClosedBy(today)) {
                continue;
            }
            if (today.isBefore(matchDate)) {
                draft(current, round, today);
                drafts++;
            } else if (!today.isAfter(matchDate.plusWeeks(REMATCH_WEEKS))) {
                if (!partnerships.isPublished(round.id())) {
                    Optional<MatchResult> approved = review.approvedDraft(round.id());
                    boolean auto = approval.autoPublishOn(matchDate).filter(day -> !today.isBefore(day)).isPresent();
                    if (approved.isEmpty() && !auto && partnerships.plan(round.id()).isEmpty()) {
                        // Nothing approved yet: a fresh draft to approve, and nothing published.
                        draft(current, round, today);
                        drafts++;
                        continue;
                    }
                    int[] counts = publish(current, round, approved, timeLeft);
                    published += counts[0];
                    noMatch += counts[1];
                } else {
                    int[] counts = rematch(current, round);
                    dissolved += counts[0];
                    rematched += counts[1];
                }
            }
        }
        Summary summary = new Summary(drafts, published, noMatch, dissolved, rematched);
        LOG.info("matching night {}: {}", today, summary);
        return summary;
    }

    /** Matches the round as it stands, stores the draft and queues today's report to the coordinators. */
    void draft(Programme current, Round round, LocalDate today) {
        Map<String, Application> pool = confirmed(round, inRound(round));
        MatchResult result;
        try {
            result = match(current, round, pool);
        } catch (InvalidPoolException e) {
            // Names ids and the broken rule only (a pin across one country, say): safe to log and mail.
            LOG.warn("round {}: draft not possible: {}", round.id(), e.getMessage());
            report(round, "draft", today.toString(), RoundSummary.problem(false, e), List.of(),
                    true);
            return;
        }
        partnerships.putDraft(round.id(), today.toString(), result, clock.instant());
        draftMail.queue(current, round, today, DraftRows.of(result, pool), RoundSummary.of(result, pool));
        LOG.info("round {}: draft stored, {} matched, {} unmatched", round.id(), result.stats().matched(),
                result.stats().unmatched());
    }

    /**
     * Publishes the round: freezes the plan (or takes the one frozen by an earlier, interrupted
     * run), writes each partnership once, queues each introduction and no-match message once, then
     * marks the round published. With no plan yet it freezes {@code approved} (the draft a
     * coordinator approved) or, when the round publishes without approval, a fresh match.
     */
    int[] publish(Programme current, Round round, Optional<MatchResult> approved, Supplier<Duration> timeLeft) {
        Map<String, Application> everyone = inRound(round);
        MatchResult plan = partnerships.plan(round.id()).orElse(null);
        boolean unapproved = false;
        if (plan == null) {
            unapproved = approved.isEmpty();
            Map<String, Application> pool = confirmed(round, everyone);
            try {
                plan = partnerships.freezePlan(round.id(),
                        approved.isPresent() ? approved.get() : match(current, round, pool), clock.instant());
            } catch (InvalidPoolException e) {
                LOG.error("round {}: not published, fix the pins or forbids: {}", round.id(), e.getMessage());
                report(round, "publish-error", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString(),
                        RoundSummary.problem(true, e), List.of(), true);
                return new int[] {0, 0};
            }
        }
        Letters letters = new Letters(current);
        Map<PartnershipStore.Written, Integer> outcomes = new PublishingWriters(publishWriters).each(
                plan.partnerships(), partnership -> {
                    if (timeLeft.get().compareTo(PUBLISH_STOP_MARGIN) < 0) {
                        throw new PublishingStopped(round.id());
                    }
                    return publishOne(round, partnership, everyone, letters);
                });
        int written = outcomes.getOrDefault(PartnershipStore.Written.WRITTEN, 0)
                + outcomes.getOrDefault(PartnershipStore.Written.ALREADY_WRITTEN, 0);
        int skipped = outcomes.getOrDefault(PartnershipStore.Written.MEMBER_UNAVAILABLE, 0);
        int noMatch = 0;
        for (MatchResult.Unmatched left : plan.unmatched()) {
            Application app = everyone.get(left.id());
            if (app != null && app.status() == Application.Status.CONFIRMED) {
                outbox.enqueue(letters.noMatch(round, app, left.reason()));
                noMatch++;
            }
        }
        Map<String, Object> summary = RoundSummary.of(plan, everyone);
        // The warning of an auto-publication (ILN_AUTO_PUBLISH_DAYS): nobody approved what went out.
        report(round, "published", round.id(), unapproved ? RoundSummary.unapproved(summary) : summary,
                unmatched(plan, everyone), false);
        partnerships.markPublished(round.id(), written, clock.instant());
        LOG.info("round {}: published {} partnerships ({} skipped: a member left), {} without a match",
                round.id(), written, skipped, noMatch);
        return new int[] {written, noMatch};
    }

    /**
     * Writes one partnership of the plan, then queues its introductions: also when it was written
     * by an earlier run that stopped before queuing them.
     */
    private PartnershipStore.Written publishOne(Round round, MatchResult.Partnership partnership,
                                                Map<String, Application> everyone, Letters letters) {
        String pairId = PartnershipStore.pairId(round.id(), partnership.members());
        PartnershipStore.Written outcome =
                partnerships.writePartnership(round, partnership, everyone, false, clock.instant());
        if (outcome == PartnershipStore.Written.MEMBER_UNAVAILABLE) {
            // Someone withdrew or was erased since the plan: the others stay confirmed, are told
            // tonight that they have no partner yet, and are matched again in the following nights.
            for (String member : partnership.members()) {
                participants.application(round.id(), member, clock.instant())
                        .filter(app -> app.status() == Application.Status.CONFIRMED)
                        .ifPresent(app -> outbox.enqueue(letters.noMatch(round, app, Letters.PARTNER_LEFT_FIRST)));
            }
            return outcome;
        }
        for (String member : partnership.members()) {
            outbox.enqueue(letters.introduction(round, pairId, member, partnership, everyone, false));
        }
        return outcome;
    }

    /** Publishing ran out of time: what was written stays, and the next run goes on from the frozen plan. */
    static final class PublishingStopped extends IllegalStateException {
        PublishingStopped(String round) {
            super("round " + round + ": publishing stopped with less than " + PUBLISH_STOP_MARGIN.toSeconds()
                    + " s left of the run; the next run (the retry, or the next night) writes the rest of the frozen plan");
        }
    }

    /**
     * Dissolves partnerships a member left (withdrew, erased, or no longer reachable: bounced,
     * complained or unsubscribed) and matches the people left alone again, with everyone still
     * waiting, never with anyone they had before.
     */
    int[] rematch(Programme current, Round round) {
        Map<String, Application> everyone = inRound(round);
        Letters letters = new Letters(current);
        int dissolved = 0;
        for (PartnershipStore.Pair pair : partnerships.pairs(round.id())) {
            if (pair.status() != PartnershipStore.PairStatus.ACTIVE) {
                continue;
            }
            List<String> staying = new ArrayList<>();
            String why = "";
            for (String member : pair.members()) {
                String gone = goneBecause(member, pair, everyone);
                if (gone.isEmpty()) {
                    staying.add(member);
                } else {
                    why = gone;
                }
            }
            if (staying.size() >= 2 || staying.size() == pair.members().size()) {
                continue;
            }
            // Mail first: if the run stops before the dissolution, the next run queues nothing twice.
            for (String member : staying) {
                outbox.enqueue(letters.partnerLeft(round, pair.id(), everyone.get(member)));
            }
            if (partnerships.dissolve(round.id(), pair, staying, why, clock.instant())) {
                dissolved++;
            }
        }
        // Introductions of earlier re-matches that a crash may have cut short.
        Map<String, Application> fresh = inRound(round);
        for (PartnershipStore.Pair pair : partnerships.pairs(round.id())) {
            if (pair.rematch() && pair.status() == PartnershipStore.PairStatus.ACTIVE) {
                introduceAgain(letters, round, pair, fresh);
            }
        }
        List<PartnershipStore.Pair> pairsNow = partnerships.pairs(round.id());
        Map<String, Application> pool = aloneOnly(round, confirmed(round, fresh), pairsNow);
        for (String over : overRematchLimit(pool.keySet(), pairsNow)) {
            // Told kindly, once (the same key as the letter after the window closes), and not matched again.
            outbox.enqueue(letters.noNewPartner(round, pool.remove(over), true));
        }
        int rematched = 0;
        if (pool.size() >= 2) {
            MatchResult result;
            try {
                result = match(current, round, pool);
            } catch (InvalidPoolException e) {
                LOG.error("round {}: re-match not possible: {}", round.id(), e.getMessage());
                return new int[] {dissolved, 0};
            }
            for (MatchResult.Partnership partnership : result.partnerships()) {
                String pairId = PartnershipStore.pairId(round.id(), partnership.members());
                if (partnerships.writePartnership(round, partnership, fresh, true, clock.instant())
                        != PartnershipStore.Written.MEMBER_UNAVAILABLE) {
                    for (String member : partnership.members()) {
                        outbox.enqueue(letters.introduction(round, pairId, member, partnership, fresh, true));
                    }
                    rematched++;
                }
            }
        }
        // Whoever is still alone when the window closes hears so from the round's care (RoundCare).
        LOG.info("round {}: {} partnerships dissolved, {} new partnerships", round.id(), dissolved, rematched);
        return new int[] {dissolved, rematched};
    }

    /**
     * Who in the pool has had {@link RoundCare#MAX_REMATCHES} new partners in this round already,
     * counting the re-matched partnerships they were in, dissolved or not.
     */
    static List<String> overRematchLimit(Set<String> pool, List<PartnershipStore.Pair> pairs) {
        Map<String, Integer> rematches = new HashMap<>();
        pairs.stream().filter(PartnershipStore.Pair::rematch)
                .forEach(pair -> pair.members().forEach(m -> rematches.merge(m, 1, Integer::sum)));
        return pool.stream().filter(id -> rematches.getOrDefault(id, 0) >= RoundCare.MAX_REMATCHES).sorted().toList();
    }

    /**
     * The re-match pool: confirmed people who hold no active partnership, that is whose
     * partnership was dissolved or who were never matched. A confirmed application is not in a
     * partnership by its status alone; this also leaves out a person (by address hash) who holds
     * one under another application of the round, so that nobody ever gets a second partner.
     */
    static Map<String, Application> aloneOnly(Round round, Map<String, Application> confirmed,
                                             List<PartnershipStore.Pair> pairs) {
        Set<String> partnered = new java.util.HashSet<>();
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.status() == PartnershipStore.PairStatus.ACTIVE) {
                partnered.addAll(pair.members());
                partnered.addAll(pair.memberHashes().values());
            }
        }
        Map<String, Application> alone = new LinkedHashMap<>(confirmed);
        // Someone whose partnership ended because they did not answer a nudge waits until they say
        // they are still here (RoundCare), so that nobody is handed a second silent partner.
        Set<String> heldBack = new java.util.HashSet<>();
        pairs.forEach(pair -> heldBack.addAll(pair.heldBack()));
        alone.keySet().removeAll(heldBack);
        int before = alone.size();
        if (alone.values().removeIf(a -> partnered.contains(a.participantId()) || partnered.contains(a.addressHash()))) {
            LOG.warn("round {}: {} confirmed applicants already hold an active partnership: left out of the re-match",
                    round.id(), before - alone.size());
        }
        return alone;
    }

    private void introduceAgain(Letters letters, Round round, PartnershipStore.Pair pair,
                                Map<String, Application> everyone) {
        if (!pair.members().stream().allMatch(everyone::containsKey)) {
            return;
        }
        MatchResult.Partnership partnership =
                new MatchResult.Partnership(pair.members(), pair.score(), pair.reasons(), false);
        for (String member : pair.members()) {
            outbox.enqueue(letters.introduction(round, pair.id(), member, partnership, everyone, true));
        }
    }

    private String goneBecause(String member, PartnershipStore.Pair pair, Map<String, Application> everyone) {
        Application app = everyone.get(member);
        if (pair.erased().contains(member) || app == null) {
            return "erased";
        }
        if (app.status() == Application.Status.WITHDRAWN) {
            return "withdrew";
        }
        if (suppressions.isSuppressed(app.addressHash())) {
            return "unreachable";
        }
        return "";
    }

    private MatchResult match(Programme current, Round round, Map<String, Application> pool) {
        Map<String, String> regions = new TreeMap<>();
        current.countries().forEach(c -> regions.put(c.code(), c.region()));
        PartnershipStore.Coordination coordination = partnerships.coordination(round.id());
        List<List<String>> pins = new ArrayList<>(coordination.pins());
        review.pins(round.id()).stream().filter(p -> !pins.contains(p) && !pins.contains(List.of(p.get(1), p.get(0))))
                .forEach(pins::add);
        List<List<String>> forbids = review.keptApart(round.id(), coordination, pins);
        List<List<String>> pinned = present(pins, pool);
        List<List<String>> forbidden = present(forbids, pool);
        // Past partners are read for the proposed partnerships only, not person by person (PastPartners).
        // A refused pin carries its rule as data (InvalidPoolException.reason()): the report words it.
        return PastPartners.avoided(round.id(), pool, partnerships, previous -> matcher.match(
                new Pool(round.id(), round.matchDate(), regions, pool.values().stream()
                        .map(a -> participant(a, previous.getOrDefault(a.participantId(), List.of()))).toList(),
                        pinned, forbidden).validate(),
                line -> LOG.info("round {}: {}", round.id(), line)));
    }

    /** Pairs whose two people are both in the pool: a pin or forbid about someone who left is moot. */
    private static List<List<String>> present(List<List<String>> pairs, Map<String, Application> pool) {
        return pairs.stream().filter(p -> p.size() == 2 && pool.containsKey(p.get(0)) && pool.containsKey(p.get(1)))
                .toList();
    }

    static Participant participant(Application a, List<String> previousPartners) {
        Application.Profile p = a.profile();
        return new Participant(a.participantId(), p.country(), p.timezone(), p.languages(), p.sector(),
                p.careerStage(), p.interests(),
                new Participant.Preferences(blankToNull(p.preferSector()), blankToNull(p.preferCareerStage()),
                        p.preferRegions(), p.excludeCountries()),
                p.openToAny(), p.maxPartners(), previousPartners, a.createdAt());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The round's confirmed applications among {@code inRound} (the {@code confirmed-by-round}
     * index, read once a step: at 10,000 people each read is many pages; waitlisted and matched
     * left out) that can be written to: an address that bounced,
     * complained or unsubscribed is left out, so that nobody is introduced to a partner who will
     * never hear of them (after publication the re-match handles the same case).
     */
    private Map<String, Application> confirmed(Round round, Map<String, Application> inRound) {
        Map<String, Application> result = new LinkedHashMap<>();
        inRound.forEach((id, app) -> {
            if (app.status() == Application.Status.CONFIRMED) {
                result.put(id, app);
            }
        });
        Set<String> unreachable = suppressions.suppressedAmong(
                result.values().stream().map(Application::addressHash).toList());
        if (result.values().removeIf(app -> unreachable.contains(app.addressHash()))) {
            LOG.info("round {}: {} confirmed applicants left out of matching: their address is suppressed",
                    round.id(), unreachable.size());
        }
        return result;
    }

    /** Every application in the round's {@code confirmed-by-round} index, whatever its status now. */
    private Map<String, Application> inRound(Round round) {
        Map<String, Application> result = new LinkedHashMap<>();
        participants.confirmedInRound(round.id()).forEach(a -> result.put(a.participantId(), a));
        return result;
    }

    private void report(Round round, String kind, String subject, Map<String, Object> summary,
                        List<Map<String, String>> unmatched, boolean draft) {
        for (Programme.Coordinator coordinator : round.coordinators()) {
            if (coordinator.email() == null || coordinator.email().isBlank()) {
                continue;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("roundTitle", Letters.title(round));
            model.put(org.iln.mail.Wording.LANGUAGE, coordinator.language() == null ? "" : coordinator.language());
            model.put("matchDate", round.matchDate().toString());
            model.put("draft", draft);
            // The matcher's reasons and refusal, worded now in the language the mail is rendered in.
            org.iln.messages.compiled.CompiledCatalogue words = org.iln.mail.Wording.of(model);
            model.put(RoundSummary.MODEL_KEY, RoundSummary.worded(summary, words));
            model.put("unmatched", unmatched.stream().map(u -> {
                Map<String, String> row = new HashMap<>(u);
                row.put("reason", Reason.word(u.get("reason"), Reason.coordinators(words), words));
                return row;
            }).toList());
            String hash = hasher.address(coordinator.email());
            // Keyed by round and day: a second run the same night queues nothing more.
            outbox.enqueue(new OutboxMessage(OutboxMessage.key(kind + "-report", round.id(), subject, hash),
                    "coordinator-report", coordinator.email(), hash, model, List.of(), false,
                    java.util.Optional.of(round.id()), java.util.Optional.empty()));
        }
    }

    private static List<Map<String, String>> unmatched(MatchResult result, Map<String, Application> people) {
        return result.unmatched().stream().map(u -> {
            Application a = people.get(u.id());
            return Map.of("participantId", u.id(), "country", a == null ? "" : a.profile().country(),
                    "reason", u.reason());
        }).toList();
    }
}
