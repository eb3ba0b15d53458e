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
 * Builds a raw MIME message (multipart/alternative: text, then HTML; inside multipart/mixed with
 * a CSV file when the message carries one) so that headers such as {@code List-Unsubscribe}
 * survive the trip through SES.
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

    /**
     * A stable Message-ID (without angle brackets) for a message key: the same key always gets
     * the same id, on the From address's domain. Should a message ever go out twice, mail
     * clients that de-duplicate by Message-ID show it once.
     */
    public String messageIdFor(String mailKey) {
        String address = from.getAddress();
        return Mailer.digest(mailKey) + "." + "iln" + address.substring(address.indexOf('@'));
    }

    /**
     * The message as bytes, ready for SESv2's {@code Content.Raw}.
     *
     * @throws IllegalArgumentException if the recipient or a Reply-To address is not one valid
     *     address (a CR or LF in it is refused, never turned into a header)
     */
    public byte[] compose(Envelope envelope, MailRenderer.RenderedMail mail, String messageId, Instant now) {
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + messageId + ">");
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, address(envelope.to(), "to"));
            if (!envelope.replyTo().isEmpty()) {
                InternetAddress[] replyTo = new InternetAddress[envelope.replyTo().size()];
                for (int i = 0; i < replyTo.length; i++) {
                    replyTo[i] = address(envelope.replyTo().get(i), "replyTo");
                }
                message.setReplyTo(replyTo);
            }
            // A subject is one line: whatever reached it (a name in a template), a CR or LF must
            // never start a header of its own.
            message.setSubject(mail.subject().replaceAll("[\\r\\n\\t]+", " ").strip(), "UTF-8");
            message.setSentDate(Date.from(now));
            if (envelope.unsubscribeUrl().isPresent()) {
                // RFC 8058: one click in the mail client POSTs "List-Unsubscribe=One-Click" here.
                message.setHeader("List-Unsubscribe", "<" + envelope.unsubscribeUrl().get() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            MimeBodyPart text = new MimeBodyPart();
            // RFC 5322 allows CR and LF only together; a 7bit part is written as it is given.
            text.setText(crlf(mail.text()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(crlf(mail.html()), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            if (mail.attachment().isPresent()) {
                // multipart/mixed: the readable message first, then the sheet as a file.
                CsvSheet sheet = mail.attachment().get();
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                MimeBodyPart file = new MimeBodyPart();
                file.setText(sheet.text(), "UTF-8", "csv");
                file.setFileName(sheet.filename());
                file.setDisposition(jakarta.mail.Part.ATTACHMENT);
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                mixed.addBodyPart(file);
                message.setContent(mixed);
            } else {
                message.setContent(alternative);
            }
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

    private static String crlf(String text) {
        return text.replaceAll("\r\n|\r|\n", "\r\n");
    }

    /** One plain address: no display name, no list, no control characters. */
    private static InternetAddress address(String value, String field) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(field + " holds a control character (CR/LF would start a new header)");
        }
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
            if (parsed.getPersonal() != null || parsed.isGroup()) {
                throw new IllegalArgumentException(field + " must be one plain address");
            }
            return parsed;
        } catch (AddressException e) {
            // The address itself stays out of the message: it is personal data.
            throw new IllegalArgumentException(field + " is not a valid email address", e);
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
