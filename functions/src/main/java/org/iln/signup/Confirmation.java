package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Suppressions;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms an address from the signed link in the confirmation email, which makes the application
 * eligible for matching. Following the link again is harmless.
 */
public final class Confirmation {

    private static final Logger LOG = LoggerFactory.getLogger(Confirmation.class);

    private final ApplicationStore store;
    private final MailStore mail;
    private final Suppressions suppressions;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final Supplier<Programme> programme;
    private final CountryCap cap;
    private final Links links;
    private final Clock clock;

    Confirmation(ApplicationStore store, MailStore mail, Suppressions suppressions, SignedLinks tokens, Mailer mailer,
                 Supplier<Programme> programme, CountryCap cap, Links links, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.mail = Objects.requireNonNull(mail);
        this.suppressions = Objects.requireNonNull(suppressions);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.programme = Objects.requireNonNull(programme);
        this.cap = Objects.requireNonNull(cap);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether the link confirmed (or had already confirmed) an application. */
    public boolean confirm(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.check(token, Purpose.CONFIRM, now);
        if (stored.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "bad-link").log("confirmation refused");
            return false;
        }
        Optional<Application> found = store.application(stored.get().round(), stored.get().participantId(), now);
        if (found.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "expired").log("confirmation refused: application gone");
            return false;
        }
        Application application = found.get();
        Optional<Round> round = programme.get().round(application.round());
        if (application.status() == Application.Status.UNCONFIRMED) {
            // A round the manifest no longer lists (renamed in the repository, say) keeps it a year.
            Instant keptUntil = round.map(Round::personalDataKeptUntil)
                    .orElse(now.atZone(ZoneOffset.UTC).plus(Programme.KEPT_AFTER_THE_ROUND).toInstant());
            if (!store.confirm(application, keptUntil, now)) {
                // A parallel click confirmed it first, an earlier attempt's write went through
                // with its answer lost, or it expired in between.
                Optional<Application> again =
                        store.application(application.round(), application.participantId(), now);
                if (again.isEmpty() || again.get().status() == Application.Status.UNCONFIRMED) {
                    return false;
                }
                if (again.get().status() != Application.Status.CONFIRMED) {
                    return true;
                }
            }
        } else if (application.status() != Application.Status.CONFIRMED) {
            return true; // waitlisted or matched since: nothing left to do
        }
        // What follows a confirmation runs for whoever claims its email first: the click that
        // confirmed, or a retry of one that failed after confirming (so its email is not lost).
        String mailKey = "confirmed:" + application.round() + ":" + application.participantId();
        if (!mail.claimMail(mailKey, application.addressHash(), "confirmed", now)) {
            return true;
        }
        mailer.sendClaimed(mailKey, () -> {
            // Confirming a new application is a fresh opt-in: lift an earlier unsubscribe (before
            // the mailer checks suppressions).
            suppressions.unsuppress(application.addressHash(), "unsubscribed");
            String unsubscribe = tokens.mint(Purpose.UNSUBSCRIBE, application.addressHash(), application.round(),
                    application.participantId(), now);
            String language = application.profile().language();
            String unsubscribeUrl = links.api("unsubscribe", unsubscribe, language);
            String pageUrl = links.api("me", tokens.mint(Purpose.PAGE, application.addressHash(),
                    application.round(), application.participantId(), now), language);
            return new Envelope(application.profile().email(), application.addressHash(), "confirmed", Map.of(
                    "givenName", application.profile().givenName(),
                    "roundTitle", round.map(Round::title).orElse(application.round()),
                    "matchDate", round.map(r -> r.matchDate() == null ? "" : r.matchDate().toString()).orElse(""),
                    "siteUrl", links.site(),
                    "unsubscribeUrl", unsubscribeUrl,
                    "pageUrl", pageUrl,
                    Wording.LANGUAGE, language),
                    Optional.of(unsubscribeUrl), round.map(Signup::replyTo).orElse(java.util.List.of()));
        });
        LOG.atInfo().addKeyValue("outcome", "confirmed").addKeyValue("round", application.round())
                .addKeyValue("participantId", application.participantId()).log("application confirmed");
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Before applications close the cap cannot be judged (the final total is unknown);
        // after, each late confirmation is judged at once.
        round.filter(r -> r.hasClosedBy(today)).ifPresent(cap::apply);
        return true;
    }
}
