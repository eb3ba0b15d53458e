package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.iln.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that never become a valid HTTP request to the API (a body cut off, an unknown method,
 * framing Jetty refuses) still get the API's JSON error from `./iln dev`, never a 5xx or an HTML page.
 */
class BrokenRequestsTest {

    private static AbuseServer server;

    @BeforeAll
    static void start() {
        server = AbuseServer.shared();
    }

    @Test
    void a_body_cut_off_before_its_content_length_gets_a_400_json_error() throws Exception {
        // when the client announces 100 bytes, sends 10 and stops
        RawHttp.Response response = send("POST /api/signup HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":", true);

        // then
        assertJsonError(response, 400, "body");
    }

    @Test
    void broken_chunked_encoding_gets_a_400_json_error() throws Exception {
        // when
        RawHttp.Response response = send("POST /api/erase HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", false);

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/json");
    }

    @Test
    void unknown_and_rare_methods_get_a_405_json_error() throws Exception {
        for (String method : new String[] {"TRACE", "PROPFIND", "FOO"}) {
            // when
            RawHttp.Response response = send(method + " /api/signup HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    false);

            // then
            assertJsonError(response, 405, "request");
            assertThat(response.header("allow")).isEqualTo("POST");
        }
    }

    @Test
    void a_request_jetty_cannot_parse_gets_a_json_error_not_an_html_page() throws Exception {
        // when the headers are larger than the server reads
        RawHttp.Response response = send("GET /api/confirm?token=x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "X-Filler: " + "y".repeat(20_000) + "\r\n\r\n", false);

        // then
        assertJsonError(response, 431, "request");
    }

    private static void assertJsonError(RawHttp.Response response, int status, String field) throws Exception {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(Json.newMapper().readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private static RawHttp.Response send(String request, boolean stopSending) throws Exception {
        return RawHttp.exchange("127.0.0.1", server.port(), request.getBytes(StandardCharsets.ISO_8859_1), stopSending);
    }
}
