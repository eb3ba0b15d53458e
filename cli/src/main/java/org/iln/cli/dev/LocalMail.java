package org.iln.cli.dev;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.iln.localaws.SentMailPage;

/**
 * A message the local emulator accepted, read back from its raw MIME for the mail viewer.
 *
 * @param rawHeaders the header lines exactly as sent (List-Unsubscribe, Message-ID and the rest),
 *                   as local mail catchers show them for debugging delivery
 * @param headers    the same headers by name, in order, each value unfolded onto one line
 * @param links      every http(s) link in the message, in order, so the viewer can make them clickable
 * @param attachments the files it carries (the coordinators' draft CSV), each with its text
 */
public record LocalMail(int number, String to, String subject, Optional<Instant> date, String rawHeaders,
                        Map<String, List<String>> headers, String text, String html, List<String> links,
                        List<Attachment> attachments) {

    /** A file a message carries, as text (the programme attaches CSV only). */
    public record Attachment(String filename, String text) {
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");
    private static final Session SESSION = Session.getInstance(new Properties());

    public LocalMail {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
    }

    /** Every message, newest first, numbered from 1 in the order they were sent. */
    public static List<LocalMail> newestFirst(List<String> rawOldestFirst) {
        return SentMailPage.of(rawOldestFirst, 0, Integer.MAX_VALUE, "").messages().stream().map(LocalMail::parse).toList();
    }

    /** Reads one message the emulator holds. A message that is not valid MIME is shown as its raw text. */
    public static LocalMail parse(SentMailPage.Message sent) {
        String raw = sent.raw();
        String rawHeaders = SentMailPage.headerBlock(raw);
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                        .add(FOLD.matcher(header.getValue()).replaceAll(" "));
            }
            String[] parts = {"", ""};
            List<Attachment> attachments = new ArrayList<>();
            collect(message.getContent(), message.isMimeType("text/html"), parts, attachments);
            String to = message.getRecipients(Message.RecipientType.TO) == null ? ""
                    : String.join(", ", Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .map(Object::toString).toList());
            List<String> links = LINK.matcher(parts[0].isEmpty() ? parts[1] : parts[0]).results()
                    .map(r -> r.group().replace("&amp;", "&")).distinct().toList();
            return new LocalMail(sent.number(), to, Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    Optional.ofNullable(message.getSentDate()).map(java.util.Date::toInstant), rawHeaders, headers,
                    parts[0], parts[1], links, attachments);
        } catch (MessagingException | IOException e) {
            return new LocalMail(sent.number(), "", "(not valid MIME: " + e.getMessage() + ")", Optional.empty(),
                    rawHeaders, Map.of(), raw, "", List.of(), List.of());
        }
    }

    private static void collect(Object content, boolean html, String[] parts, List<Attachment> attachments)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    attachments.add(new Attachment(Optional.ofNullable(part.getFileName()).orElse("attachment"),
                            new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
                    continue;
                }
                collect(part.getContent(), part.isMimeType("text/html"), parts, attachments);
            }
        } else if (content instanceof String s) {
            parts[html ? 1 : 0] = parts[html ? 1 : 0].isEmpty() ? s : parts[html ? 1 : 0];
        }
    }
}
