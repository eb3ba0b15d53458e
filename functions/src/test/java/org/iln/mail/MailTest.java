package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.testing.SentMail;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MailTest {

    static final Map<String, String> MODEL = Map.of(
            "givenName", "<script>alert('x')</script> & Zoë",
            "roundTitle", "Round 1, 2026",
            "confirmUrl", "https://iln.example.org/api/confirm?token=a.b.c",
            "matchDate", "2026-02-23",
            "nextRoundTitle", "Round 2, 2026",
            "nextRoundOpens", "2026-07-13",
            "eraseUrl", "https://iln.example.org/api/erase?token=a.b.c",
            "siteUrl", "https://iln.example.org",
            "unsubscribeUrl", "https://iln.example.org/api/unsubscribe?token=a.b.c");

    final MailRenderer renderer = new MailRenderer();

    @ParameterizedTest
    @ValueSource(strings = {"confirm-address", "already-applied", "confirmed", "waitlisted", "erase-link", "erased",
            "unsubscribed"})
    void every_template_renders_a_subject_a_text_part_and_an_html_part(String template) {
        // when
        MailRenderer.RenderedMail mail = renderer.render(template, MODEL);

        // then
        assertThat(mail.subject()).isNotBlank().doesNotContain("\n");
        assertThat(mail.text()).contains("https://iln.example.org").doesNotContain("<p>");
        assertThat(mail.html()).contains("<!DOCTYPE html>", "<html lang=\"en\">", "</html>");
        assertThat(mail.html()).doesNotContain("<script>");
    }

    @Test
    void what_a_person_typed_is_escaped_in_html_and_kept_as_is_in_text() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("confirm-address", MODEL);

        // then
        assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Zoë");
        assertThat(mail.text()).contains("<script>alert('x')</script> & Zoë");
    }

    @Test
    void programme_mail_is_raw_mime_with_one_click_unsubscribe_headers() {
        // given
        MimeComposer composer = new MimeComposer("International Librarians Network <noreply@iln.example.org>");
        Envelope envelope = new Envelope("ana@example.org", "hash", "confirmed", MODEL,
                Optional.of("https://iln.example.org/api/unsubscribe?token=a.b.c"), List.of("team@iln.example.org"));

        // when
        byte[] raw = composer.compose(envelope, renderer.render("confirmed", MODEL), "abc@iln.mail",
                Instant.parse("2026-01-20T10:00:00Z"));
        SentMail parsed = SentMail.parse(new String(raw, StandardCharsets.UTF_8));

        // then
        String text = new String(raw, StandardCharsets.US_ASCII);
        assertThat(text).contains("Content-Type: multipart/alternative", "Message-ID: <abc@iln.mail>",
                "Reply-To: team@iln.example.org");
        assertThat(parsed.to()).isEqualTo("ana@example.org");
        assertThat(parsed.listUnsubscribe()).hasValue("<https://iln.example.org/api/unsubscribe?token=a.b.c>");
        assertThat(parsed.listUnsubscribePost()).hasValue("List-Unsubscribe=One-Click");
        assertThat(parsed.text()).contains("Your application to Round 1, 2026 is confirmed");
        assertThat(parsed.html()).contains("&lt;script&gt;");
    }

    @Test
    void transactional_mail_has_no_unsubscribe_headers() {
        // given
        MimeComposer composer = new MimeComposer("noreply@iln.example.org");
        Envelope envelope = new Envelope("ana@example.org", "hash", "erase-link", MODEL, Optional.empty(), List.of());

        // when
        SentMail parsed = SentMail.parse(new String(composer.compose(envelope, renderer.render("erase-link", MODEL),
                "x@iln.mail", Instant.EPOCH), StandardCharsets.UTF_8));

        // then
        assertThat(parsed.listUnsubscribe()).isEmpty();
        assertThat(parsed.link("/api/erase")).isEqualTo("https://iln.example.org/api/erase?token=a.b.c");
    }
}
