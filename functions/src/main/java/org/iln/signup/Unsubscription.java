package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iln.mail.Envelope;
import org.iln.mail.Mailer;
import org.iln.mail.Suppressions;
import org.iln.mail.Wording;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops programme email from a signed link: at once on RFC 8058 one-click POST, after a
 * confirmation page on GET (so that link scanners opening the link change nothing).
 */
public final class Unsubscription {

    private static final Logger LOG = LoggerFactory.getLogger(Unsubscription.class);

    private final ApplicationStore store;
    private final Suppressions suppressions;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final Links links;
    private final Clock clock;

    Unsubscription(ApplicationStore store, Suppressions suppressions, SignedLinks tokens, Mailer mailer, Links links,
                   Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.suppressions = Objects.requireNonNull(suppressions);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether the link is genuine and still works (the GET shows a confirmation form then). */
    public boolean isValid(String token) {
        return tokens.check(token, Purpose.UNSUBSCRIBE, clock.instant()).isPresent();
    }

    /** Suppresses programme email for the link's owner; false if the link is not valid. */
    public boolean unsubscribe(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.check(token, Purpose.UNSUBSCRIBE, now);
        if (stored.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "bad-link").log("unsubscribe refused");
            return false;
        }
        String hash = stored.get().addressHash();
        suppressions.suppress(hash, "unsubscribed", now);
        LOG.atInfo().addKeyValue("outcome", "unsubscribed").log("programme mail suppressed");
        Optional<org.iln.store.Application> application = store.application(stored.get().round(),
                stored.get().participantId(), now);
        // One last, transactional message that says it worked, in their language; at most one a day.
        application.ifPresent(a -> mailer.sendOnce("unsubscribed:" + hash + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC),
                new Envelope(a.profile().email(), hash, "unsubscribed", Map.of("siteUrl", links.site(),
                        Wording.LANGUAGE, a.profile().language()), Optional.empty(), List.of())));
        return true;
    }
}
