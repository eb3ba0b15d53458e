package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.round.CoordinatorScope;
import org.iln.store.AddressHasher;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Email me a fresh coordinator link": an address on the roster (a round's programme team in
 * {@code rounds.yml}, a Country Coordinator's address in {@code countries.yml}) is mailed a fresh
 * link to their page for every round running today (from its opening day to its last), once a
 * day. Anyone may ask; the answer never says whether the address is on the roster.
 */
public final class CoordinatorLinks {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorLinks.class);

    private final MailStore mail;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Links links;
    private final Clock clock;

    CoordinatorLinks(MailStore mail, SignedLinks tokens, Mailer mailer, AddressHasher hasher,
                     Supplier<Programme> programme, Links links, Clock clock) {
        this.mail = Objects.requireNonNull(mail);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.hasher = Objects.requireNonNull(hasher);
        this.programme = Objects.requireNonNull(programme);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** One page a roster address may open: a round in a scope. */
    private record Page(Round round, CoordinatorScope scope, String to) {
    }

    /**
     * Mails fresh links if {@code email} is on a running round's roster (at most one mail a day);
     * does nothing otherwise, which the caller must not reveal.
     */
    public void request(String email) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String hash = hasher.address(email);
        List<Page> pages = pagesOf(programme.get(), hash, today);
        if (pages.isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "not-on-roster").log("coordinator link requested");
            return;
        }
        String key = "coordinator-link:" + hash + ":" + today;
        if (!mail.claimMail(key, hash, "coordinator-link", now)) {
            LOG.atInfo().addKeyValue("outcome", "already-sent-today").log("coordinator link requested");
            return;
        }
        mailer.sendClaimed(key, () -> {
            List<Map<String, String>> model = new ArrayList<>();
            for (Page page : pages) {
                String token = tokens.mint(Purpose.COORDINATE, hash, page.round().id(), page.scope().id(), now);
                String title = page.round().title() == null || page.round().title().isBlank() ? page.round().id()
                        : page.round().title();
                model.add(Map.of("roundTitle", title, "scope", page.scope().country().orElse(""),
                        "pageUrl", links.api("coordinate", token)));
            }
            // Mail goes to the address as the roster holds it, never to what the requester typed.
            return new Envelope(pages.get(0).to(), hash, "coordinator-link",
                    Map.of("pages", model, "siteUrl", links.site()), Optional.empty(), List.of());
        });
        LOG.atInfo().addKeyValue("outcome", "link-sent").addKeyValue("pages", pages.size())
                .log("coordinator link requested");
    }

    /** Every running round's page the address may open, the programme team's first. */
    private List<Page> pagesOf(Programme current, String hash, LocalDate today) {
        List<Page> pages = new ArrayList<>();
        for (Round round : current.rounds()) {
            LocalDate last = round.ends() != null ? round.ends() : round.closes();
            if (today.isBefore(round.opens()) || today.isAfter(last)) {
                continue;
            }
            round.coordinators().stream()
                    .filter(k -> k.email() != null && hasher.address(k.email()).equals(hash)).findFirst()
                    .ifPresent(k -> pages.add(new Page(round, CoordinatorScope.PROGRAMME, k.email())));
            for (Programme.Country country : current.countries()) {
                country.coordinators().stream()
                        .filter(k -> k.hasAddress() && hasher.address(k.contact()).equals(hash)).findFirst()
                        .ifPresent(k -> pages.add(new Page(round, CoordinatorScope.country(country.code()),
                                k.contact())));
            }
        }
        return pages;
    }
}
