package org.iln.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.iln.json.Json;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.token.Purpose;
import org.iln.token.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends what waits in the {@link Outbox}: for each due message, claims it with a conditional
 * write (a lease), sends it through SESv2 as raw MIME, and marks it sent with SES's message id.
 *
 * <p>Guarantee: each message is sent <em>exactly once, unless the process dies after SES
 * accepted it and before the {@code SENT} mark was written</em>; then the lease lapses and a
 * later run sends it again (at most once more per lapsed lease). SESv2 has no idempotency key,
 * so no sender can close that window; it is a few milliseconds wide, and the repeat carries the
 * same Message-ID. A dispatcher that dies before SES accepted the message loses nothing: the
 * message is sent by a later run once its lease ends.
 *
 * <p>Sending keeps to the {@link SendRate}, whose pace halves at each throttling and recovers
 * as messages go. Throttling ({@code TooManyRequestsException},
 * {@code LimitExceededException}, HTTP 429, SDK throttling codes) is retried with exponential
 * backoff and full jitter; once the retries are spent the message goes back to the queue and the
 * run stops. Any other SES refusal marks that message {@code FAILED} with its error code (never
 * an address) and the batch goes on. A run stops claiming when the time left (the Lambda's)
 * drops below {@link #STOP_MARGIN}.
 *
 * <p>Programme mail is skipped (marked {@code SKIPPED}) when its address is suppressed, or when
 * its recipient has withdrawn from the message's round since it was queued: only the withdrawal's
 * acknowledgement reaches a withdrawn participant.
 */
public final class Dispatcher {

    /** How long a claim holds a message; longer than one send with all its throttling retries. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** Stop claiming when less time than this is left: enough to finish one send and mark it. */
    public static final Duration STOP_MARGIN = Duration.ofSeconds(20);
    /** Throttled attempts of one message before it is put back and the run stops. */
    static final int THROTTLE_ATTEMPTS = 6;
    /** Tries at writing a sent message's mark (their backoff, under 15 s, stays well inside the lease). */
    static final int MARK_ATTEMPTS = 5;
    /** The longest one SES call may take, its SDK retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The one message a withdrawn participant still gets. */
    private static final String WITHDRAWAL_ACKNOWLEDGEMENT = "withdrawn";

    private final SesV2Client ses;
    private final MailStore store;
    private final Suppressions suppressions;
    private final ApplicationStore applications;
    private final MailRenderer renderer;
    private final MimeComposer composer;
    private final SignedLinks links;
    private final URI siteUrl;
    private final SendRate rate;
    private final Clock clock;
    private final Optional<String> configurationSet;
    private final ObjectMapper json = Json.newMapper();

    /**
     * A dispatcher sending through {@code ses}, minting unsubscribe links with {@code links}
     * (pointing to {@code siteUrl/api/unsubscribe}), paced by {@code rate}.
     */
    public Dispatcher(SesV2Client ses, MailStore store, Suppressions suppressions, ApplicationStore applications,
                      MailRenderer renderer, MimeComposer composer, SignedLinks links, URI siteUrl, SendRate rate,
                      Clock clock) {
        this(ses, store, suppressions, applications, renderer, composer, links, siteUrl, rate, Optional.empty(),
                clock);
    }

    /**
     * A dispatcher as above that sends with an SES configuration set, so that bounces and
     * complaints of what it sends are published to the programme's event handler.
     */
    public Dispatcher(SesV2Client ses, MailStore store, Suppressions suppressions, ApplicationStore applications,
                      MailRenderer renderer, MimeComposer composer, SignedLinks links, URI siteUrl, SendRate rate,
                      Optional<String> configurationSet, Clock clock) {
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
        this.ses = Objects.requireNonNull(ses, "ses");
        this.store = Objects.requireNonNull(store, "store");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.links = Objects.requireNonNull(links, "links");
        String site = Objects.requireNonNull(siteUrl, "siteUrl").toString();
        this.siteUrl = URI.create(site.endsWith("/") ? site.substring(0, site.length() - 1) : site);
        this.rate = Objects.requireNonNull(rate, "rate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one run did. */
    public record Report(int sent, int failed, int skipped, int requeued, Optional<String> stoppedBecause) {
    }

    /**
     * Sends every message due now, until none is left or {@code timeLeft} (e.g. the Lambda
     * context's remaining time) drops below {@link #STOP_MARGIN}.
     */
    public Report dispatch(Supplier<Duration> timeLeft) {
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        int requeued = 0;
        Optional<String> stopped = Optional.empty();
        Iterator<String> due = store.dueMail(clock.instant()).iterator();
        while (due.hasNext()) {
            if (timeLeft.get().compareTo(STOP_MARGIN) < 0) {
                stopped = Optional.of("time");
                break;
            }
            String key = due.next();
            rate.acquire();
            Instant now = clock.instant();
            Optional<StoredMail> claimed = store.claimQueuedMail(key, now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                continue; // another dispatcher has it, or the index was stale
            }
            Outcome outcome = send(claimed.get());
            switch (outcome) {
                case SENT -> sent++;
                case SENT_UNMARKED -> {
                    sent++;
                    stopped = Optional.of("store-unavailable");
                }
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                case REQUEUED -> requeued++;
                case STOP -> {
                    requeued++;
                    stopped = Optional.of("ses-unavailable");
                }
                case STORE_FAILED -> {
                    requeued++;
                    stopped = Optional.of("store-unavailable");
                }
            }
            if (stopped.isPresent()) {
                break;
            }
        }
        Report report = new Report(sent, failed, skipped, requeued, stopped);
        LOG.atInfo().addKeyValue("sent", sent).addKeyValue("failed", failed).addKeyValue("skipped", skipped)
                .addKeyValue("requeued", requeued).addKeyValue("stoppedBecause", stopped.orElse("done"))
                .log("dispatch run finished");
        return report;
    }

    private enum Outcome { SENT, SENT_UNMARKED, FAILED, SKIPPED, REQUEUED, STOP, STORE_FAILED }

    private Outcome send(StoredMail mail) {
        String template = mail.template();
        if (mail.programmeMail() && suppressions.isSuppressed(mail.addressHash())) {
            store.finishMail(mail.key(), StoredMail.Status.SKIPPED, "suppressed", clock.instant());
            LOG.atInfo().addKeyValue("template", template).log("address suppressed, programme mail skipped");
            return Outcome.SKIPPED;
        }
        if (mail.programmeMail() && hasWithdrawn(mail)) {
            store.finishMail(mail.key(), StoredMail.Status.SKIPPED, "withdrawn", clock.instant());
            LOG.atInfo().addKeyValue("template", template).log("participant withdrew, programme mail skipped");
            return Outcome.SKIPPED;
        }
        byte[] raw;
        try {
            raw = compose(mail);
        } catch (SdkException e) {
            // Minting the unsubscribe link writes its token: DynamoDB failed, not the message.
            // Put it back (if even that fails, its lease does) and stop while the table is in trouble.
            store.requeueMail(mail.key(), clock.instant().plus(BACKOFF_CAP));
            LOG.atWarn().addKeyValue("template", template).addKeyValue("error", e.getClass().getSimpleName())
                    .log("mail could not be prepared; put back, run stops");
            return Outcome.STORE_FAILED;
        } catch (RuntimeException e) {
            // A bad address or template is not going to get better by retrying.
            store.finishMail(mail.key(), StoredMail.Status.FAILED, "compose: " + e.getClass().getSimpleName(),
                    clock.instant());
            LOG.atWarn().addKeyValue("template", template).addKeyValue("error", e.getClass().getSimpleName())
                    .log("mail could not be built; marked failed");
            return Outcome.FAILED;
        }
        for (int attempt = 1; ; attempt++) {
            String messageId;
            try {
                // The call timeout keeps one send, with every throttling retry, inside its lease
                // (6 x 10 s + backoff < 2 min), so no second dispatcher can claim it meanwhile.
                messageId = ses.sendEmail(b -> b
                                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw))))
                                .configurationSetName(configurationSet.orElse(null))
                                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)))
                        .messageId();
            } catch (SdkServiceException e) {
                if (isThrottling(e)) {
                    rate.throttled();
                    if (attempt >= THROTTLE_ATTEMPTS) {
                        store.requeueMail(mail.key(), clock.instant().plus(BACKOFF_CAP));
                        LOG.atWarn().addKeyValue("template", template).addKeyValue("attempts", attempt)
                                .log("SES still throttling; message put back, run stops");
                        return Outcome.STOP;
                    }
                    rate.pause(backoff(attempt));
                    continue;
                }
                if (e instanceof SendingPausedException || e instanceof AccountSuspendedException) {
                    // The account cannot send at all: failing every message would lose them.
                    store.requeueMail(mail.key(), clock.instant());
                    LOG.atError().addKeyValue("error", errorCode(e)).log("SES account cannot send; run stops");
                    return Outcome.STOP;
                }
                store.finishMail(mail.key(), StoredMail.Status.FAILED, errorCode(e), clock.instant());
                LOG.atWarn().addKeyValue("template", template).addKeyValue("error", errorCode(e))
                        .log("SES refused the message; marked failed");
                return Outcome.FAILED;
            } catch (SdkClientException e) {
                // No answer from SES (network, timeout): it may or may not have been accepted.
                // Put it back rather than lose it; this is the at-least-once side of the guarantee.
                store.requeueMail(mail.key(), clock.instant().plus(BACKOFF_CAP));
                LOG.atWarn().addKeyValue("template", template).addKeyValue("error", e.getClass().getSimpleName())
                        .log("no answer from SES; message put back");
                return Outcome.REQUEUED;
            }
            rate.accepted();
            return markSent(mail, messageId);
        }
    }

    /**
     * Writes the {@code SENT} mark of a message SES accepted, trying again while DynamoDB fails:
     * a failed mark is never taken for a failed send (which would send it again now), and
     * until the mark is written a lapsed lease would send it again (the window docs/mail.md
     * describes), so it is worth a few tries inside the lease.
     */
    private Outcome markSent(StoredMail mail, String messageId) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.markMailSent(mail.key(), messageId, clock.instant());
                return Outcome.SENT;
            } catch (SdkException e) {
                if (attempt >= MARK_ATTEMPTS) {
                    LOG.atError().addKeyValue("template", mail.template())
                            .addKeyValue("error", e.getClass().getSimpleName())
                            .log("message sent, but its sent mark could not be written: it goes again when its"
                                    + " lease lapses; run stops");
                    return Outcome.SENT_UNMARKED;
                }
                rate.pause(backoff(attempt));
            }
        }
    }

    /**
     * Whether the message's recipient has withdrawn from its round since it was queued (an
     * introduction or a discussion point queued before the withdrawal): then nothing more of the
     * round is sent, but the acknowledgement of the withdrawal itself.
     */
    private boolean hasWithdrawn(StoredMail mail) {
        if (mail.round().isEmpty() || mail.participantId().isEmpty() || WITHDRAWAL_ACKNOWLEDGEMENT.equals(mail.template())) {
            return false;
        }
        return applications.application(mail.round(), mail.participantId(), clock.instant())
                .map(a -> a.status() == Application.Status.WITHDRAWN).orElse(false);
    }

    private byte[] compose(StoredMail mail) {
        Map<String, Object> model = new HashMap<>(parse(mail.modelJson()));
        model.putIfAbsent("siteUrl", siteUrl.toString());
        Optional<String> unsubscribeUrl = Optional.empty();
        if (mail.programmeMail()) {
            Instant now = clock.instant();
            String token = links.mint(Purpose.UNSUBSCRIBE, mail.addressHash(), mail.round(), mail.participantId(), now);
            // Links carry the reader's language, so that the pages they open answer in it.
            String language = Wording.linkLanguage(String.valueOf(model.getOrDefault(Wording.LANGUAGE, "")));
            unsubscribeUrl = Optional.of(siteUrl + "/api/unsubscribe?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8) + language);
            model.put("unsubscribeUrl", unsubscribeUrl.get());
            if (!mail.round().isEmpty() && !mail.participantId().isEmpty()) {
                // Every programme message carries the participant's page (see, update, withdraw).
                String page = links.mint(Purpose.PAGE, mail.addressHash(), mail.round(), mail.participantId(), now);
                model.put("pageUrl", siteUrl + "/api/me?token=" + URLEncoder.encode(page, StandardCharsets.UTF_8)
                        + language);
            }
        } else {
            model.putIfAbsent("unsubscribeUrl", "");
            if (mail.template().startsWith("coordinator-") && !mail.round().isEmpty()
                    && !mail.participantId().isEmpty()) {
                // A coordinator's mail carries their private page for the round, in the scope
                // the mail was written for (queued as the message's participantId).
                String page = links.mint(Purpose.COORDINATE, mail.addressHash(), mail.round(), mail.participantId(),
                        clock.instant());
                model.put("coordinatorUrl", siteUrl + "/api/coordinate?token="
                        + URLEncoder.encode(page, StandardCharsets.UTF_8));
            }
        }
        Envelope envelope = new Envelope(mail.to(), mail.addressHash(), mail.template(), model, unsubscribeUrl,
                mail.replyTo());
        MailRenderer.RenderedMail rendered = renderer.render(mail.template(), model);
        return composer.compose(envelope, rendered, composer.messageIdFor(mail.key()), clock.instant());
    }

    private Map<String, Object> parse(String modelJson) {
        try {
            return json.readValue(modelJson, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored model is not a JSON object", e);
        }
    }

    static boolean isThrottling(SdkServiceException e) {
        return e instanceof TooManyRequestsException || e instanceof LimitExceededException
                || e.isThrottlingException() || e.statusCode() == 429;
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 10));
        // Full jitter: parallel senders that were throttled together do not retry together.
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private static String errorCode(SdkServiceException e) {
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null
                ? aws.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        // SES messages can quote the address; only the code and status are kept.
        return "ses: " + code + " (" + e.statusCode() + ")";
    }
}
