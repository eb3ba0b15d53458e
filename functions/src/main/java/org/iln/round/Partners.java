package org.iln.round;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.Outbox;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;

/**
 * A participant's partnership as their personal page sees it: who their partners are, and what
 * their withdrawal means for them.
 *
 * <p>Inside the re-match window a withdrawal only marks the application withdrawn: the nightly
 * re-match dissolves the partnership, tells the partner and finds them someone new, exactly as
 * after an erasure. After the window no night will, so the withdrawal dissolves it at once and
 * tells the partner kindly that no new partner is coming.
 */
public final class Partners {

    private final PartnershipStore partnerships;
    private final ApplicationStore applications;
    private final Outbox outbox;
    private final CareStore care;

    public Partners(PartnershipStore partnerships, ApplicationStore applications, Outbox outbox, CareStore care) {
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.care = Objects.requireNonNull(care, "care");
    }

    /**
     * What the personal page may offer a member about their partnership.
     *
     * @param canReportSilence "my partner hasn't replied" is open (see {@link RoundCare#nudgeOpen})
     * @param reported this member reported it and no partner has answered yet
     * @param askedStillHere a partner reported it and this member has not answered yet
     * @param heldBack this member's partnership ended for silence and they have not said they are still here
     * @param canCheckIn the member is in an active partnership whose check-in they may answer
     */
    public record Care(boolean canReportSilence, boolean reported, boolean askedStillHere, boolean heldBack,
                       boolean canCheckIn) {
        /** Nothing to offer. */
        public static final Care NONE = new Care(false, false, false, false, false);
    }

    /** What became of "my partner hasn't replied" (also as a check-in answer). */
    public enum Reported {
        /** Recorded: the partner is sent a kind nudge. */
        NUDGED,
        /** Recorded before by this member (a double click): nothing more happened. */
        ALREADY_NUDGED,
        /** The partnership was nudged before and a partner answered: nothing more happened. */
        NUDGED_BEFORE,
        /** Too early after the introduction, or too late in the round to find a new partner. */
        NOT_OPEN,
        /** The member is in no active partnership. */
        NOT_MATCHED
    }

    /**
     * What a member's page shows of their partnership: the partners' cards and what it may offer.
     *
     * @param cards the cards (as the introduction shows them) of the partners in the member's active partnership
     * @param care what the page may offer about it on the day
     */
    public record Seen(List<Map<String, Object>> cards, Care care) {
        /** Nothing to show (not in the round's partnerships, withdrawn, or the round has ended). */
        public static final Seen NONE = new Seen(List.of(), Care.NONE);

        public Seen {
            cards = List.copyOf(cards);
            Objects.requireNonNull(care, "care");
        }
    }

    /**
     * What the member's page shows of their partnership on {@code now}'s day, from one read of the
     * round's partnerships (nothing for someone neither matched nor confirmed: they have no partner
     * and nothing to answer).
     */
    public Seen seenBy(Programme programme, Round round, Application member, Instant now) {
        if (member.status() != Application.Status.MATCHED && member.status() != Application.Status.CONFIRMED) {
            return Seen.NONE;
        }
        List<PartnershipStore.Pair> pairs = partnerships.pairs(member.round());
        String me = member.participantId();
        Optional<PartnershipStore.Pair> activePair = activeOf(pairs, me);
        List<Map<String, Object>> cards = new ArrayList<>();
        if (member.status() == Application.Status.MATCHED) {
            activePair.ifPresent(pair -> {
                for (String other : pair.members()) {
                    if (!other.equals(me)) {
                        applications.application(member.round(), other, now)
                                .ifPresent(partner -> cards.add(Letters.partnerCard(programme, partner,
                                        member.profile().language())));
                    }
                }
            });
        }
        return new Seen(cards, careOf(round, member, now, pairs, activePair));
    }

    private static Care careOf(Round round, Application member, Instant now, List<PartnershipStore.Pair> pairs,
                               Optional<PartnershipStore.Pair> activePair) {
        if (round == null || round.matchDate() == null) {
            return Care.NONE;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String me = member.participantId();
        boolean heldBack = member.status() == Application.Status.CONFIRMED
                && pairs.stream().anyMatch(p -> p.heldBack().contains(me)) && activePair.isEmpty();
        Optional<PartnershipStore.Pair> active = member.status() == Application.Status.MATCHED ? activePair
                : Optional.empty();
        if (active.isEmpty()) {
            return new Care(false, false, false, heldBack, false);
        }
        PartnershipStore.Pair pair = active.get();
        Optional<PartnershipStore.Nudge> nudge = pair.nudge();
        boolean open = nudge.isEmpty() && pair.publishedAt().map(at -> RoundCare.nudgeOpen(round, at, today)).orElse(false);
        boolean unanswered = nudge.isPresent() && nudge.get().answeredAt().isEmpty();
        return new Care(open, unanswered && nudge.get().by().equals(me), unanswered && !nudge.get().by().equals(me),
                false, true);
    }

    /**
     * "My partner hasn't replied": records the nudge (one conditional write) and queues the kind
     * nudge to each partner under a key of its own, so a double click queues it once.
     */
    public Reported reportSilence(Programme programme, Round round, Application reporter, Instant now) {
        Optional<PartnershipStore.Pair> found = activePairOf(reporter);
        if (found.isEmpty()) {
            return Reported.NOT_MATCHED;
        }
        PartnershipStore.Pair pair = found.get();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (pair.nudge().isEmpty()
                && !pair.publishedAt().map(at -> RoundCare.nudgeOpen(round, at, today)).orElse(false)) {
            return Reported.NOT_OPEN;
        }
        LocalDate due = today.plusDays(RoundCare.NUDGE_ANSWER_DAYS);
        CareStore.Nudged nudged = care.nudge(round.id(), pair, reporter.participantId(), due, now);
        switch (nudged) {
            case NOT_ACTIVE:
                return Reported.NOT_MATCHED;
            case NUDGED_BEFORE:
                return Reported.NUDGED_BEFORE;
            default:
                break;
        }
        // On a double click the stored due day stands; the message key makes the nudge one.
        LocalDate stored = nudged == CareStore.Nudged.NUDGED ? due : pair.nudge().map(PartnershipStore.Nudge::due).orElse(due);
        Letters letters = new Letters(programme);
        for (String other : pair.members()) {
            if (!other.equals(reporter.participantId())) {
                applications.application(round.id(), other, now)
                        .filter(partner -> partner.status() == Application.Status.MATCHED)
                        .ifPresent(partner -> outbox.enqueue(letters.nudge(round, pair.id(), partner, reporter, stored)));
            }
        }
        return nudged == CareStore.Nudged.NUDGED ? Reported.NUDGED : Reported.ALREADY_NUDGED;
    }

    /**
     * "I'm still here": answers a partner's open nudge (the partnership stays), or, after a
     * partnership ended for silence, puts the member back among those the re-match pairs. False if
     * there was nothing to answer.
     */
    public boolean stillHere(Round round, Application member, Instant now) {
        String me = member.participantId();
        List<PartnershipStore.Pair> pairs = partnerships.pairs(member.round());
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.members().contains(me) && pair.status() == PartnershipStore.PairStatus.ACTIVE
                    && pair.nudge().isPresent() && !pair.nudge().get().by().equals(me)) {
                return care.answerNudge(round.id(), pair, me, now);
            }
        }
        if (member.status() != Application.Status.CONFIRMED) {
            return false;
        }
        boolean returned = false;
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.heldBack().contains(me)) {
                returned |= care.returnAfterSilence(round.id(), pair, me);
            }
        }
        return returned;
    }

    /**
     * Stores a member's check-in answer on their active partnership (the last answer wins); false
     * (nothing stored) if the member is in no active partnership. "My partner hasn't replied" is
     * then reported with {@link #reportSilence}.
     */
    public boolean checkIn(Round round, Application member, CareStore.CheckInAnswer answer, Instant now) {
        Optional<PartnershipStore.Pair> pair = activePairOf(member);
        if (member.status() != Application.Status.MATCHED || pair.isEmpty()) {
            return false;
        }
        care.answerCheckIn(round, pair.get().id(), member.participantId(), answer, now);
        return true;
    }

    /** Whether the nightly re-match still runs for this round on {@code day}. */
    public static boolean insideRematchWindow(Round round, LocalDate day) {
        return round.matchDate() != null && !day.isAfter(round.matchDate().plusWeeks(MatchingNight.REMATCH_WEEKS));
    }

    /**
     * After a matched member withdrew: outside the re-match window, dissolves their partnership
     * and tells the others no new partner is coming (the message first, under the key the nightly
     * re-match uses, so a retry or a race queues it once). Inside the window it leaves both to the
     * nightly re-match. False if there was nothing to dissolve.
     */
    public boolean afterWithdrawal(Programme programme, Round round, Application withdrawn, Instant now) {
        if (insideRematchWindow(round, LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            return false;
        }
        Optional<PartnershipStore.Pair> found = activePairOf(withdrawn);
        if (found.isEmpty()) {
            return false;
        }
        PartnershipStore.Pair pair = found.get();
        List<Application> staying = new ArrayList<>();
        for (String member : pair.members()) {
            if (!member.equals(withdrawn.participantId())) {
                applications.application(round.id(), member, now)
                        .filter(other -> other.status() == Application.Status.MATCHED).ifPresent(staying::add);
            }
        }
        if (staying.size() >= 2) {
            return false; // a group of three goes on as a pair, as the nightly re-match decides
        }
        Letters letters = new Letters(programme);
        staying.forEach(other -> outbox.enqueue(letters.partnerLeft(round, pair.id(), other, false)));
        return partnerships.dissolve(round.id(), pair,
                staying.stream().map(Application::participantId).toList(), "withdrew", now);
    }

    private Optional<PartnershipStore.Pair> activePairOf(Application member) {
        return activeOf(partnerships.pairs(member.round()), member.participantId());
    }

    private static Optional<PartnershipStore.Pair> activeOf(List<PartnershipStore.Pair> pairs, String participantId) {
        return pairs.stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .filter(p -> p.members().contains(participantId))
                .findFirst();
    }
}
