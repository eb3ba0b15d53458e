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
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Wording;
import org.iln.store.AddressHasher;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.iln.token.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a person on request: the request mails a signed link to the address (to anyone who
 * asks, the same answer), and confirming that link deletes their applications, locks, tokens
 * and mail records, anonymises their side of any partnership, and confirms by email.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    private final PersonalData personalData;
    private final MailStore mail;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final AddressHasher hasher;
    private final Links links;
    private final Clock clock;

    Erasure(PersonalData personalData, MailStore mail, SignedLinks tokens, Mailer mailer, AddressHasher hasher,
            Links links, Clock clock) {
        this.personalData = Objects.requireNonNull(personalData);
        this.mail = Objects.requireNonNull(mail);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.hasher = Objects.requireNonNull(hasher);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Sends an erasure link if we hold data for the address (at most one a day); does nothing
     * otherwise, which the caller must not reveal.
     */
    public void request(String email) {
        Instant now = clock.instant();
        String hash = hasher.address(email);
        if (!personalData.knows(hash)) {
            LOG.atInfo().addKeyValue("outcome", "nothing-held").log("erasure requested");
            return;
        }
        String key = "erase-link:" + hash + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!mail.claimMail(key, hash, "erase-link", now)) {
            LOG.atInfo().addKeyValue("outcome", "already-sent-today").log("erasure requested");
            return;
        }
        String token = tokens.mint(Purpose.ERASE, hash, "", "", now);
        Optional<PersonalData.Recipient> to = personalData.anyRecipientOf(hash);
        String language = to.map(PersonalData.Recipient::language).orElse("");
        // Mail goes to the address as stored, which the requester has just typed anyway; in their language.
        mailer.sendClaimed(key, new Envelope(to.map(PersonalData.Recipient::address).orElse(email.strip()), hash,
                "erase-link", Map.of("eraseUrl", links.api("erase", token, language), "siteUrl", links.site(),
                        Wording.LANGUAGE, language), Optional.empty(), List.of()));
        LOG.atInfo().addKeyValue("outcome", "link-sent").log("erasure requested");
    }

    /** Whether an erasure link is genuine and still works. */
    public boolean isValid(String token) {
        return tokens.check(token, Purpose.ERASE, clock.instant()).isPresent();
    }

    /** Erases the link's owner; false if the link is not valid. */
    public boolean erase(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.check(token, Purpose.ERASE, now);
        if (stored.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "bad-link").log("erasure refused");
            return false;
        }
        String hash = stored.get().addressHash();
        // Read before erasing: afterwards nothing says where, or in which language, to confirm it.
        Optional<PersonalData.Recipient> recipient = personalData.anyRecipientOf(hash);
        int items = personalData.erase(hash);
        tokens.revoke(stored.get());
        // The confirmation leaves no record behind: a claim item would be new data about them.
        recipient.ifPresent(to -> mailer.sendUnrecorded(new Envelope(to.address(), hash, "erased",
                Map.of("siteUrl", links.site(), Wording.LANGUAGE, to.language() == null ? "" : to.language()),
                Optional.empty(), List.of())));
        LOG.atInfo().addKeyValue("outcome", "erased").addKeyValue("items", items).log("person erased");
        return true;
    }
}
