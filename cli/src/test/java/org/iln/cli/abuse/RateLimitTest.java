package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iln.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-client limit on POSTs, through `./iln dev`: each test is one client on its own loopback
 * address (127.0.0.x), so they share a server without sharing a limit.
 */
class RateLimitTest {

    private static final int LIMIT = 5;
    private static AbuseServer server;

    @BeforeAll
    static void start() {
        server = AbuseServer.start(LIMIT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_request_after_the_limit_gets_429_with_retry_after_and_a_json_error_while_other_clients_go_on()
            throws Exception {
        // given a client that used up its limit
        for (int i = 0; i < LIMIT; i++) {
            assertThat(signup("127.0.0.2", "").status()).isEqualTo(400);
        }

        // when
        RawHttp.Response over = signup("127.0.0.2", "");
        RawHttp.Response otherClient = signup("127.0.0.3", "");

        // then
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.header("retry-after")).isEqualTo("600");
        assertThat(over.header("content-type")).startsWith("application/json");
        assertThat(Json.newMapper().readTree(over.body()).path("errors").get(0).path("field").asText()).isEqualTo("request");
        assertThat(otherClient.status()).isEqualTo(400);
    }

    @Test
    void a_parallel_burst_from_one_client_gets_exactly_the_limit_through() throws Exception {
        // when twenty requests arrive at once
        ExecutorService burst = Executors.newFixedThreadPool(10);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(burst.submit(() -> signup("127.0.0.4", "")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<RawHttp.Response> answer : answers) {
                statuses.add(answer.get().status());
            }

            // then
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(20 - LIMIT);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(LIMIT);
        } finally {
            burst.shutdownNow();
        }
    }

    @Test
    void signup_and_erase_requests_share_one_limit() throws Exception {
        // given
        for (int i = 0; i < LIMIT; i++) {
            assertThat(post("127.0.0.5", i % 2 == 0 ? "/api/signup" : "/api/erase", "{}", "").status()).isEqualTo(400);
        }

        // when
        RawHttp.Response erase = post("127.0.0.5", "/api/erase", "{}", "");

        // then
        assertThat(erase.status()).isEqualTo(429);
    }

    @Test
    void a_client_cannot_escape_the_limit_by_claiming_another_viewer_address() throws Exception {
        // given a client that names a new address in every request, as only CloudFront may
        for (int i = 0; i < LIMIT; i++) {
            signup("127.0.0.6", "CloudFront-Viewer-Address: 203.0.113." + i + ":4431\r\n");
        }

        // when
        RawHttp.Response over = signup("127.0.0.6", "CloudFront-Viewer-Address: 198.51.100.77:4431\r\n");

        // then
        assertThat(over.status()).isEqualTo(429);
    }

    /** A signup that is refused (400: no fields), so a burst stores and sends nothing. */
    private static RawHttp.Response signup(String from, String extraHeaders) throws Exception {
        return post(from, "/api/signup", "{}", extraHeaders);
    }

    private static RawHttp.Response post(String from, String path, String json, String extraHeaders) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" + extraHeaders + "\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        return RawHttp.exchange(from, server.port(), request, false);
    }
}
