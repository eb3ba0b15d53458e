package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.mail.Phrase;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Join the next round", from the end-of-round mail or the page of a round that has ended: an
 * application to the round taking applications now, made from the answers given for the ended
 * one, which still needs the usual address confirmation (and so meets the country cap as every
 * confirmed application does). Previous partners are kept per person, not per round, so no one
 * is paired again with anyone they met before.
 */
final class NextRound {

    private static final Logger LOG = LoggerFactory.getLogger(NextRound.class);

    private final PersonalPage page;
    private final Signup signup;
    private final ApplicationStore store;
    private final Supplier<Programme> programme;
    private final Clock clock;

    NextRound(PersonalPage page, Signup signup, ApplicationStore store, Supplier<Programme> programme, Clock clock) {
        this.page = Objects.requireNonNull(page);
        this.signup = Objects.requireNonNull(signup);
        this.store = Objects.requireNonNull(store);
        this.programme = Objects.requireNonNull(programme);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What joining would do now, or why it cannot be done. */
    sealed interface Offer {
    }

    /** Joining would apply the ended round's answers to {@code next}. */
    record Open(Application from, Round ended, Round next) implements Offer {
    }

    /** Joining is not possible now, and why (with what to do instead). */
    record Refused(Phrase title, Phrase message, String language) implements Offer {
    }

    /** The offer behind a page link; empty if the link is not valid. A GET reads only. */
    Optional<Offer> offer(String token) {
        Instant now = clock.instant();
        return page.application(token, now).map(a -> offer(a, now));
    }

    /**
     * Applies to the next round and mails the confirmation link; empty if the link is not valid.
     * A second click, or a replayed link, finds the application made and is refused.
     */
    Optional<Offer> join(String token) {
        Instant now = clock.instant();
        Optional<Application> found = page.application(token, now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Offer offer = offer(found.get(), now);
        if (offer instanceof Open open) {
            if (!signup.applyAgain(open.next(), open.from().profile(), open.from().addressHash())) {
                return Optional.of(alreadyApplied(open.next(), open.from().profile().language()));
            }
            LOG.atInfo().addKeyValue("outcome", "applied").addKeyValue("from", open.ended().id())
                    .addKeyValue("round", open.next().id()).log("joined the next round");
        } else {
            LOG.atInfo().addKeyValue("outcome", "refused").log("joining the next round refused");
        }
        return Optional.of(offer);
    }

    private Offer offer(Application application, Instant now) {
        Programme current = programme.get();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<Round> ended = current.round(application.round());
        String language = application.profile().language();
        if (ended.isEmpty() || application.status() != Application.Status.ROUND_ENDED) {
            return new Refused(Phrase.of("page.nextRound.notYet.title"),
                    Phrase.of(application.status() == Application.Status.WITHDRAWN
                            ? "page.nextRound.notYet.withdrawn" : "page.nextRound.notYet.message"), language);
        }
        Optional<Round> next = current.roundOpenOn(today).filter(r -> r.opens().isAfter(ended.get().opens()));
        if (next.isEmpty()) {
            Optional<Round> later = current.nextRoundOpeningAfter(today);
            return new Refused(Phrase.of("page.nextRound.none.title"), later
                    .map(r -> Phrase.of("page.nextRound.none.opens", title(r), r.opens()))
                    .orElse(Phrase.of("page.nextRound.none.notAnnounced")), language);
        }
        if (store.applicationOf(application.addressHash(), next.get().id(), now).isPresent()) {
            return alreadyApplied(next.get(), language);
        }
        return new Open(application, ended.get(), next.get());
    }

    private static Refused alreadyApplied(Round next, String language) {
        return new Refused(Phrase.of("page.nextRound.applied.title"),
                Phrase.of("page.nextRound.applied.message", title(next)), language);
    }

    private static String title(Round round) {
        return round.title() == null || round.title().isBlank() ? round.id() : round.title();
    }
}
