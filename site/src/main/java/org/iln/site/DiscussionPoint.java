package org.iln.site;

import java.time.LocalDate;
import java.util.List;

/**
 * One published discussion point: what its page, the archive, the feed and the manifest show.
 *
 * @param round the round id from data/rounds.yml
 * @param slug the file name without extension, e.g. {@code 01-getting-to-know-you}
 * @param sendDate the day it is emailed to participants and appears in the public archive
 * @param url the site path of its page
 * @param html the rendered Markdown body
 * @param lang the language tag its title, summary and body are written in
 */
record DiscussionPoint(String round, String slug, String title, LocalDate sendDate, List<String> tags,
                       String summary, String url, String html, String lang) {

    DiscussionPoint {
        tags = List.copyOf(tags);
    }

    /** The same point as another edition shows it: at {@code url}, in a translation or (untranslated) in the original. */
    DiscussionPoint in(String url, String title, String summary, String html, String lang) {
        return new DiscussionPoint(round, slug, title, sendDate, tags, summary, url, html, lang);
    }

    /** The send date in ISO form, for {@code <time datetime>}. */
    String isoDate() {
        return sendDate.toString();
    }

    boolean sentBy(LocalDate day) {
        return !sendDate.isAfter(day);
    }
}
