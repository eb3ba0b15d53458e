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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.iln.cli.dev.DevServer;
import org.iln.cli.dev.LocalAws;
import org.iln.localaws.MotoServer;
import org.iln.round.PartnershipStore;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./iln dev --aws-endpoint URL` stopped and started again on an emulator that outlives it: the
 * demo people are seeded once and keep their state, nobody is paired twice, and the programme
 * clock is where `./iln run --date` left it.
 */
class DevRestartTest {

    private static final String ROUND = "2027-1";
    /**
     * A ticking clock on a day when site/data/rounds.yml has round 2027-1 open for applications
     * (dispatch paces its sends by the clock, so a fixed one would never let it send).
     */
    private static final Clock DURING_APPLICATIONS = Clock.offset(Clock.systemUTC(), java.time.Duration.between(
            Instant.now(), LocalDate.of(2026, 11, 30).atTime(10, 0).toInstant(ZoneOffset.UTC)));

    /** A ticking clock on a day when no round in site/data/rounds.yml takes applications. */
    private static final Clock BETWEEN_ROUNDS = Clock.offset(Clock.systemUTC(), java.time.Duration.between(
            Instant.now(), LocalDate.of(2026, 12, 20).atTime(10, 0).toInstant(ZoneOffset.UTC)));

    private final HttpClient http = HttpClient.newHttpClient();
    private MotoServer moto;
    private DevServer server;
    private StringWriter log;

    @TempDir
    Path bakeDir;

    @BeforeEach
    void emulator() {
        moto = MotoServer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        moto.close();
    }

    @Test
    void restarting_twice_around_matching_seeds_the_demo_people_once_and_pairs_nobody_twice() throws Exception {
        // given: a first run seeds the demo people; a restart before matching
        start();
        Map<String, Application> seeded = applications();
        restart();
        String secondSeeding = log.toString();

        // when: matching, then a restart and matching again
        HttpResponse<String> first = run("matching", "");
        restart();
        HttpResponse<String> again = run("matching", "");

        // then: the eight demo people, seeded once, each in exactly one active partnership
        assertThat(seeded).hasSize(8);
        assertThat(secondSeeding).contains("Demo: 0 fictional participants confirmed");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        Map<String, Application> now = applications();
        assertThat(now.keySet()).isEqualTo(seeded.keySet());
        assertThat(now.values()).extracting(Application::status).containsOnly(Application.Status.MATCHED);
        List<PartnershipStore.Pair> pairs = new PartnershipStore(aws().clients().dynamo(), aws().table()).pairs(ROUND);
        assertThat(pairs).hasSize(4).allSatisfy(p -> assertThat(p.status()).isEqualTo(PartnershipStore.PairStatus.ACTIVE));
        assertThat(pairs.stream().flatMap(p -> p.members().stream())).doesNotHaveDuplicates().hasSize(8);
        // and each got one introduction, and no "new partner" mail
        Map<String, Long> introductions = aws().sentRawMail().stream()
                .filter(raw -> raw.contains("Subject: Meet your International Librarians Network partner"))
                .collect(Collectors.groupingBy(DevRestartTest::recipient, Collectors.counting()));
        assertThat(introductions).hasSize(8).allSatisfy((to, n) -> assertThat(n).isOne());
        assertThat(aws().sentRawMail()).noneMatch(raw -> raw.contains("new International Librarians Network partner"));
    }

    @Test
    void the_programme_clock_survives_a_restart_and_never_goes_back() throws Exception {
        // given: the site baked on a day round 2027-1 takes applications
        start();
        String during = page("/index.html");

        // when
        HttpResponse<String> nightly = run("nightly", "?date=2027-01-12");
        String matched = page("/index.html");
        restart();
        HttpResponse<String> backwards = run("dispatch", "?date=2027-01-11");
        HttpResponse<String> sameNight = run("dispatch", "?date=2027-01-12");
        HttpResponse<String> notADate = run("dispatch", "?date=12/01/2027");

        // then
        assertThat(nightly.statusCode()).as(nightly.body()).isEqualTo(200);
        assertThat(nightly.body()).startsWith("ran nightly as the night of 2027-01-12")
                .contains("programme clock moved from 2026-11-30 to 2027-01-12");
        assertThat(log.toString()).contains("Programme clock: today is 2027-01-12");
        // and the site agrees with the API: baked by the programme clock, after the night and after the restart
        assertThat(during).contains("status-open");
        assertThat(matched).contains("status-running").doesNotContain("status-open");
        assertThat(page("/index.html")).contains("status-running");
        assertThat(backwards.statusCode()).isEqualTo(409);
        assertThat(backwards.body()).contains("before the programme's today, 2027-01-12", "only moves forward");
        assertThat(sameNight.statusCode()).isEqualTo(200);
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(notADate.body()).contains("--date", "YYYY-MM-DD");
        // and the night's jobs ran in production's order, matching drafting on the match date it passed:
        // with a date nobody approves for you, so nothing is published before the draft's approve link is used
        // (CoordinatorJourneyTest follows that link)
        PartnershipStore partnerships = new PartnershipStore(aws().clients().dynamo(), aws().table());
        assertThat(partnerships.isPublished(ROUND)).isFalse();
        assertThat(partnerships.draft(ROUND)).isPresent();
        assertThat(server.jobs().names()).containsExactly("country-cap", "matching", "round-care", "round-end", "figures", "dispatch", "nightly");
    }

    @Test
    void a_first_start_when_no_round_takes_applications_starts_the_programme_on_the_next_opening() throws Exception {
        // given: a day between rounds (2027-1 closed on 2026-12-14, 2027-2 opens on 2027-05-31)
        start(BETWEEN_ROUNDS);
        String firstLog = log.toString();
        String home = page("/index.html");

        // when: it starts again on that emulator, after the clock was moved on
        HttpResponse<String> later = run("dispatch", "?date=2027-06-10");
        restart(BETWEEN_ROUNDS);

        // then: the demo people wait in 2027-2, the site says applications are open, and a restart keeps the day
        assertThat(firstLog).contains("no round takes applications on 2026-12-20, so it starts on 2027-05-31",
                "Programme clock: today is 2027-05-31", "Demo: 8 fictional participants confirmed in Round 2, 2027");
        assertThat(home).contains("status-open");
        assertThat(new ApplicationStore(aws().clients().dynamo(), aws().table()).confirmedInRound("2027-2")).hasSize(8);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(log.toString()).contains("Programme clock: today is 2027-06-10").doesNotContain("so it starts on");
    }

    private void start() {
        start(DURING_APPLICATIONS);
    }

    private void start(Clock clock) {
        log = new StringWriter();
        Path siteDir = Checkout.find(null, Path.of("")).orElseThrow().siteDir();
        server = DevServer.start(siteDir, bakeDir, 0, new PrintWriter(log),
                LocalAws.emulatorAt(moto.endpoint(), LocalAws.LOCAL_TABLE, MotoServer.REGION), clock,
                DevServer.LOCAL_MAIL_FROM);
    }

    private void restart() {
        restart(DURING_APPLICATIONS);
    }

    private void restart(Clock clock) {
        server.close();
        server = null;
        start(clock);
    }

    private LocalAws aws() {
        return server.aws().orElseThrow();
    }

    private Map<String, Application> applications() {
        return new ApplicationStore(aws().clients().dynamo(), aws().table()).confirmedInRound(ROUND).stream()
                .collect(Collectors.toMap(Application::participantId, Function.identity()));
    }

    private HttpResponse<String> run(String job, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve("/_dev/run/" + job + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String recipient(String raw) {
        return raw.lines().filter(l -> l.startsWith("To: ")).findFirst().orElse("");
    }
}
