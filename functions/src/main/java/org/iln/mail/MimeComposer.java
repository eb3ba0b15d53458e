package org.iln.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Builds a raw MIME message (multipart/alternative: text, then HTML) so that headers such as
 * {@code List-Unsubscribe} survive the trip through SES.
 */
public final class MimeComposer {

    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;

    /** A composer sending from {@code from} (e.g. {@code ILN <noreply@example.org>}). */
    public MimeComposer(String from) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("mail From address is not valid: " + from, e);
        }
    }

    /** The message as bytes, ready for SESv2's {@code Content.Raw}. */
    public byte[] compose(Envelope envelope, MailRenderer.RenderedMail mail, String messageId, Instant now) {
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + messageId + ">");
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(envelope.to(), true));
            if (!envelope.replyTo().isEmpty()) {
                message.setReplyTo(InternetAddress.parse(String.join(",", envelope.replyTo()), true));
            }
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(now));
            if (envelope.unsubscribeUrl().isPresent()) {
                // RFC 8058: one click in the mail client POSTs "List-Unsubscribe=One-Click" here.
                message.setHeader("List-Unsubscribe", "<" + envelope.unsubscribeUrl().get() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build MIME message " + envelope.template() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message whose Message-ID we choose, rather than one built from a local host name lookup. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
