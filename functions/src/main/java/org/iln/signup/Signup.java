package org.iln.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.iln.mail.Envelope;
import org.iln.mail.MailStore;
import org.iln.mail.Mailer;
import org.iln.mail.Wording;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Coordinator;
import org.iln.programme.Programme.Round;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.Application.Profile;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a signup: checks it, stores an unconfirmed application with its uniqueness lock, and
 * sends a confirmation link, or, for an address that already applied, a message saying so.
 *
 * <p>New and known addresses get the same answer, so the answer reveals nothing. At most one
 * message per address, round and day goes out, however often or in parallel the form is sent.
 */
public final class Signup {

    /** Submissions faster than this after the form was shown are a bot's. */
    static final long MIN_HUMAN_MILLIS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(Signup.class);

    private final ApplicationStore store;
    private final MailStore mail;
    private final SignedLinks tokens;
    private final Mailer mailer;
    private final AddressHasher hasher;
    private final Supplier<Programme> programme;
    private final Links links;
    private final Clock clock;
    private final SignupValidator validator = new SignupValidator();

    Signup(ApplicationStore store, MailStore mail, SignedLinks tokens, Mailer mailer, AddressHasher hasher,
           Supplier<Programme> programme, Links links, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.mail = Objects.requireNonNull(mail);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.hasher = Objects.requireNonNull(hasher);
        this.programme = Objects.requireNonNull(programme);
        this.links = Objects.requireNonNull(links);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What became of a submission. */
    public sealed interface Outcome {
    }

    /** Taken (or silently dropped as a bot's): the person is told to check their email. */
    public record Accepted() implements Outcome {
    }

    /** Refused: these fields are wrong. */
    public record Invalid(List<FieldError> errors) implements Outcome {
    }

    /** No round is taking applications; the next one opens on this day, if one is planned. */
    public record Closed(Optional<LocalDate> nextOpens, Optional<String> nextTitle) implements Outcome {
    }

    /** Handles one submission. */
    public Outcome submit(SubmittedFields fields) {
        Instant now = clock.instant();
        Optional<String> bot = botReason(fields, now);
        if (bot.isPresent()) {
            LOG.atInfo().addKeyValue("outcome", "ignored").addKeyValue("reason", bot.get()).log("signup ignored");
            return new Accepted();
        }
        Programme current = programme.get();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<Round> open = current.roundOpenOn(today);
        if (open.isEmpty()) {
            Optional<Round> next = current.nextRoundOpeningAfter(today);
            LOG.atInfo().addKeyValue("outcome", "closed").log("signup refused: no round open");
            return new Closed(next.map(Round::opens), next.map(Round::title));
        }
        SignupValidator.Result result = validator.validate(fields, current);
        if (result.profile().isEmpty()) {
            LOG.atInfo().addKeyValue("outcome", "invalid")
                    .addKeyValue("fields", result.errors().stream().map(FieldError::field).limit(10).toList())
                    .log("signup refused: invalid fields");
            return new Invalid(result.errors());
        }
        Round round = open.get();
        Profile profile = result.profile().get();
        String hash = hasher.address(profile.email());
        // One acknowledgement per address, round and day: claimed in the same transaction as a
        // new application, so parallel duplicates can never send a second message.
        String ackKey = "signup-ack:" + round.id() + ":" + hash + ":" + today;
        Application application = new Application(round.id(), UUID.randomUUID().toString(), hash, profile,
                Application.Status.UNCONFIRMED, now, Optional.empty(), Optional.empty());

        if (store.createApplication(application, mail.claimPut(ackKey, hash, "confirm-address", now), now)
                == ApplicationStore.CreateOutcome.CREATED) {
            // Stored but not mailed (the link's token could not be written, say) frees the claim,
            // so the person's retry, which finds the application, mails them a link.
            // Nothing the form's sender typed goes into mail to an address nobody has confirmed:
            // anyone can enter anyone's address, and a "name" could carry a phishing line.
            askToConfirm(ackKey, round, application, now);
            LOG.atInfo().addKeyValue("outcome", "stored").addKeyValue("round", round.id())
                    .addKeyValue("participantId", application.participantId()).log("signup stored");
            return new Accepted();
        }
        Optional<Application> existing = store.applicationOf(hash, round.id(), now);
        if (existing.isPresent() && mail.claimMail(ackKey, hash, "already-applied", now)) {
            Application known = existing.get();
            // No name either: the first application may be unconfirmed, its name typed by anyone.
            mailer.sendClaimed(ackKey, () -> {
                Map<String, String> model = new HashMap<>();
                String language = known.profile().language();
                model.put(Wording.LANGUAGE, language);
                if (known.status() == Application.Status.UNCONFIRMED) {
                    String token = tokens.mint(Purpose.CONFIRM, hash, round.id(), known.participantId(), now);
                    model.put("confirmUrl", links.api("confirm", token, language));
                }
                return envelope(known.profile().email(), hash, "already-applied", round, model);
            });
        }
        LOG.atInfo().addKeyValue("outcome", "known").addKeyValue("round", round.id()).log("signup for a known address");
        return new Accepted();
    }

    /**
     * Stores an unconfirmed application to {@code round} from answers given before (joining the
     * next round from the end of one) and mails the usual confirmation link, exactly as a signup
     * does; false, storing and mailing nothing, if the address already holds an application to
     * that round.
     */
    boolean applyAgain(Round round, Profile profile, String hash) {
        Instant now = clock.instant();
        String ackKey = "signup-ack:" + round.id() + ":" + hash + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        Application application = new Application(round.id(), UUID.randomUUID().toString(), hash, profile,
                Application.Status.UNCONFIRMED, now, Optional.empty(), Optional.empty());
        if (store.createApplication(application, mail.claimPut(ackKey, hash, "confirm-address", now), now)
                != ApplicationStore.CreateOutcome.CREATED) {
            return false;
        }
        askToConfirm(ackKey, round, application, now);
        LOG.atInfo().addKeyValue("outcome", "stored").addKeyValue("round", round.id())
                .addKeyValue("participantId", application.participantId()).log("application for the next round stored");
        return true;
    }

    /** Mails the confirmation link of a new application whose acknowledgement {@code ackKey} is claimed. */
    private void askToConfirm(String ackKey, Round round, Application application, Instant now) {
        mailer.sendClaimed(ackKey, () -> {
            String token = tokens.mint(Purpose.CONFIRM, application.addressHash(), round.id(),
                    application.participantId(), now);
            String language = application.profile().language();
            return envelope(application.profile().email(), application.addressHash(), "confirm-address", round,
                    Map.of("confirmUrl", links.api("confirm", token, language), Wording.LANGUAGE, language));
        });
    }

    private Envelope envelope(String to, String hash, String template, Round round, Map<String, String> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("roundTitle", round.title());
        model.put("siteUrl", links.site());
        return new Envelope(to, hash, template, model, Optional.empty(), replyTo(round));
    }

    static List<String> replyTo(Round round) {
        return round.coordinators().stream().map(Coordinator::email).filter(Objects::nonNull).toList();
    }

    private static Optional<String> botReason(SubmittedFields fields, Instant now) {
        if (fields.all("website").stream().anyMatch(v -> !v.isBlank()) || fields.hasWrongType("website")) {
            return Optional.of("honeypot");
        }
        List<String> started = fields.all("formStartedAt");
        if (started.size() == 1) {
            try {
                long millis = Long.parseLong(started.get(0).strip());
                if (now.toEpochMilli() - millis < MIN_HUMAN_MILLIS) {
                    return Optional.of("too-fast");
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
