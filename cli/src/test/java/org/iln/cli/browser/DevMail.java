package org.iln.cli.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iln.cli.dev.DevServer;
import org.iln.json.Json;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The dev server's mail viewer ({@code /_dev/mail.json}) as a browser test reads it: the newest
 * mail to an address (or to anyone) with a subject, and the links in it.
 */
record DevMail(String serverUrl) {

    /** Mail is queued and sent by the server after the page answers, so a test waits for it this long. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The mail viewer of the class's {@link RunningProgramme}. */
    static DevMail ofRunningProgramme() {
        return of(RunningProgramme.server());
    }

    static DevMail of(DevServer server) {
        return new DevMail(server.url());
    }

    /**
     * Waits for the first link holding {@code part} in the newest mail (to {@code to}, or anyone when
     * null) whose subject has {@code subject}; fails when none arrives.
     */
    String link(String to, String subject, String part) {
        return new FluentWait<>(this).withTimeout(WAIT).pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "a mail" + (to == null ? "" : " to " + to) + " about \"" + subject
                        + "\" with a link to *" + part + "*")
                .until(viewer -> viewer.newest(to, subject).flatMap(m -> linkIn(m, part)).orElse(null));
    }

    /** The newest mail (to {@code to}, or anyone when null) whose subject has {@code subject}, if there is one now. */
    Optional<JsonNode> newest(String to, String subject) {
        JsonNode newest = null;
        for (JsonNode m : messages(to)) {
            if ((to == null || m.path("to").asText().contains(to)) && m.path("subject").asText().contains(subject)
                    && (newest == null || m.path("number").asInt() > newest.path("number").asInt())) {
                newest = m;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Every mail to {@code to} on the viewer's first page, newest first (a test asserts nothing more arrived). */
    List<JsonNode> to(String to) {
        return messages(to).stream().filter(m -> m.path("to").asText().contains(to))
                .sorted((a, b) -> Integer.compare(b.path("number").asInt(), a.path("number").asInt())).toList();
    }

    /** Waits for a mail whose subject has {@code subject} and whose viewer entry holds {@code text} anywhere. */
    JsonNode awaitContaining(String subject, String text) {
        return new FluentWait<>(this).withTimeout(WAIT).pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "a mail about \"" + subject + "\" holding \"" + text + "\"")
                .until(viewer -> viewer.messages(null).stream()
                        .filter(m -> m.path("subject").asText().contains(subject) && m.toString().contains(text))
                        .findFirst().orElse(null));
    }

    private static Optional<String> linkIn(JsonNode mail, String part) {
        for (JsonNode link : mail.path("links")) {
            if (link.asText().contains(part)) {
                return Optional.of(link.asText());
            }
        }
        return Optional.empty();
    }

    /** The messages on the viewer's first page (only those to {@code to} when it is not null). */
    private List<JsonNode> messages(String to) {
        String query = to == null ? "" : "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(serverUrl + "_dev/mail.json" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> all = new ArrayList<>();
            Json.newMapper().readTree(response.body()).path("messages").forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new AssertionError("the mail viewer did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
