package org.iln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.localaws.MotoServer;
import org.iln.round.PartnershipStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinators' side of a round in `./iln dev`, as the issue walks it: the night after
 * applications close the programme team gets the draft with its CSV; on the match date nothing
 * is published until the draft mail's approve link is used; the next night publishes and sends
 * the introductions.
 */
class CoordinatorJourneyTest {

    private static final String ROUND = "2027-1";
    private static final String TEAM = "team@example.org";
    private static final Clock DURING_APPLICATIONS = Clock.offset(Clock.systemUTC(), java.time.Duration.between(
            Instant.now(), LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC)));
    private static final Pattern LINK = Pattern.compile("http://[^\\s\"<>]+/api/coordinate\\?token=([A-Za-z0-9._-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private MotoServer moto;
    private DevServer server;

    @TempDir
    Path bakeDir;

    @BeforeEach
    void start() {
        moto = MotoServer.start();
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(new StringWriter()),
                LocalAws.emulatorAt(moto.endpoint(), LocalAws.LOCAL_TABLE, MotoServer.REGION), DURING_APPLICATIONS,
                DevServer.LOCAL_MAIL_FROM);
    }

    @AfterEach
    void stop() {
        server.close();
        moto.close();
    }

    @Test
    void the_draft_with_its_csv_then_nothing_published_before_the_approve_link_then_introductions() throws Exception {
        // when: the night after applications close (2026-12-14)
        HttpResponse<String> draftNight = run("nightly", "?date=2026-12-15");

        // then: the programme team's draft lists the pairs, with the CSV and the page's link
        assertThat(draftNight.statusCode()).as(draftNight.body()).isEqualTo(200);
        String draft = lastDraftTo(TEAM);
        assertThat(draft).contains("Subject: Draft matching report", "Content-Type: multipart/mixed",
                "filename=draft-2027-1-2026-12-15.csv", "pair");
        // and the dev mail viewer shows the CSV
        HttpResponse<String> viewer = get("/_dev/mail.json?to=" + TEAM);
        assertThat(viewer.body()).contains("\"filename\":\"draft-2027-1-2026-12-15.csv\"",
                "kind,partnership,participant ids,names,countries,score,pinned,reasons");

        // when: the match date's night
        run("nightly", "?date=2027-01-11");

        // then: nothing published, no introductions, a draft that says so
        PartnershipStore partnerships = new PartnershipStore(aws().clients().dynamo(), aws().table());
        assertThat(partnerships.isPublished(ROUND)).isFalse();
        assertThat(introductions()).isEmpty();
        // (quoted-printable: soft line breaks and "=" undone, as a mail client shows it)
        String waiting = lastDraftTo(TEAM).replace("=\r\n", "").replace("=3D", "=");
        assertThat(waiting).contains("nothing is published until a programme coordinator approves");

        // when: the team follows the link, sees the page and approves
        Matcher link = LINK.matcher(waiting);
        assertThat(link.find()).as("the draft mail links the coordinator page").isTrue();
        String token = link.group(1);
        HttpResponse<String> page = get("/api/coordinate?token=" + token);
        Matcher version = Pattern.compile("name=\"version\" value=\"([0-9a-f]+)\"").matcher(page.body());
        assertThat(version.find()).as(page.body()).isTrue();
        HttpResponse<String> approved = post("/api/coordinate/approve?token=" + token, "version=" + version.group(1));
        HttpResponse<String> nextNight = run("nightly", "?date=2027-01-12");

        // then: the approve answered 303 back to the page, and the next night published and introduced
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(approved.headers().firstValue("Location").orElse("")).endsWith("&done=approved");
        assertThat(nextNight.statusCode()).as(nextNight.body()).isEqualTo(200);
        assertThat(partnerships.isPublished(ROUND)).isTrue();
        assertThat(introductions()).hasSize(8);
    }

    private LocalAws aws() {
        return server.aws().orElseThrow();
    }

    private List<String> introductions() {
        return aws().sentRawMail().stream()
                .filter(raw -> raw.contains("Subject: Meet your International Librarians Network partner")).toList();
    }

    /** The newest draft report to {@code to} (the same nights also send other rounds' reports). */
    private String lastDraftTo(String to) {
        List<String> theirs = aws().sentRawMail().stream().filter(raw -> raw.contains("To: " + to))
                .filter(raw -> raw.contains("Subject: Draft matching report")).toList();
        assertThat(theirs).as("draft mail to " + to).isNotEmpty();
        return theirs.get(theirs.size() - 1);
    }

    private HttpResponse<String> run(String job, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve("/_dev/run/" + job + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
