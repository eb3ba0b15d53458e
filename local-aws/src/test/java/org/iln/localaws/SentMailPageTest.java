package org.iln.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging every message in Java, for emulators that cannot page (plain moto_server, LocalStack). */
class SentMailPageTest {

    private static String message(String to, String body) {
        return "From: noreply@iln.example.org\r\nTo: " + to + "\r\nSubject: Hello\r\n\r\n" + body + "\r\n";
    }

    private static final List<String> OLDEST_FIRST = List.of(
            message("ana@example.org", "one"),
            message("Bo <bo@example.org>", "ana@example.org is only named in this body"),
            message("ANA@example.org", "three"),
            message("cy@example.org", "four"));

    @Test
    void a_page_is_newest_first_and_numbered_in_the_order_sent() {
        // when
        SentMailPage page = SentMailPage.of(OLDEST_FIRST, 1, 2, "");

        // then
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.messages()).extracting(SentMailPage.Message::number).containsExactly(3, 2);
        assertThat(page.messages().get(0).raw()).isEqualTo(OLDEST_FIRST.get(2));
    }

    @Test
    void the_recipient_filter_reads_the_headers_in_any_case_not_the_body() {
        // when
        SentMailPage page = SentMailPage.of(OLDEST_FIRST, 0, 10, " Ana@Example.org ");

        // then
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.messages()).extracting(SentMailPage.Message::number).containsExactly(3, 1);
    }

    @Test
    void a_page_past_the_end_is_empty_but_still_counts_every_message() {
        // when
        SentMailPage page = SentMailPage.of(OLDEST_FIRST, 50, 50, "");

        // then
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.messages()).isEmpty();
    }

    @Test
    void the_header_block_ends_at_the_first_empty_line() {
        assertThat(SentMailPage.headerBlock("A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore")).isEqualTo("A: 1\r\nB: 2");
        assertThat(SentMailPage.headerBlock("A: 1\nB: 2\n\nbody")).isEqualTo("A: 1\nB: 2");
        assertThat(SentMailPage.headerBlock("A: 1")).isEqualTo("A: 1");
    }
}
