package org.iln.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One page of the mail an emulator accepted, newest first: what the dev mail viewer shows.
 *
 * @param total    how many messages there are in all (with the recipient filter applied)
 * @param messages at most the page's size, newest first
 */
public record SentMailPage(int total, List<Message> messages) {

    /** No mail at all. */
    public static final SentMailPage EMPTY = new SentMailPage(0, List.of());

    public SentMailPage {
        messages = List.copyOf(messages);
    }

    /**
     * A message as the emulator holds it.
     *
     * @param number its place in the order the messages were sent, from 1
     * @param raw    its raw MIME, headers included
     */
    public record Message(int number, String raw) {
    }

    /**
     * The page out of every message, for an emulator that cannot page (plain moto_server, LocalStack).
     *
     * @param rawOldestFirst every raw message, oldest first
     * @param to             keeps the messages whose headers contain it (any case); blank keeps all
     */
    public static SentMailPage of(List<String> rawOldestFirst, int skip, int limit, String to) {
        String wanted = to == null ? "" : to.strip().toLowerCase(Locale.ROOT);
        List<Message> matching = new ArrayList<>();
        for (int i = rawOldestFirst.size() - 1; i >= 0; i--) {
            String raw = rawOldestFirst.get(i);
            if (wanted.isEmpty() || headerBlock(raw).toLowerCase(Locale.ROOT).contains(wanted)) {
                matching.add(new Message(i + 1, raw));
            }
        }
        int from = Math.min(Math.max(0, skip), matching.size());
        int until = (int) Math.min(matching.size(), (long) from + Math.max(0, limit));
        return new SentMailPage(matching.size(), matching.subList(from, until));
    }

    /** The answer of the launcher's {@code /moto-api/iln/sent-mail}. */
    public static SentMailPage fromJson(JsonNode page) {
        List<Message> messages = new ArrayList<>();
        page.path("messages").forEach(m -> messages.add(new Message(m.path("number").asInt(), m.path("raw").asText())));
        return new SentMailPage(page.path("total").asInt(), messages);
    }

    /** The raw header lines of a MIME message: everything before the first empty line. */
    public static String headerBlock(String raw) {
        int crlf = raw.indexOf("\r\n\r\n");
        int lf = raw.indexOf("\n\n");
        int end = crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
        return end < 0 ? raw : raw.substring(0, end);
    }
}
