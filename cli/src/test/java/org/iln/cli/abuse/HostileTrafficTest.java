package org.iln.cli.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iln.cli.abuse.HostileRequests.Attack;
import org.iln.cli.abuse.HostileRequests.RealTokens;
import org.iln.cli.dev.LocalMail;
import org.iln.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed and hostile requests through `./iln dev` over real HTTP, against every
 * {@code /api/*} route and the static file server.
 *
 * <p>{@code -Diln.fuzz.requests=N} sets how many (default 10,000); {@code -Diln.fuzz.seed=S}
 * replays a run (the seed is printed).
 */
class HostileTrafficTest {

    /** Clients sending at once. */
    private static final int CLIENTS = 4;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static AbuseServer server;
    private static RealTokens tokens;

    @BeforeAll
    static void start_a_server_and_use_real_links_once() throws Exception {
        // A limit no run reaches: the limit itself is RateLimitTest's business.
        server = AbuseServer.shared();
        tokens = realLinks();
    }

    @Test
    void hostile_requests_get_no_5xx_only_json_errors_and_store_and_send_nothing() throws Exception {
        // given
        long seed = Long.getLong("iln.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("iln.fuzz.requests", 10_000);
        System.out.println("HostileTrafficTest: " + count + " requests, seed " + seed
                + " (replay with -Diln.fuzz.seed=" + seed + ")");
        HostileRequests generator = new HostileRequests(seed, server.tokenKey(), tokens, AbuseServer.NOW.getEpochSecond());
        Map<String, Long> before = server.holdings();

        // when: the requests are drawn in order from the seed and sent by a few clients at once
        // (moto answers one request at a time, but connections, Jetty and the handler overlap)
        List<Attack> attacks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            attacks.add(generator.next());
        }
        Map<String, Map<Integer, Integer>> answers = new ConcurrentSkipListMap<>();
        Map<String, Long> nanos = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i;
                sent.add(clients.submit(() -> send(number, attacks.get(number), answers, nanos, problems)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = server.holdings();

        // then
        System.out.printf("HostileTrafficTest: %d requests in %d ms (%.0f/s), seed %d%n", count, millis,
                count * 1000.0 / Math.max(1, millis), seed);
        answers.forEach((category, statuses) -> System.out.printf("  %s: %s, %.1f ms each (%d clients at once)%n", category, statuses,
                nanos.get(category) / 1e6 / statuses.values().stream().mapToInt(Integer::intValue).sum(), CLIENTS));
        assertThat(problems).as("seed " + seed).isEmpty();
        List<LocalMail> mail = LocalMail.newestFirst(server.sentMail());
        List<String> newMail = mail.subList(0, (int) (after.get("sent mail") - before.get("sent mail"))).stream()
                .map(m -> m.subject() + " to " + m.to()).toList();
        assertThat(after).as("items by type and sent mail, seed " + seed + "; new mail: " + newMail).isEqualTo(before);
    }

    private static void send(int number, Attack attack, Map<String, Map<Integer, Integer>> answers,
                             Map<String, Long> nanos, List<String> problems) {
        long sent = System.nanoTime();
        int status;
        String problem;
        try {
            RawHttp.Response response = RawHttp.exchange("127.0.0.1", server.port(), attack.bytes(), attack.halfClose());
            status = response.status();
            problem = problemWith(attack, response);
        } catch (IOException e) {
            status = -1;
            problem = "no answer: " + e.getMessage();
        }
        int answered = status;
        answers.compute(attack.category(), (k, v) -> {
            Map<Integer, Integer> statuses = v == null ? new TreeMap<>() : v;
            statuses.merge(answered, 1, Integer::sum);
            return statuses;
        });
        nanos.merge(attack.category(), System.nanoTime() - sent, Long::sum);
        if (problem != null && problems.size() < 50) {
            problems.add("#" + number + " " + problem + " <- " + attack);
        }
    }

    /** What is wrong with this answer to this request, or null. */
    static String problemWith(Attack attack, RawHttp.Response response) {
        int status = response.status();
        String type = response.header("content-type");
        if (status >= 500) {
            return "answered " + status + ": " + abbreviate(response.text());
        }
        String body = response.text();
        if (body.contains(server.canary()) || body.contains("root:x:") || body.contains("<project")) {
            return "served a file from outside the site";
        }
        if (status >= 400 && attack.api()) {
            if (attack.htmlErrorsAllowed() && (status == 400 || status == 409 || status == 413 || status == 429)
                    && type.startsWith("text/html")) {
                return null;
            }
            if (!type.startsWith("application/json")) {
                return "answered " + status + " with " + type + ": " + abbreviate(body);
            }
            if (!attack.head() && !isJsonError(body)) {
                return "answered " + status + " without a JSON error: " + abbreviate(body);
            }
        }
        if (attack.badLink() && status < 400
                && !(status == 303 && response.header("location").equals("/link-expired.html"))) {
            return "a bad link worked: " + status + " " + response.header("location");
        }
        return null;
    }

    private static boolean isJsonError(String body) {
        try {
            JsonNode errors = Json.newMapper().readTree(body).path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return false;
            }
            for (JsonNode error : errors) {
                if (!error.path("field").isTextual() || error.path("message").asText().isBlank()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    /**
     * Uses the API as people do, so that real links exist in known states: the known applicant
     * applies twice, confirms, asks for an erasure link (and keeps it) and unsubscribes; a second
     * person applies and erases everything.
     */
    private static RealTokens realLinks() throws Exception {
        byte[] known = HostileRequests.json(HostileRequests.KNOWN_APPLICANT);
        assertThat(post("/api/signup", known).statusCode()).isEqualTo(202);
        String confirm = newestLink("/api/confirm?token=");
        assertThat(post("/api/signup", known).statusCode()).isEqualTo(202);
        assertThat(get("/api/confirm?token=" + confirm).headers().firstValue("location")).hasValue("/confirmed.html");
        String unsubscribe = newestLink("/api/unsubscribe?token=");
        assertThat(post("/api/signup", known).statusCode()).isEqualTo(202);
        String email = (String) HostileRequests.KNOWN_APPLICANT.get("email");
        assertThat(post("/api/erase", HostileRequests.json(Map.of("email", email))).statusCode()).isEqualTo(202);
        String eraseUnspent = newestLink("/api/erase?token=");
        // Today's fresh page link for the known address is taken, so hostile requests for one send nothing.
        assertThat(post("/api/me/link", HostileRequests.json(Map.of("email", email))).statusCode()).isEqualTo(202);
        assertThat(newestLink("/api/me?token=")).isNotBlank();
        assertThat(post("/api/unsubscribe?token=" + unsubscribe, new byte[0]).statusCode()).isEqualTo(200);

        Map<String, Object> other = new java.util.LinkedHashMap<>(HostileRequests.KNOWN_APPLICANT);
        other.put("givenName", UsedIdentities.name("Erasmina"));
        other.put("email", UsedIdentities.email("fuzz.erased-applicant@example.org"));
        assertThat(post("/api/signup", HostileRequests.json(other)).statusCode()).isEqualTo(202);
        String confirmOfErased = newestLink("/api/confirm?token=");
        assertThat(post("/api/erase", HostileRequests.json(Map.of("email", other.get("email")))).statusCode()).isEqualTo(202);
        String eraseSpent = newestLink("/api/erase?token=");
        assertThat(post("/api/erase?token=" + eraseSpent, new byte[0]).headers().firstValue("location"))
                .hasValue("/erased.html");

        List<String> ids = List.of(confirm, unsubscribe, eraseUnspent, eraseSpent, confirmOfErased).stream()
                .map(t -> t.substring(0, t.indexOf('.'))).toList();
        return new RealTokens(confirm, unsubscribe, eraseUnspent, eraseSpent, confirmOfErased, ids);
    }

    private static String newestLink(String prefix) {
        for (LocalMail mail : LocalMail.newestFirst(server.sentMail())) {
            for (String link : mail.links()) {
                int at = link.indexOf(prefix);
                if (at >= 0) {
                    return link.substring(at + prefix.length());
                }
            }
        }
        throw new AssertionError("no mail holds a link " + prefix);
    }

    private static HttpResponse<String> post(String path, byte[] json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
