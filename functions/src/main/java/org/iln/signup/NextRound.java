package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.iln.mail.Phrase;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.Application.Profile;
import org.iln.store.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Join the next round", from the end-of-round mail or the page of a round that has ended: an
 * application to the round taking applications now, made from the answers given for the ended
 * one, which still needs the usual address confirmation (and so meets the country cap as every
 * confirmed application does). Previous partners are kept per person, not per round, so no one
 * is paired again with anyone they met before.
 *
 * <p>The answers are checked as signup checks them, against the choice lists and rules of today:
 * an optional answer no longer offered (a region, a country to avoid, one of several languages or
 * interests, how they heard of us) is left out; a copy that would still be invalid (a sector or
 * career stage no longer offered, no language left) is refused with every field named, and
 * nothing is stored.
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

    /** Joining would apply the ended round's answers, as {@code profile} (checked today), to {@code next}. */
    record Open(Application from, Round ended, Round next, Profile profile) implements Offer {
    }

    /** The ended round's answers no longer fit the signup form: every problem named by field; nothing stored. */
    record Invalid(List<FieldError> errors, String language) implements Offer {
        Invalid {
            errors = List.copyOf(errors);
        }
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
            if (!signup.applyAgain(open.next(), open.profile(), open.from().addressHash())) {
                return Optional.of(alreadyApplied(open.next(), open.from().profile().language()));
            }
            LOG.atInfo().addKeyValue("outcome", "applied").addKeyValue("from", open.ended().id())
                    .addKeyValue("round", open.next().id()).log("joined the next round");
        } else if (offer instanceof Invalid invalid) {
            LOG.atInfo().addKeyValue("outcome", "invalid")
                    .addKeyValue("fields", invalid.errors().stream().map(FieldError::field).limit(10).toList())
                    .log("joining the next round refused: the answers no longer fit the form");
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
        SignupValidator.Result checked = new SignupValidator().validate(copyOf(application.profile(), current), current);
        if (checked.profile().isEmpty()) {
            return new Invalid(checked.errors(), application.profile().language());
        }
        return new Open(application, ended.get(), next.get(), checked.profile().get());
    }

    /**
     * The previous answers as the signup form would send them, leaving out the optional answers
     * {@code current} no longer offers (the validator then judges the rest). Consent was given
     * for the previous application and the click on "join" repeats it.
     */
    static SubmittedFields copyOf(Profile p, Programme current) {
        Programme.Choices choices = current.choices();
        Set<String> countries = current.countries().stream().map(Programme.Country::code).collect(Collectors.toSet());
        Set<String> languages = choices.languages().stream().map(Programme.Language::code).collect(Collectors.toSet());
        Set<String> interests = choices.interests().stream().map(Programme.Choice::id).collect(Collectors.toSet());
        Set<String> heardFrom = choices.heardFrom().stream().map(Programme.Choice::id).collect(Collectors.toSet());
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("givenName", one(p.givenName()));
        values.put("familyName", one(p.familyName()));
        values.put("email", one(p.email()));
        values.put("country", one(p.country()));
        values.put("timezone", one(p.timezone()));
        values.put("languages", offeredOrAll(p.languages(), languages));
        values.put("sector", one(p.sector()));
        values.put("role", one(p.role()));
        values.put("careerStage", one(p.careerStage()));
        values.put("interests", offeredOrAll(p.interests(), interests));
        values.put("preferSector", one(p.preferSector()));
        values.put("preferCareerStage", one(p.preferCareerStage()));
        values.put("preferRegions", offered(p.preferRegions(), current.regions()));
        values.put("excludeCountries", offered(p.excludeCountries(), countries));
        values.put("openToAny", List.of(Boolean.toString(p.openToAny())));
        values.put("maxPartners", List.of(Integer.toString(p.maxPartners())));
        values.put("heardFrom", offered(one(p.heardFrom()), heardFrom));
        values.put("consentPrivacy", List.of("true"));
        values.put("consentShare", List.of("true"));
        values.put("language", one(p.language()));
        return SubmittedFields.of(values);
    }

    private static List<String> one(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }

    private static List<String> offered(List<String> answers, Set<String> offered) {
        return answers == null ? List.of() : answers.stream().filter(offered::contains).toList();
    }

    /** The answers still offered; all of them when none is, so that the validator names the field. */
    private static List<String> offeredOrAll(List<String> answers, Set<String> offered) {
        List<String> kept = offered(answers, offered);
        return kept.isEmpty() && answers != null ? new ArrayList<>(answers) : kept;
    }

    private static Refused alreadyApplied(Round next, String language) {
        return new Refused(Phrase.of("page.nextRound.applied.title"),
                Phrase.of("page.nextRound.applied.message", title(next)), language);
    }

    private static String title(Round round) {
        return round.title() == null || round.title().isBlank() ? round.id() : round.title();
    }
}
