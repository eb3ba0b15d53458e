package org.iln.cli.dev;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A message the local emulator accepted, read back from its raw MIME for the mail viewer.
 *
 * @param links every http(s) link in the message, in order, so the viewer can make them clickable
 */
public record LocalMail(int number, String to, String subject, Optional<Instant> date, String text, String html,
                        List<String> links) {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    /** Every message, newest first, numbered from 1 in the order they were sent. */
    public static List<LocalMail> newestFirst(List<String> rawOldestFirst) {
        List<LocalMail> mail = new ArrayList<>();
        for (int i = 0; i < rawOldestFirst.size(); i++) {
            mail.add(parse(i + 1, rawOldestFirst.get(i)));
        }
        Collections.reverse(mail);
        return mail;
    }

    static LocalMail parse(int number, String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            String[] parts = {"", ""};
            collect(message.getContent(), message.isMimeType("text/html"), parts);
            String to = message.getRecipients(Message.RecipientType.TO) == null ? ""
                    : String.join(", ", Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .map(Object::toString).toList());
            List<String> links = LINK.matcher(parts[0].isEmpty() ? parts[1] : parts[0]).results()
                    .map(r -> r.group().replace("&amp;", "&")).distinct().toList();
            return new LocalMail(number, to, Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    Optional.ofNullable(message.getSentDate()).map(java.util.Date::toInstant), parts[0], parts[1], links);
        } catch (MessagingException | IOException e) {
            return new LocalMail(number, "", "(not valid MIME: " + e.getMessage() + ")", Optional.empty(), raw, "", List.of());
        }
    }

    private static void collect(Object content, boolean html, String[] parts) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.isMimeType("text/html"), parts);
            }
        } else if (content instanceof String s) {
            parts[html ? 1 : 0] = parts[html ? 1 : 0].isEmpty() ? s : parts[html ? 1 : 0];
        }
    }
}
