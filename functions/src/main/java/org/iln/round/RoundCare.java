package org.iln.round;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.iln.mail.Outbox;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The night's care of every running round, after matching: each member of a partnership gets one
 * check-in about {@value #CHECK_IN_DAYS} days after their introduction; a partnership whose
 * "my partner hasn't replied" went unanswered for {@value #NUDGE_ANSWER_DAYS} days is dissolved
 * (both told, without blame; the reporter is re-matched by the next night's re-match); and once
 * the re-match window has closed, whoever was left alone by a dissolved partnership is told that
 * no new partner is coming (in the {@value #LATEST_NIGHTS} nights after it).
 *
 * <p>The rules' numbers live here, in one place (docs/participant-states.md explains them). Every
 * message has a deterministic outbox key and every change is a conditional write, so the job can
 * run twice, or stop half-way and run again. Logs carry counts and round ids only.
 */
public final class RoundCare {

    /** Days after an introduction from which a member may report "my partner hasn't replied" (the introduction asks them to write within a week). */
    public static final int NUDGE_AFTER_DAYS = 7;
    /** Days the partner has to answer a nudge with "I'm still here" before the partnership is dissolved. */
    public static final int NUDGE_ANSWER_DAYS = 5;
    /** Days after an introduction when each member gets the check-in ("have you met your partner yet?"). */
    public static final int CHECK_IN_DAYS = 14;
    /** How many new partners (re-matches) one person may get in a round; after that they are told kindly. */
    public static final int MAX_REMATCHES = 2;
    /**
     * How many nights late a check-in or a window-closed letter may still go out (after missed
     * nights). Never later: the outbox remembers a sent message's key for 30 days only, so a job
     * that kept trying for the rest of the round would send it again.
     */
    public static final int LATEST_NIGHTS = 7;

    private static final Logger LOG = LoggerFactory.getLogger(RoundCare.class);

    private final ApplicationStore participants;
    private final PartnershipStore partnerships;
    private final CareStore care;
    private final Outbox outbox;
    private final Supplier<Programme> programme;
    private final Clock clock;

    /** The care job over these stores, mailing through {@code outbox}, dated by {@code clock}. */
    public RoundCare(ApplicationStore participants, PartnershipStore partnerships, CareStore care, Outbox outbox,
                     Supplier<Programme> programme, Clock clock) {
        this.participants = Objects.requireNonNull(participants, "participants");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.care = Objects.requireNonNull(care, "care");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.programme = Objects.requireNonNull(programme, "programme");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one night did, in counts. */
    public record Summary(int checkIns, int dissolvedForSilence, int toldNoNewPartner) {
        @Override
        public String toString() {
            return "checkIns=" + checkIns + " dissolvedForSilence=" + dissolvedForSilence + " toldNoNewPartner="
                    + toldNoNewPartner;
        }
    }

    /** The last day a nudge may be sent in a round: its expiry must leave a night of re-matching in the window. */
    public static LocalDate lastNudgeDay(Round round) {
        return round.matchDate().plusWeeks(MatchingNight.REMATCH_WEEKS).minusDays(NUDGE_ANSWER_DAYS + 1L);
    }

    /**
     * Whether a member of a partnership introduced at {@code introduced} may report "my partner
     * hasn't replied" on {@code today}.
     */
    public static boolean nudgeOpen(Round round, Instant introduced, LocalDate today) {
        LocalDate from = LocalDate.ofInstant(introduced, ZoneOffset.UTC).plusDays(NUDGE_AFTER_DAYS);
        return round.matchDate() != null && !today.isBefore(from) && !today.isAfter(lastNudgeDay(round));
    }

    /** Runs tonight's care for every round between its match date and its end. */
    public Summary run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Programme current = programme.get();
        Letters letters = new Letters(current);
        int checkIns = 0;
        int dissolved = 0;
        int told = 0;
        for (Round round : current.rounds()) {
            if (round.matchDate() == null || today.isBefore(round.matchDate())
                    || (round.ends() != null && today.isAfter(round.ends())) || !partnerships.isPublished(round.id())) {
                continue;
            }
            Map<String, Application> everyone = new LinkedHashMap<>();
            participants.confirmedInRound(round.id()).forEach(a -> everyone.put(a.participantId(), a));
            List<PartnershipStore.Pair> pairs = partnerships.pairs(round.id());
            for (PartnershipStore.Pair pair : pairs) {
                if (pair.status() != PartnershipStore.PairStatus.ACTIVE) {
                    continue;
                }
                checkIns += checkIn(round, pair, everyone, letters, today);
                if (expireNudge(round, pair, everyone, letters, today, now)) {
                    dissolved++;
                }
            }
            LocalDate windowEnd = round.matchDate().plusWeeks(MatchingNight.REMATCH_WEEKS);
            if (today.isAfter(windowEnd) && !today.isAfter(windowEnd.plusDays(LATEST_NIGHTS))) {
                told += tellLeftAlone(round, pairs, everyone, letters);
            }
        }
        Summary summary = new Summary(checkIns, dissolved, told);
        LOG.info("round care {}: {}", today, summary);
        return summary;
    }

    /**
     * Queues the check-in to each member, once (the key), on the first night from
     * {@value #CHECK_IN_DAYS} days after the introduction, at most {@value #LATEST_NIGHTS} nights late.
     */
    private int checkIn(Round round, PartnershipStore.Pair pair, Map<String, Application> everyone, Letters letters,
                        LocalDate today) {
        if (pair.publishedAt().isEmpty()) {
            return 0;
        }
        LocalDate due = LocalDate.ofInstant(pair.publishedAt().get(), ZoneOffset.UTC).plusDays(CHECK_IN_DAYS);
        if (today.isBefore(due) || today.isAfter(due.plusDays(LATEST_NIGHTS))) {
            return 0;
        }
        int queued = 0;
        for (String member : pair.members()) {
            Application app = everyone.get(member);
            if (app != null && app.status() == Application.Status.MATCHED
                    && outbox.enqueue(letters.checkIn(round, pair, app, everyone))) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Dissolves a partnership whose nudge is due and unanswered: the letters first (under keys a
     * re-run reuses), then the one transaction. If a member withdrew meanwhile it is left to the
     * re-match, which dissolves it for that reason.
     */
    private boolean expireNudge(Round round, PartnershipStore.Pair pair, Map<String, Application> everyone,
                                Letters letters, LocalDate today, Instant now) {
        Optional<PartnershipStore.Nudge> nudge = pair.nudge();
        if (nudge.isEmpty() || nudge.get().answeredAt().isPresent() || today.isBefore(nudge.get().due())) {
            return false;
        }
        String reporter = nudge.get().by();
        List<String> silent = new ArrayList<>();
        for (String member : pair.members()) {
            Application app = everyone.get(member);
            if (app == null || app.status() != Application.Status.MATCHED) {
                return false;
            }
            if (!member.equals(reporter)) {
                silent.add(member);
            }
        }
        boolean inWindow = Partners.insideRematchWindow(round, today);
        outbox.enqueue(letters.silentPartnerEnded(round, pair.id(), everyone.get(reporter), inWindow));
        for (String member : silent) {
            outbox.enqueue(letters.silenceEnded(round, pair.id(), everyone.get(member), inWindow));
        }
        return care.dissolveSilent(round.id(), pair, reporter, silent, now);
    }

    /**
     * After the re-match window: everyone still confirmed who was in a dissolved partnership and
     * holds no active one gets one "no new partner" letter (the re-match's over-limit letter has
     * the same key, so nobody gets two).
     */
    private int tellLeftAlone(Round round, List<PartnershipStore.Pair> pairs, Map<String, Application> everyone,
                              Letters letters) {
        Set<String> active = new HashSet<>();
        Set<String> leftAlone = new HashSet<>();
        for (PartnershipStore.Pair pair : pairs) {
            if (pair.status() == PartnershipStore.PairStatus.ACTIVE) {
                active.addAll(pair.members());
            } else {
                pair.members().stream().filter(m -> !pair.heldBack().contains(m)).forEach(leftAlone::add);
            }
        }
        int told = 0;
        for (String member : leftAlone) {
            Application app = everyone.get(member);
            if (!active.contains(member) && app != null && app.status() == Application.Status.CONFIRMED
                    && outbox.enqueue(letters.noNewPartner(round, app, false))) {
                told++;
            }
        }
        return told;
    }
}
