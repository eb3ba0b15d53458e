package org.iln.site;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One published discussion point: what its page, the archive, the feed and the manifest show.
 *
 * @param round the round id from data/rounds.yml
 * @param slug the file name without extension, e.g. {@code 01-getting-to-know-you}
 * @param sendDate the day it is emailed to participants and appears in the public archive
 * @param url the site path of its page
 * @param html the rendered Markdown body
 */
record DiscussionPoint(String round, String slug, String title, LocalDate sendDate, List<String> tags,
                       String summary, String url, String html) {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    DiscussionPoint {
        tags = List.copyOf(tags);
    }

    /** The send date as people read it, e.g. "2 March 2026". */
    String displayDate() {
        return DISPLAY.format(sendDate);
    }

    /** The send date in ISO form, for {@code <time datetime>}. */
    String isoDate() {
        return sendDate.toString();
    }

    boolean sentBy(LocalDate day) {
        return !sendDate.isAfter(day);
    }
}
