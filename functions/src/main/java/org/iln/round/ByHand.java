package org.iln.round;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.Suppressions;
import org.iln.mail.Wording;
import org.iln.matching.MatchResult;
import org.iln.matching.Participant;
import org.iln.matching.PinnedPair;
import org.iln.matching.Pool;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;

/**
 * What a coordinator does by hand for a round's people from their page: pair two people left
 * alone after publishing, and resend an introduction or the "your application is confirmed"
 * message.
 *
 * <p>A hand pairing is the re-match of two: the matcher's hard rules decide it ({@link PinnedPair}: different
 * countries, a shared language, no excluded country, never the same partner twice, no pair kept
 * apart or held), and it is written by {@link PartnershipStore#writePartnership} like the nightly
 * re-match's, conditional on both still being confirmed, so a race with the night can never give
 * anyone two active partnerships. A resent message goes through the {@link Outbox} under a key of
 * the recipient, the partnership and the day, so a double click or a replayed form sends it once.
 */
public final class ByHand {

    private final ApplicationStore applications;
    private final PartnershipStore partnerships;
    private final Suppressions suppressions;
    private final Outbox outbox;

    public ByHand(ApplicationStore applications, PartnershipStore partnerships, Suppressions suppressions,
                  Outbox outbox) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.partnerships = Objects.requireNonNull(partnerships, "partnerships");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** What became of a hand pairing. */
    public sealed interface Pairing {
    }

    /**
     * The two are partners now, each sent the new-partner introduction.
     *
     * @param partnership the new partnership's id
     * @param already true if they were already partners (a double click): nothing new was written
     */
    public record Paired(String partnership, boolean already) implements Pairing {
    }

    /**
     * Nothing changed, and why.
     *
     * @param reason one of {@code not-published}, {@code no-such-person}, {@code not-alone},
     *     {@code held-back}, {@code unreachable}, {@code rule}, {@code changed}
     * @param detail the participant id the reason is about, or for {@code rule} the rule they break
     */
    public record Refused(String reason, String detail) implements Pairing {
    }

    /** The confirmed people of a round who hold no active partnership (the re-match's pool), oldest first. */
    public List<Application> leftAlone(Round round) {
        Map<String, Application> confirmed = new LinkedHashMap<>();
        applications.confirmedInRound(round.id()).stream()
                .filter(a -> a.status() == Application.Status.CONFIRMED)
                .forEach(a -> confirmed.put(a.participantId(), a));
        return List.copyOf(MatchingNight.aloneOnly(round, confirmed, partnerships.pairs(round.id())).values());
    }

    /**
     * Pairs {@code first} and {@code second}, two people of a published round left alone, and
     * queues both new-partner introductions.
     */
    public Pairing pair(Programme programme, Round round, String first, String second, Instant now) {
        if (!partnerships.isPublished(round.id())) {
            return new Refused("not-published", "");
        }
        if (first.equals(second)) {
            return new Refused("not-alone", second);
        }
        List<PartnershipStore.Pair> pairs = partnerships.pairs(round.id());
        Optional<PartnershipStore.Pair> together = pairs.stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .filter(p -> p.members().size() == 2 && p.members().containsAll(List.of(first, second))).findFirst();
        Map<String, Application> two = new LinkedHashMap<>();
        for (String id : List.of(first, second)) {
            Optional<Application> found = applications.application(round.id(), id, now);
            if (found.isEmpty()) {
                return new Refused("no-such-person", id);
            }
            two.put(id, found.get());
        }
        if (together.isPresent()) {
            introduce(programme, round, together.get().id(), new MatchResult.Partnership(together.get().members(),
                    together.get().score(), together.get().reasons(), true), two);
            return new Paired(together.get().id(), true);
        }
        for (Application a : two.values()) {
            boolean heldBack = pairs.stream().anyMatch(p -> p.heldBack().contains(a.participantId()));
            if (heldBack && a.status() == Application.Status.CONFIRMED) {
                return new Refused("held-back", a.participantId());
            }
        }
        Map<String, Application> alone = MatchingNight.aloneOnly(round, confirmedOnly(two), pairs);
        for (String id : two.keySet()) {
            if (!alone.containsKey(id)) {
                return new Refused("not-alone", id);
            }
        }
        for (Application a : two.values()) {
            if (suppressions.isSuppressed(a.addressHash())) {
                return new Refused("unreachable", a.participantId());
            }
        }
        PinnedPair.Judgement judged = PinnedPair.judge(pool(programme, round, two));
        if (judged.partnership().isEmpty()) {
            return new Refused("rule", judged.brokenRule());
        }
        MatchResult.Partnership partnership = judged.partnership().get();
        String pairId = PartnershipStore.pairId(round.id(), partnership.members());
        if (partnerships.writePartnership(round, partnership, two, true, now)
                == PartnershipStore.Written.MEMBER_UNAVAILABLE) {
            // The night (or another coordinator) paired or moved one of them first.
            return new Refused("changed", "");
        }
        introduce(programme, round, pairId, partnership, two);
        return new Paired(pairId, false);
    }

    /**
     * Queues the member's introduction to their active partnership again, at most once a day;
     * empty if they are in no active partnership, else whether it was queued now (false: already
     * today).
     */
    public Optional<Boolean> resendIntroduction(Programme programme, Round round, Application member, Instant now) {
        Optional<PartnershipStore.Pair> active = partnerships.pairs(round.id()).stream()
                .filter(p -> p.status() == PartnershipStore.PairStatus.ACTIVE)
                .filter(p -> p.members().contains(member.participantId())).findFirst();
        if (member.status() != Application.Status.MATCHED || active.isEmpty()) {
            return Optional.empty();
        }
        PartnershipStore.Pair pair = active.get();
        Map<String, Application> everyone = new LinkedHashMap<>();
        for (String id : pair.members()) {
            applications.application(round.id(), id, now).ifPresent(a -> everyone.put(id, a));
        }
        everyone.put(member.participantId(), member);
        OutboxMessage letter = new Letters(programme).introduction(round, pair.id(), member.participantId(),
                new MatchResult.Partnership(pair.members(), pair.score(), pair.reasons(), false), everyone,
                pair.rematch());
        String key = OutboxMessage.key("resent-introduction", round.id(), pair.id() + "-" + day(now),
                member.participantId());
        return Optional.of(outbox.enqueue(again(letter, key)));
    }

    /**
     * Queues the "your application is confirmed" message to a confirmed applicant again, at most
     * once a day; empty if the application is not confirmed (unconfirmed, waitlisted, matched, left).
     */
    public Optional<Boolean> resendConfirmation(Round round, Application applicant, Instant now) {
        if (applicant.status() != Application.Status.CONFIRMED) {
            return Optional.empty();
        }
        Map<String, Object> model = Map.of(
                "givenName", applicant.profile().givenName(),
                "roundTitle", Letters.title(round),
                "matchDate", round.matchDate() == null ? "" : round.matchDate().toString(),
                Wording.LANGUAGE, applicant.profile().language());
        OutboxMessage letter = OutboxMessage.programme("resent-confirmed", round.id(), day(now),
                applicant.participantId(), "confirmed", applicant.profile().email(), applicant.addressHash(), model,
                round.coordinators().stream().map(Programme.Coordinator::email).filter(Objects::nonNull).toList());
        return Optional.of(outbox.enqueue(letter));
    }

    private void introduce(Programme programme, Round round, String pairId, MatchResult.Partnership partnership,
                           Map<String, Application> two) {
        Letters letters = new Letters(programme);
        for (String member : partnership.members()) {
            // The nightly re-match's own key: a crash here is finished by the night, never sent twice.
            outbox.enqueue(letters.introduction(round, pairId, member, partnership, two, true));
        }
    }

    /** The pool of the two, pinned together, with what keeps them apart and who they had before. */
    private Pool pool(Programme programme, Round round, Map<String, Application> two) {
        List<Application> both = List.copyOf(two.values());
        boolean before = partnerships.werePartners(both.get(0).addressHash(), both.get(1).addressHash());
        List<Participant> people = new ArrayList<>();
        for (Application a : both) {
            String other = (a == both.get(0) ? both.get(1) : both.get(0)).participantId();
            people.add(MatchingNight.participant(a, before ? List.of(other) : List.of()));
        }
        Map<String, String> regions = new TreeMap<>();
        programme.countries().forEach(c -> regions.put(c.code(), c.region()));
        List<String> ids = List.copyOf(two.keySet());
        List<List<String>> apart = partnerships.review().keptApart(round.id(), partnerships.coordination(round.id()), List.of())
                .stream().filter(p -> p.containsAll(ids)).toList();
        return new Pool(round.id(), round.matchDate(), regions, people, List.of(ids), apart);
    }

    private static Map<String, Application> confirmedOnly(Map<String, Application> people) {
        Map<String, Application> confirmed = new LinkedHashMap<>(people);
        confirmed.values().removeIf(a -> a.status() != Application.Status.CONFIRMED);
        return confirmed;
    }

    private static OutboxMessage again(OutboxMessage letter, String key) {
        return new OutboxMessage(key, letter.template(), letter.to(), letter.addressHash(), letter.model(),
                letter.replyTo(), letter.programmeMail(), letter.round(), letter.participantId());
    }

    private static String day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    }
}
