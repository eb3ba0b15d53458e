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

    public Partners(PartnershipStore partnerships, ApplicationStore applications, Outbox outbox) {
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** The cards (as the introduction shows them) of the member's partners in their active partnership. */
    public List<Map<String, Object>> cardsFor(Programme programme, Application member, Instant now) {
        List<Map<String, Object>> cards = new ArrayList<>();
        activePairOf(member).ifPresent(pair -> {
            for (String other : pair.members()) {
                if (!other.equals(member.participantId())) {
                    applications.application(member.round(), other, now)
                            .ifPresent(partner -> cards.add(Letters.partnerCard(programme, partner)));
                }
            }
        });
        return cards;
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
        return partnerships.pairs(member.round()).stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .filter(p -> p.members().contains(member.participantId()))
                .findFirst();
    }
}
