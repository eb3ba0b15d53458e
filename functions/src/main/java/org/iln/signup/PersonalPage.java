package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.MailStore;
import org.iln.mail.Phrase;
import org.iln.mail.Mailer;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.round.CareStore;
import org.iln.round.Partners;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.Application.Status;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's own page, behind the signed link in every programme message: where their
 * application stands, their partner once matched, and the moves they can make without an
 * account: update the application (until matching), withdraw from the round, and, once matched,
 * "my partner hasn't replied", "I'm still here" and the check-in answer (see {@link Partners}).
 *
 * <p>Each move is one conditional write on the status the application was read in, so a double
 * click, a replayed link or a re-match in between changes nothing twice (see
 * docs/participant-states.md).
 */
public final class PersonalPage {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalPage.class);
    /** How often a move is tried again when the status changed under it (a re-match, a parallel click). */
    private static final int ATTEMPTS = 3;

    private final ApplicationStore store;
    private final Partners partners;
    private final MailStore mail;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Links links;
    private final Clock clock;

    PersonalPage(ApplicationStore store, Partners partners, MailStore mail, SignedLinks tokens, Mailer mailer,
                 AddressHasher hasher, Supplier<Programme> programme, Links links, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.partners = Objects.requireNonNull(partners);
        this.mail = Objects.requireNonNull(mail);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.hasher = Objects.requireNonNull(hasher);
        this.programme = Objects.requireNonNull(programme);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Where a participant stands in a round; the page names it by {@code page.personal.standing.<NAME>}. */
    public enum Standing {
        WAITING_FOR_CONFIRMATION,
        CONFIRMED,
        /** Confirmed, and the match date has passed without a partner (none found yet, or the partner left). */
        LOOKING_FOR_PARTNER,
        WAITLISTED,
        MATCHED,
        WITHDRAWN,
        ROUND_ENDED
    }

    /**
     * What the page shows.
     *
     * @param canUpdate whether the application may still be changed (before matching)
     * @param canWithdraw whether the participant may still withdraw (before the round's end)
     */
    public record View(Application application, Round round, Standing standing,
                       List<Map<String, Object>> partners, boolean canUpdate, boolean canWithdraw, Partners.Care care) {
    }

    /** What became of an update. */
    public sealed interface Updated {
    }

    /** The answers are stored. */
    public record Saved() implements Updated {
    }

    /** Refused, every bad field named; nothing stored. */
    public record Invalid(List<FieldError> errors) implements Updated {
    }

    /** Refused: matching has happened (or the person withdrew); nothing stored. */
    public record TooLate(Phrase message) implements Updated {
    }

    /** What became of a withdrawal. */
    public enum Withdrawal {
        /** Withdrawn now (acknowledged by email once). */
        WITHDRAWN,
        /** Already withdrawn (a double click, a replayed link): nothing changed. */
        ALREADY_WITHDRAWN,
        /** The round has ended: there is nothing left to withdraw from. */
        ROUND_ENDED
    }

    /** The page behind a link, if the link is genuine, unexpired and its application still held. */
    public Optional<View> open(String token) {
        Instant now = clock.instant();
        return application(token, now).map(a -> view(a, now));
    }

    /**
     * Updates every answer but the address, with signup's rules; empty if the link is not valid.
     * An {@code email} field in the body is refused by name: the address is what the link belongs to.
     */
    public Optional<Updated> update(String token, SubmittedFields fields) {
        Instant now = clock.instant();
        Optional<Application> found = application(token, now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Application application = found.get();
        Programme current = programme.get();
        Map<String, List<String>> values = new HashMap<>();
        for (String name : fields.names()) {
            values.put(name, fields.all(name));
        }
        List<FieldError> extra = new ArrayList<>();
        if (values.containsKey(SignupField.EMAIL.formName())) {
            extra.add(new FieldError(SignupField.EMAIL.formName(),
                    Phrase.of("page.update.email").in(application.profile().language())));
        }
        values.put(SignupField.EMAIL.formName(), List.of(application.profile().email()));
        // The language stays the signup form's; its messages are worded in it.
        values.put("language", List.of(application.profile().language()));
        SignupValidator.Result result = new SignupValidator().validate(SubmittedFields.of(values), current);
        List<FieldError> errors = new ArrayList<>(extra);
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "invalid")
                    .addKeyValue("fields", errors.stream().map(FieldError::field).limit(10).toList())
                    .log("update refused: invalid fields");
            return Optional.of(new Invalid(errors));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            View view = view(application, now);
            if (!view.canUpdate()) {
                LOG.atInfo().addKeyValue("outcome", "too-late").log("update refused");
                return Optional.of(new TooLate(Phrase.of(application.status() == Status.WITHDRAWN
                        ? "page.tooLate.withdrawn" : "page.tooLate.matched")));
            }
            if (store.updateProfile(application, result.profile().get(), now)) {
                LOG.atInfo().addKeyValue("outcome", "updated").addKeyValue("round", application.round())
                        .addKeyValue("participantId", application.participantId()).log("application updated");
                return Optional.of(new Saved());
            }
            // Its status moved under us (confirmed, matched, withdrawn): judge again as it is now.
            Optional<Application> again = store.application(application.round(), application.participantId(), now);
            if (again.isEmpty()) {
                return Optional.empty();
            }
            application = again.get();
        }
        throw new IllegalStateException("the application kept changing during an update");
    }

    /** Withdraws the link's application from its round; empty if the link is not valid. */
    public Optional<Withdrawal> withdraw(String token) {
        Instant now = clock.instant();
        Optional<Application> found = application(token, now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return withdraw(found.get(), now);
    }

    /**
     * Withdraws an application from its round: the participant's own move, and a coordinator's
     * on their behalf ({@code CoordinatorPage}). Empty if the application is gone (erased meanwhile).
     */
    Optional<Withdrawal> withdraw(Application found, Instant now) {
        Application application = found;
        Programme current = programme.get();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (application.status() == Status.WITHDRAWN) {
                acknowledge(application, current, now);
                return Optional.of(Withdrawal.ALREADY_WITHDRAWN);
            }
            if (!view(application, now).canWithdraw()) {
                return Optional.of(Withdrawal.ROUND_ENDED);
            }
            if (store.withdraw(application, now)) {
                LOG.atInfo().addKeyValue("outcome", "withdrawn").addKeyValue("from", application.status().name())
                        .addKeyValue("round", application.round())
                        .addKeyValue("participantId", application.participantId()).log("participant withdrew");
                afterWithdrawal(application, current, now);
                return Optional.of(Withdrawal.WITHDRAWN);
            }
            Optional<Application> again = store.application(application.round(), application.participantId(), now);
            if (again.isEmpty()) {
                return Optional.empty();
            }
            application = again.get();
        }
        throw new IllegalStateException("the application kept changing during a withdrawal");
    }

    /**
     * "My partner hasn't replied" from the page (or a check-in answer); empty if the link is not
     * valid. The partners store the nudge conditionally, so a double click nudges once.
     */
    public Optional<Partners.Reported> reportSilence(String token) {
        Instant now = clock.instant();
        return application(token, now).map(a -> {
            Programme current = programme.get();
            Partners.Reported reported = current.round(a.round())
                    .map(round -> partners.reportSilence(current, round, a, now)).orElse(Partners.Reported.NOT_MATCHED);
            LOG.atInfo().addKeyValue("outcome", reported.name()).addKeyValue("round", a.round())
                    .log("partner has not replied");
            return reported;
        });
    }

    /** "I'm still here"; empty if the link is not valid, else whether there was a nudge (or a pause) to answer. */
    public Optional<Boolean> stillHere(String token) {
        Instant now = clock.instant();
        return application(token, now).map(a -> {
            boolean answered = programme.get().round(a.round()).map(round -> partners.stillHere(round, a, now))
                    .orElse(false);
            LOG.atInfo().addKeyValue("outcome", answered ? "answered" : "nothing-to-answer").addKeyValue("round", a.round())
                    .log("still here");
            return answered;
        });
    }

    /**
     * Stores a check-in answer; "my partner hasn't replied" also reports it. Empty if the link is
     * not valid; else whether the answer was stored (false: no active partnership).
     */
    public Optional<Boolean> checkIn(String token, CareStore.CheckInAnswer answer) {
        Instant now = clock.instant();
        return application(token, now).map(a -> {
            Programme current = programme.get();
            Optional<Round> round = current.round(a.round());
            boolean stored = round.isPresent() && partners.checkIn(round.get(), a, answer, now);
            if (stored && answer == CareStore.CheckInAnswer.NO_REPLY) {
                partners.reportSilence(current, round.get(), a, now);
            }
            LOG.atInfo().addKeyValue("outcome", stored ? answer.name() : "not-matched").addKeyValue("round", a.round())
                    .log("check-in answered");
            return stored;
        });
    }

    /**
     * Mails a fresh page link for every application the address holds (at most once a day);
     * does nothing for an unknown address, which the caller must not reveal.
     */
    public void requestLink(String email) {
        Instant now = clock.instant();
        String hash = hasher.address(email);
        Programme current = programme.get();
        List<Application> held = new ArrayList<>();
        for (Round round : current.rounds()) {
            store.applicationOf(hash, round.id(), now).ifPresent(held::add);
        }
        if (held.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "nothing-held").log("page link requested");
            return;
        }
        String key = "page-link:" + hash + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!mail.claimMail(key, hash, "page-link", now)) {
            LOG.atInfo().addKeyValue("outcome", "already-sent-today").log("page link requested");
            return;
        }
        mailer.sendClaimed(key, () -> {
            List<Map<String, String>> pages = new ArrayList<>();
            for (Application a : held) {
                String token = tokens.mint(Purpose.PAGE, hash, a.round(), a.participantId(), now);
                pages.add(Map.of("roundTitle", current.round(a.round()).map(Round::title).orElse(a.round()),
                        "pageUrl", links.api("me", token, a.profile().language())));
            }
            // Mail goes to the address as stored, never to what the requester typed; in its latest application's language.
            Application latest = held.get(held.size() - 1);
            return new Envelope(latest.profile().email(), hash, "page-link",
                    Map.of("pages", pages, "siteUrl", links.site(), Wording.LANGUAGE, latest.profile().language()),
                    Optional.empty(), List.of());
        });
        LOG.atInfo().addKeyValue("outcome", "link-sent").log("page link requested");
    }

    /** The language of the link's application (which its pages are in); empty if the link is not valid. */
    public Optional<String> language(String token) {
        return application(token, clock.instant()).map(a -> a.profile().language());
    }

    /** A fresh page link for an application (for the messages that carry it). */
    String link(Application application, Instant now) {
        return links.api("me", tokens.mint(Purpose.PAGE, application.addressHash(), application.round(),
                application.participantId(), now));
    }

    /** The application behind a page link, if the link is genuine, unexpired and the application still held. */
    Optional<Application> application(String token, Instant now) {
        Optional<StoredToken> stored = tokens.check(token, Purpose.PAGE, now);
        if (stored.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "bad-link").log("personal page refused");
            return Optional.empty();
        }
        return store.application(stored.get().round(), stored.get().participantId(), now);
    }

    private View view(Application application, Instant now) {
        Programme current = programme.get();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Round round = current.round(application.round()).orElse(null);
        boolean ended = round != null && round.ends() != null && today.isAfter(round.ends());
        boolean matchDatePassed = round != null && round.matchDate() != null && !today.isBefore(round.matchDate());
        Standing standing = switch (application.status()) {
            case UNCONFIRMED -> Standing.WAITING_FOR_CONFIRMATION;
            case CONFIRMED -> matchDatePassed ? Standing.LOOKING_FOR_PARTNER : Standing.CONFIRMED;
            case WAITLISTED -> Standing.WAITLISTED;
            case MATCHED -> Standing.MATCHED;
            case WITHDRAWN -> Standing.WITHDRAWN;
            case ROUND_ENDED -> Standing.ROUND_ENDED;
        };
        if (ended && standing != Standing.WITHDRAWN) {
            standing = Standing.ROUND_ENDED;
        }
        // One read of the round's partnerships gives both the partners' cards and the care.
        Partners.Seen seen = ended || application.status() == Status.WITHDRAWN ? Partners.Seen.NONE
                : partners.seenBy(current, round, application, now);
        boolean canUpdate = !matchDatePassed && !ended && (application.status() == Status.UNCONFIRMED
                || application.status() == Status.CONFIRMED || application.status() == Status.WAITLISTED);
        boolean canWithdraw = !ended && application.status() != Status.WITHDRAWN
                && application.status() != Status.ROUND_ENDED;
        return new View(application, round, standing, seen.cards(), canUpdate, canWithdraw, seen.care());
    }

    private void afterWithdrawal(Application before, Programme current, Instant now) {
        if (before.status() == Status.MATCHED) {
            current.round(before.round()).ifPresent(round -> partners.afterWithdrawal(current, round, before, now));
        }
        acknowledge(before, current, now);
    }

    /** The one acknowledgement: a retry after a lost answer sends it if it was not sent, never twice. */
    private void acknowledge(Application application, Programme current, Instant now) {
        String title = current.round(application.round()).map(Round::title).orElse(application.round());
        mailer.sendOnce("withdrawn:" + application.round() + ":" + application.participantId(),
                new Envelope(application.profile().email(), application.addressHash(), "withdrawn",
                        Map.of("givenName", application.profile().givenName(), "roundTitle", title,
                                "siteUrl", links.site(), Wording.LANGUAGE, application.profile().language()),
                        Optional.empty(), List.of()));
    }
}
