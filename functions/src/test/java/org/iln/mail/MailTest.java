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

    static final Map<String, Object> MODEL = Map.ofEntries(
            Map.entry("givenName", "<script>alert('x')</script> & Zoë"),
            Map.entry("roundTitle", "Round 1, 2026"),
            Map.entry("confirmUrl", "https://iln.example.org/api/confirm?token=a.b.c"),
            Map.entry("matchDate", "2026-02-23"),
            Map.entry("nextRoundTitle", "Round 2, 2026"),
            Map.entry("nextRoundOpens", "2026-07-13"),
            Map.entry("eraseUrl", "https://iln.example.org/api/erase?token=a.b.c"),
            Map.entry("siteUrl", "https://iln.example.org"),
            Map.entry("unsubscribeUrl", "https://iln.example.org/api/unsubscribe?token=a.b.c"),
            Map.entry("partners", List.of(Map.of("givenName", "<script>Kim</script>", "familyName", "Lee",
                    "country", "Korea", "role", "Cataloguer", "sector", "Public library",
                    "interests", List.of("metadata"), "email", "kim@example.org"))),
            Map.entry("reasons", List.of("You both catalogue <rare> books")),
            Map.entry("roundEnds", "2026-06-22"),
            Map.entry("earlierRoundTitle", "Round 1, 2026"),
            Map.entry("partnerGivenName", "<i>Kim</i>"),
            Map.entry("reason", "no partner shares a language"),
            Map.entry("surveyUrl", "https://iln.example.org/api/me/survey?token=a.b.c"),
            Map.entry("surveyCloses", "2026-07-20"),
            Map.entry("joinUrl", "https://iln.example.org/api/me/next-round?token=a.b.c"),
            Map.entry("pointTitle", "Getting to know you"),
            Map.entry("pointSummary", "Start with who you are."),
            Map.entry("pointHtml", "<p>Tell your partner about your library.</p>"),
            Map.entry("archiveUrl", "https://iln.example.org/points/2026-1/01-getting-to-know-you.html"),
            Map.entry("draft", true),
            Map.entry("reporterGivenName", "<b>Ana</b>"),
            Map.entry("answerBy", "2026-03-10"),
            Map.entry("partnerNames", "<script>Kim</script>"),
            Map.entry("overLimit", false),
            Map.entry("summaryLines", List.of("412 matched in 206 partnerships")),
            Map.entry("unmatched", List.of(Map.of("participantId", "p-9", "country", "NZ",
                    "reason", "no eligible partner <shared language>"))));

    final MailRenderer renderer = new MailRenderer();

    @ParameterizedTest
    @ValueSource(strings = {"confirm-address", "already-applied", "confirmed", "waitlisted", "erase-link", "erased",
            "unsubscribed", "match-introduction", "new-partner", "partner-withdrew", "no-match", "discussion-point",
            "round-ending", "coordinator-report", "waiting-list-place", "volunteer-confirm", "partner-nudge", "check-in", "partner-silent",
            "partnership-ended", "no-new-partner"})
    void every_template_renders_a_subject_a_text_part_and_an_html_part(String template) {
        // when
        MailRenderer.RenderedMail mail = renderer.render(template, MODEL);

        // then
        assertThat(mail.subject()).isNotBlank().doesNotContain("\n");
        assertThat(mail.text()).contains("https://iln.example.org").doesNotContain("<p>");
        assertThat(mail.html()).contains("<!DOCTYPE html>", "<html lang=\"en\" dir=\"ltr\">", "</html>");
        assertThat(mail.html()).doesNotContain("<script>", "<rare>", "<shared language>", "<i>Kim");
    }

    @Test
    void a_volunteer_s_offer_reaches_the_programme_team_escaped_in_html_and_as_typed_in_text() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("volunteer-offer", Map.of("name", "<b>Amina</b>",
                "email", "amina@example.org", "country", "KE", "offerCountry", "Kenya", "languages", "en, sw",
                "why", "Line one\nLine <two>", "hours", "4", "siteUrl", "https://iln.example.org"));

        // then
        assertThat(mail.subject()).isEqualTo("A new Country Coordinator volunteer for Kenya");
        assertThat(mail.text()).contains("Name: \u2068<b>Amina</b>\u2069", "Country: Kenya (KE)", "Line one\nLine <two>");
        assertThat(mail.html()).contains("&lt;b&gt;Amina&lt;/b&gt;", "Line <two>".replace("<", "&lt;").replace(">", "&gt;"))
                .doesNotContain("<b>Amina");
    }

    @Test
    void a_partner_s_typed_details_are_escaped_in_html_and_kept_as_is_in_text() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("match-introduction", MODEL);

        // then
        assertThat(mail.html()).contains("&lt;script&gt;Kim&lt;/script&gt; Lee", "mailto:kim@example.org",
                "You both catalogue &lt;rare&gt; books");
        assertThat(mail.text()).contains("<script>Kim</script> Lee", "Country:   Korea", "Interests: metadata",
                "Email:     kim@example.org", "- You both catalogue <rare> books", "write to each other within a week");
    }

    @Test
    void a_subject_holding_a_line_break_stays_one_header_line() {
        // given
        MimeComposer composer = new MimeComposer("noreply@iln.example.org");
        Envelope envelope = new Envelope("ana@example.org", "hash", "confirmed", MODEL, Optional.empty(), List.of());
        MailRenderer.RenderedMail mail = new MailRenderer.RenderedMail("Hello\r\nBcc: everyone@example.org", "t", "h");

        // when
        String raw = new String(composer.compose(envelope, mail, "x@iln.mail", Instant.EPOCH), StandardCharsets.UTF_8);

        // then
        assertThat(raw).doesNotContain("\r\nBcc:").contains("Subject: Hello Bcc: everyone@example.org");
    }

    @Test
    void the_discussion_point_body_from_the_manifest_is_kept_as_html() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("discussion-point", MODEL);

        // then
        assertThat(mail.subject()).isEqualTo("Discussion point: Getting to know you");
        assertThat(mail.html()).contains("<p>Tell your partner about your library.</p>");
        assertThat(mail.text()).contains("Start with who you are.", MODEL.get("archiveUrl").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"confirm-address", "already-applied", "volunteer-confirm"})
    void mail_to_an_address_nobody_has_confirmed_carries_no_name(String template) {
        // when
        MailRenderer.RenderedMail mail = renderer.render(template, MODEL);

        // then
        assertThat(mail.subject() + mail.text() + mail.html()).doesNotContain("Zoë", "alert");
    }

    @Test
    void what_a_person_typed_is_escaped_in_html_and_kept_as_is_in_text() {
        // when
        MailRenderer.RenderedMail mail = renderer.render("confirmed", MODEL);

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
