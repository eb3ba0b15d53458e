package org.iln.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends a message at once, in the request that needs it (the immediate path of docs/mail.md:
 * confirm links, confirmations, erasure), at most once: a message has a deterministic key, and
 * only the caller that claims {@code MAIL#<key>} in the table sends it. If sending fails the
 * claim is released, so a retry can send it.
 *
 * <p>Programme mail to a suppressed (unsubscribed, bounced) address is not sent. Everything
 * else goes through the {@link Outbox} and the {@link Dispatcher}.
 */
public final class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final SesV2Client ses;
    private final MailStore store;
    private final Suppressions suppressions;
    private final MailRenderer renderer;
    private final MimeComposer composer;
    private final Clock clock;
    private final Optional<String> configurationSet;

    /**
     * A mailer sending through {@code ses} from {@code from}, claiming messages in {@code store}
     * and not sending programme mail to addresses in {@code suppressions}.
     */
    public Mailer(SesV2Client ses, MailStore store, Suppressions suppressions, MailRenderer renderer, String from,
                  Clock clock) {
        this(ses, store, suppressions, renderer, from, Optional.empty(), clock);
    }

    /**
     * A mailer sending with an SES configuration set, so that bounces and complaints of what it
     * sends are published to the programme's event handler.
     */
    public Mailer(SesV2Client ses, MailStore store, Suppressions suppressions, MailRenderer renderer, String from,
                  Optional<String> configurationSet, Clock clock) {
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
        this.ses = Objects.requireNonNull(ses, "ses");
        this.store = Objects.requireNonNull(store, "store");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.composer = new MimeComposer(from);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Claims {@code mailKey} and sends; returns false (sending nothing) if it was already claimed. */
    public boolean sendOnce(String mailKey, Envelope envelope) {
        if (!store.claimMail(mailKey, envelope.addressHash(), envelope.template(), clock.instant())) {
            LOG.atInfo().addKeyValue("template", envelope.template()).addKeyValue("mailKey", digest(mailKey))
                    .log("mail already claimed, not sent again");
            return false;
        }
        sendClaimed(mailKey, envelope);
        return true;
    }

    /** Sends a message whose key the caller has already claimed (e.g. in a transaction). */
    public void sendClaimed(String mailKey, Envelope envelope) {
        sendClaimed(mailKey, () -> envelope);
    }

    /**
     * Sends a message whose key the caller has already claimed, its envelope built as part of the
     * send (minting the links in it writes tokens): if anything fails before SES accepts the
     * message, the claim is released once, so that a retry can send it.
     */
    public void sendClaimed(String mailKey, Supplier<Envelope> prepare) {
        Envelope envelope = null;
        String messageId;
        try {
            envelope = prepare.get();
            if (envelope.isProgrammeMail() && suppressions.isSuppressed(envelope.addressHash())) {
                LOG.atInfo().addKeyValue("template", envelope.template()).log("address suppressed, programme mail not sent");
                return;
            }
            messageId = deliver(envelope, mailKey);
        } catch (RuntimeException e) {
            release(mailKey, e);
            LOG.atWarn().addKeyValue("template", envelope == null ? "(not prepared)" : envelope.template())
                    .addKeyValue("error", e.getClass().getSimpleName())
                    .log("mail not sent; claim released so a retry can send it");
            throw e;
        }
        try {
            store.markMailSent(mailKey, messageId, clock.instant());
        } catch (RuntimeException e) {
            // SES has it: failing the request now would make the person retry and get it twice.
            // The claim stays, unmarked, and keeps retries off until its lease ends.
            LOG.atWarn().addKeyValue("template", envelope.template()).addKeyValue("error", e.getClass().getSimpleName())
                    .log("mail sent but not marked sent; its claim keeps it from going again");
        }
        LOG.atInfo().addKeyValue("template", envelope.template()).addKeyValue("sesMessageId", messageId)
                .log("mail sent");
    }

    /**
     * Gives up a claim after a failure before SES accepted the message, so that a retry can send
     * it; if even that fails, the claim's lease lets a retry take it over later.
     */
    private void release(String mailKey, RuntimeException cause) {
        try {
            store.releaseMail(mailKey);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Sends a message that must leave no record in the table (the erasure confirmation, sent
     * after everything about the person is gone).
     */
    public void sendUnrecorded(Envelope envelope) {
        String messageId = deliver(envelope, java.util.UUID.randomUUID().toString());
        LOG.atInfo().addKeyValue("template", envelope.template()).addKeyValue("sesMessageId", messageId)
                .log("mail sent");
    }

    /** Renders, composes and hands the message to SES; returns SES's message id. */
    private String deliver(Envelope envelope, String messageKey) {
        MailRenderer.RenderedMail mail = renderer.render(envelope.template(), envelope.model());
        byte[] raw = composer.compose(envelope, mail, composer.messageIdFor(messageKey), clock.instant());
        return ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw))))
                        .configurationSetName(configurationSet.orElse(null)))
                .messageId();
    }

    /** A short stable digest of a mail key, for Message-IDs and logs (keys may embed round ids). */
    static String digest(String mailKey) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(mailKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
