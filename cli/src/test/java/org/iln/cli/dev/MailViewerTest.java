package org.iln.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.iln.cli.Checkout;
import org.iln.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/** The dev mail viewer over a real moto holding 120 messages sent through the SESv2 client. */
class MailViewerTest {

    private static final int SENT = 120;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static DevServer server;

    @BeforeAll
    static void start(@TempDir Path bakeDir) {
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        Clock clock = Clock.fixed(LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        StringWriter log = new StringWriter();
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(log), LocalAws.startMoto(new PrintWriter(log)),
                clock, DevServer.LOCAL_MAIL_FROM);
        var ses = server.aws().orElseThrow().clients().ses();
        for (int n = 1; n <= SENT; n++) {
            String raw = "From: International Librarians Network <noreply@" + LocalAws.LOCAL_SENDER_DOMAIN + ">\r\n"
                    + "To: Reader " + n + " <reader-" + n + "@example.org>\r\n"
                    + "Subject: Message " + n + "\r\n"
                    + "Message-ID: <message-" + n + "@" + LocalAws.LOCAL_SENDER_DOMAIN + ">\r\n"
                    + "Content-Language: pt\r\n"
                    + "List-Unsubscribe: <http://localhost/api/unsubscribe?token=t" + n + ">\r\n"
                    + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                    + "Hello reader " + n + ": http://localhost/api/confirm?token=c" + n + "\r\n";
            ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromUtf8String(raw)))));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.newMapper().readTree(response.body());
    }

    private static List<Integer> numbers(JsonNode page) {
        List<Integer> numbers = new ArrayList<>();
        page.path("messages").forEach(m -> numbers.add(m.path("number").asInt()));
        return numbers;
    }

    @Test
    void the_json_lists_fifty_messages_a_page_newest_first_and_links_each_page_to_the_next() throws Exception {
        // when
        JsonNode first = json("/_dev/mail.json");
        JsonNode second = json(first.path("next").asText());
        JsonNode last = json(second.path("next").asText());

        // then
        assertThat(first.path("total").asInt()).isEqualTo(SENT);
        assertThat(first.path("pages").asInt()).isEqualTo(3);
        assertThat(first.path("previous").isNull()).isTrue();
        assertThat(first.path("next").asText()).isEqualTo("/_dev/mail.json?page=2");
        assertThat(numbers(first)).hasSize(50).startsWith(120, 119).endsWith(71);
        assertThat(numbers(second)).hasSize(50).startsWith(70).endsWith(21);
        assertThat(second.path("previous").asText()).isEqualTo("/_dev/mail.json?page=1");
        assertThat(numbers(last)).hasSize(20).startsWith(20).endsWith(1);
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(first.path("messages").get(0).path("subject").asText()).isEqualTo("Message 120");
    }

    @Test
    void each_message_shows_its_raw_headers_in_the_json_and_on_the_page() throws Exception {
        // when
        JsonNode newest = json("/_dev/mail.json?size=1").path("messages").get(0);
        String page = get("/_dev/mail").body();

        // then
        assertThat(newest.path("headers").path("List-Unsubscribe").get(0).asText())
                .isEqualTo("<http://localhost/api/unsubscribe?token=t120>");
        assertThat(newest.path("headers").path("List-Unsubscribe-Post").get(0).asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(newest.path("headers").path("Content-Language").get(0).asText()).isEqualTo("pt");
        assertThat(newest.path("headers").path("Message-ID").get(0).asText())
                .isEqualTo("<message-120@" + LocalAws.LOCAL_SENDER_DOMAIN + ">");
        assertThat(newest.path("rawHeaders").asText()).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        assertThat(page).contains("<details class=\"headers\"><summary>Headers</summary><pre>",
                "List-Unsubscribe: &lt;http://localhost/api/unsubscribe?token=t120&gt;",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Content-Language: pt",
                "Message-ID: &lt;message-120@" + LocalAws.LOCAL_SENDER_DOMAIN + "&gt;");
    }

    @Test
    void the_page_links_to_older_and_newer_mail_with_plain_links_that_need_no_javascript() throws Exception {
        // when
        String first = get("/_dev/mail").body();
        String second = get("/_dev/mail?page=2").body();

        // then
        assertThat(first.split("<article class=\"mail\"", -1)).hasSize(51);
        assertThat(first).contains("Messages 1–50 of 120, newest first.", "id=\"mail-120\"", "id=\"mail-71\"")
                .doesNotContain("id=\"mail-70\"", "rel=\"prev\"")
                .contains("<a rel=\"next\" href=\"/_dev/mail?page=2\">Older</a>", "Page 1 of 3");
        assertThat(second).contains("<a rel=\"prev\" href=\"/_dev/mail?page=1\">Newer</a>",
                "<a rel=\"next\" href=\"/_dev/mail?page=3\">Older</a>", "id=\"mail-70\"", "id=\"mail-21\"");
    }

    @Test
    void a_recipient_filter_keeps_only_their_mail_and_the_page_links_keep_the_filter() throws Exception {
        // when
        JsonNode one = json("/_dev/mail.json?to=reader-7@");
        JsonNode some = json("/_dev/mail.json?to=READER-1&size=5");
        String page = get("/_dev/mail?to=reader-1").body();

        // then
        assertThat(numbers(one)).containsExactly(7);
        assertThat(one.path("total").asInt()).isEqualTo(1);
        // reader-1, reader-10 to 19 and reader-100 to 120
        assertThat(some.path("total").asInt()).isEqualTo(32);
        assertThat(numbers(some)).containsExactly(120, 119, 118, 117, 116);
        assertThat(some.path("next").asText()).isEqualTo("/_dev/mail.json?page=2&size=5&to=READER-1");
        assertThat(page).contains("value=\"reader-1\"", "Messages 1–32 of 32").doesNotContain("rel=\"next\"");
    }

    @Test
    void a_page_that_is_not_a_whole_number_from_one_is_refused_naming_the_parameter() throws Exception {
        // when
        HttpResponse<String> zero = get("/_dev/mail.json?page=0");
        HttpResponse<String> word = get("/_dev/mail?page=two");
        HttpResponse<String> huge = get("/_dev/mail.json?size=5000");

        // then
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("\"field\":\"page\"");
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(word.body()).contains("page must be a whole number from 1");
        assertThat(huge.statusCode()).isEqualTo(400);
    }

    @Test
    void a_page_past_the_last_is_empty_and_links_back() throws Exception {
        // when
        JsonNode beyond = json("/_dev/mail.json?page=9");

        // then
        assertThat(numbers(beyond)).isEmpty();
        assertThat(beyond.path("total").asInt()).isEqualTo(SENT);
        assertThat(beyond.path("previous").asText()).isEqualTo("/_dev/mail.json?page=3");
        assertThat(beyond.path("next").isNull()).isTrue();
    }
}
