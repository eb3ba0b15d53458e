package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.Mailer;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a round international: when one country holds more than the round's
 * {@code countryCapPercent} of its confirmed applications, the earliest confirmed from that
 * country stay in and the rest are waitlisted for the next round and told so by email. When
 * that round opens, they are moved into it, ahead of its own applicants, and told so too.
 *
 * <p>The quota is {@code floor(total × percent / 100)} (at least one) of all confirmed
 * applications, counted in confirmation order. Applying the cap twice changes nothing, and a
 * waitlisted application is never put back, so nobody is told two different things.
 */
public final class CountryCap {

    private static final Logger LOG = LoggerFactory.getLogger(CountryCap.class);

    private final ApplicationStore store;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final Supplier<Programme> programme;
    private final Links links;
    private final Clock clock;

    CountryCap(ApplicationStore store, SignedLinks tokens, Mailer mailer, Supplier<Programme> programme,
               Links links, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.programme = Objects.requireNonNull(programme);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The participant ids over the cap, given a round's confirmed and already-waitlisted
     * applications in confirmation order.
     */
    public static List<String> overCap(List<Application> inConfirmationOrder, int capPercent) {
        int quota = Math.max(1, inConfirmationOrder.size() * capPercent / 100);
        Map<String, Integer> seen = new HashMap<>();
        List<String> over = new ArrayList<>();
        for (Application a : inConfirmationOrder) {
            int count = seen.merge(a.profile().country(), 1, Integer::sum);
            if (count > quota && a.status() == Application.Status.CONFIRMED) {
                over.add(a.participantId());
            }
        }
        return over;
    }

    /** Applies the cap to a round; returns how many applications it waitlisted now. */
    public int apply(Round round) {
        Instant now = clock.instant();
        List<Application> confirmed = store.confirmedInRound(round.id());
        List<String> over = overCap(confirmed, round.countryCapPercent());
        Optional<Round> next = programme.get().roundAfter(round);
        int waitlisted = 0;
        for (Application a : confirmed) {
            if (!over.contains(a.participantId())) {
                continue;
            }
            if (!store.waitlist(a, next.map(Round::id).orElse(""), now)) {
                continue;
            }
            waitlisted++;
            String unsubscribe = tokens.mint(Purpose.UNSUBSCRIBE, a.addressHash(), a.round(), a.participantId(), now);
            String language = a.profile().language();
            String unsubscribeUrl = links.api("unsubscribe", unsubscribe, language);
            Map<String, Object> model = new HashMap<>();
            model.put(Wording.LANGUAGE, language);
            model.put("givenName", a.profile().givenName());
            model.put("roundTitle", round.title());
            model.put("nextRoundTitle", next.map(Round::title).orElse(""));
            model.put("nextRoundOpens", next.map(r -> r.opens().toString()).orElse(""));
            model.put("siteUrl", links.site());
            model.put("unsubscribeUrl", unsubscribeUrl);
            model.put("pageUrl", links.api("me",
                    tokens.mint(Purpose.PAGE, a.addressHash(), a.round(), a.participantId(), now), language));
            mailer.sendOnce("waitlisted:" + a.round() + ":" + a.participantId(),
                    new Envelope(a.profile().email(), a.addressHash(), "waitlisted", model, Optional.of(unsubscribeUrl),
                            Signup.replyTo(round)));
        }
        LOG.atInfo().addKeyValue("round", round.id()).addKeyValue("confirmed", confirmed.size())
                .addKeyValue("waitlisted", waitlisted).log("country cap applied");
        return waitlisted;
    }

    /**
     * Moves everyone waitlisted for {@code round} into it (call once it is open): each gets a
     * confirmed application there with their first application's profile and its application
     * and confirmation times, so their waiting counts in matching and the cap keeps them first,
     * and a mail saying they need not apply again. Moving twice changes nothing; someone who
     * applied to the round themselves keeps that application. Returns how many moved now.
     */
    public int carryOver(Round round) {
        Instant now = clock.instant();
        int moved = 0;
        for (Round earlier : programme.get().rounds()) {
            if (!earlier.opens().isBefore(round.opens())) {
                continue;
            }
            for (Application waiting : store.waitingFor(earlier.id(), round.id())) {
                Application there = new Application(round.id(), UUID.randomUUID().toString(), waiting.addressHash(),
                        waiting.profile(), Application.Status.CONFIRMED, waiting.createdAt(), waiting.confirmedAt(),
                        Optional.empty());
                if (!store.carryOver(waiting, there, round.personalDataKeptUntil(), now)) {
                    continue;
                }
                moved++;
                String language = there.profile().language();
                String unsubscribeUrl = links.api("unsubscribe",
                        tokens.mint(Purpose.UNSUBSCRIBE, there.addressHash(), round.id(), there.participantId(), now),
                        language);
                Map<String, Object> model = new HashMap<>();
                model.put(Wording.LANGUAGE, language);
                model.put("givenName", there.profile().givenName());
                model.put("roundTitle", round.title());
                model.put("earlierRoundTitle", earlier.title());
                model.put("matchDate", round.matchDate() == null ? "" : round.matchDate().toString());
                model.put("siteUrl", links.site());
                model.put("unsubscribeUrl", unsubscribeUrl);
                model.put("pageUrl", links.api("me",
                        tokens.mint(Purpose.PAGE, there.addressHash(), round.id(), there.participantId(), now), language));
                mailer.sendOnce("waiting-list-place:" + round.id() + ":" + waiting.participantId(),
                        new Envelope(there.profile().email(), there.addressHash(), "waiting-list-place", model,
                                Optional.of(unsubscribeUrl), Signup.replyTo(round)));
            }
        }
        LOG.atInfo().addKeyValue("round", round.id()).addKeyValue("moved", moved).log("waiting list moved in");
        return moved;
    }
}
