package org.iln.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message the emulator accepted, parsed back from its raw MIME.
 *
 * @param raw the raw message as sent
 */
public record SentMail(String raw, String to, String subject, String text, String html,
                       Optional<String> listUnsubscribe, Optional<String> listUnsubscribePost) {

    private static final Pattern LINK = Pattern.compile("https://[^\\s\"<>]+");

    /** Parses a raw MIME message. */
    public static SentMail parse(String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            String[] parts = {"", ""};
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                readable(multipart, parts);
            } else {
                parts[0] = String.valueOf(content);
            }
            String text = parts[0];
            String html = parts[1];
            String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .findFirst().orElse("");
            return new SentMail(raw, to, message.getSubject(), text, html,
                    Optional.ofNullable(message.getHeader("List-Unsubscribe", null)),
                    Optional.ofNullable(message.getHeader("List-Unsubscribe-Post", null)));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("emulator holds a message that is not valid MIME", e);
        }
    }

    /** The text and HTML parts, also inside multipart/mixed (a message with an attachment). */
    private static void readable(Multipart multipart, String[] parts) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                parts[0] = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                parts[1] = (String) part.getContent();
            } else if (part.getContent() instanceof Multipart nested) {
                readable(nested, parts);
            }
        }
    }

        /** Every https link in the text part. */
    public List<String> links() {
        Matcher m = LINK.matcher(text);
        return m.results().map(r -> r.group()).toList();
    }

    /** The first link to this API path (e.g. {@code /api/confirm}). */
    public String link(String apiPath) {
        return links().stream().filter(l -> l.contains(apiPath + "?token=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + apiPath + " link in mail '" + subject + "'"));
    }

    /** The token of the first link to this API path. */
    public String token(String apiPath) {
        String link = link(apiPath);
        String token = link.substring(link.indexOf("?token=") + "?token=".length());
        return token.contains("&") ? token.substring(0, token.indexOf('&')) : token; // before &lang=
    }
}
