package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a person types into the signup form cannot shape the mail it triggers: no header can be
 * added, the message still parses, and the confirmation (sent to an address nobody has
 * confirmed, so possibly someone else's) carries none of the typed name.
 */
class MailInjectionTest {

    /** The only headers a confirmation message may have. */
    private static final List<String> HEADERS = List.of("Date", "From", "Reply-To", "To", "Message-ID", "Subject",
            "MIME-Version", "Content-Type");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static AbuseServer server;
    private static int signups;

    @BeforeAll
    static void start() {
        server = AbuseServer.shared();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ana\r\nBcc: victim@example.net", "Ana\nSubject: You won", "Ana\rX-Injected: yes", "Ana\u0085Bcc: x@example.net",
        "Ana\u2028Bcc: x@example.net", "Ana\u0000Bcc: x@example.net"})
    void a_name_holding_a_line_break_is_refused_and_nothing_is_sent(String name) throws Exception {
        // given
        int sentBefore = server.sentMail().size();

        // when
        HttpResponse<String> response = signup(name, "mallory.header" + signups++ + "@example.org");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"givenName\"");
        assertThat(server.sentMail()).hasSize(sentBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202Egro.elpmaxe.live//:sptth nepo", "\u2066Ana\u2069", "Ana\u202B", "Ana\u202D"})
    void a_name_holding_a_text_direction_override_is_refused_and_nothing_is_sent(String name) throws Exception {
        // given
        int sentBefore = server.sentMail().size();

        // when
        HttpResponse<String> response = signup(name, "mallory.bidi" + signups++ + "@example.org");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"givenName\"", "text-direction");
        assertThat(server.sentMail()).hasSize(sentBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eve@example.org\r\nBcc: victim@example.net", "eve@example.org\nBcc:victim@example.net",
        "\"eve\r\nBcc: x\"@example.org", "eve@example.org, victim@example.net", "Eve <eve@example.org>",
"eve@example.org%0d%0aBcc:victim@example.net"})
    void an_address_that_would_add_a_recipient_or_header_is_refused_and_nothing_is_sent(String address) throws Exception {
        // given
        int sentBefore = server.sentMail().size();

        // when
        HttpResponse<String> response = signup("Evelyn", address);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"email\"");
        assertThat(server.sentMail()).hasSize(sentBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "=?utf-8?b?QmNjOiB2aWN0aW1AZXhhbXBsZS5uZXQ=?=", "=?iso-8859-1?q?Ana=0D=0ABcc:_victim@example.net?=",
        "<script>alert('name')</script>", "\"><img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">Ana</a>",
        "AnaWithAVeryLongNameWithoutAnySpaceThatKeepsGoingAndGoingPastTheLineLimitOfSeventyEightChars",
        "Ana ${siteUrl} <#if true>x</#if>", "أمينة المكتبة", "Zoë Ωmega 😀 ｗｉｄｅ", "Ana\u200F Maria", "Ana \"Quoted\" O'Brien"})
    void a_name_with_markup_encoded_words_long_lines_or_unicode_never_reaches_the_confirmation(String name)
            throws Exception {
        // given
        String address = "name.test" + signups++ + "@example.org";
        int sentBefore = server.sentMail().size();

        // when
        HttpResponse<String> response = signup(name, address);

        // then one message, to that one address, with only the headers we write
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<String> sent = server.sentMail();
        assertThat(sent).hasSize(sentBefore + 1);
        String raw = sent.get(sent.size() - 1);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName());
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(HEADERS);
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(address);
        assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(message.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(message.getSubject()).isEqualTo("Please confirm your application to the International Librarians Network");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly(
                org.iln.cli.dev.DevServer.LOCAL_MAIL_FROM);
        // RFC 5322: every line ends in CRLF (no bare CR or LF, in headers or parts) and has at most 998 characters
        for (String line : raw.split("\r\n", -1)) {
            assertThat(line).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(998);
        }

        // and neither part holds the name, in any form
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(text).contains("Hello,").doesNotContain(name.strip());
        Document document = Jsoup.parse(html);
        assertThat(document.select("script")).isEmpty();
        assertThat(document.select("img, [onerror]")).isEmpty();
        assertThat(document.select("a[href^=javascript]")).isEmpty();
        assertThat(document.text()).contains("Hello,").doesNotContain(name.strip());
        assertThat(html).doesNotContain(name.strip());
    }

    private static HttpResponse<String> signup(String name, String address) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>(HostileRequests.KNOWN_APPLICANT);
        fields.put("givenName", UsedIdentities.name(name));
        fields.put("email", UsedIdentities.email(address));
        return http.send(HttpRequest.newBuilder(URI.create(server.url("/api/signup")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HostileRequests.json(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
