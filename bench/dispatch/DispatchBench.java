import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iln.mail.Dispatcher;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.MimeComposer;
import org.iln.mail.Outbox;
import org.iln.mail.OutboxMessage;
import org.iln.mail.SendRate;
import org.iln.mail.Suppressions;
import org.iln.store.ApplicationStore;
import org.iln.store.IlnTable;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Dispatch benchmark: queues N programme messages (match introductions) in the outbox on
 * moto_server, dispatches them, and prints messages per second and the duplicate count (read
 * back from moto's sent mail). Run twice: unthrottled on the real clock, and at 14 per second on
 * a simulated clock (its sleeper moves the clock instead of sleeping).
 *
 * <p>Usage: java -cp iln-functions-api.jar:. DispatchBench ENDPOINT N
 */
public final class DispatchBench {

    private static final String TABLE = "iln-bench";
    private static final Pattern TO = Pattern.compile("(?m)^To: (\\S+)\\r?$");

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1).credentialsProvider(credentials).endpointOverride(endpoint).build();
        SesV2Client ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1).credentialsProvider(credentials).endpointOverride(endpoint).build();
        System.out.printf("dispatch benchmark: %,d programme messages per run, moto at %s, java %s, %d cores%n",
                n, endpoint, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        run("unthrottled (real clock)", endpoint, dynamo, ses, n, 0);
        run("14 per second (simulated clock)", endpoint, dynamo, ses, n, 14);
    }

    private static void run(String label, URI endpoint, DynamoDbClient dynamo, SesV2Client ses, int n, double rate)
            throws Exception {
        post(endpoint.resolve("/moto-api/reset"));
        IlnTable.create(dynamo, TABLE);
        ses.createEmailIdentity(b -> b.emailIdentity("iln.example.org"));
        MovableClock clock = new MovableClock(Instant.parse("2026-02-23T08:00:00Z"));
        boolean simulated = rate > 0;
        Clock used = simulated ? clock : Clock.systemUTC();
        MailStore store = new MailStore(dynamo, TABLE);
        Outbox outbox = new Outbox(store, used);

        long queueStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = String.format("p-%06d", i);
            Map<String, Object> partner = new HashMap<>();
            partner.put("givenName", "Partner");
            partner.put("familyName", id);
            partner.put("country", "Nigeria");
            partner.put("role", "Systems librarian");
            partner.put("sector", "Academic library");
            partner.put("interests", List.of("open access", "leadership"));
            partner.put("email", "partner-" + id + "@example.org");
            outbox.enqueue(OutboxMessage.programme("introduction", "2026-1", "pair-" + i, id, "match-introduction",
                    id + "@example.org", "hash-" + id,
                    Map.of("givenName", "Name " + id, "roundTitle", "Round 1, 2026", "roundEnds", "2026-06-22",
                            "partners", List.of(partner), "reasons", List.of("You share two interests")),
                    List.of("team@iln.example.org")));
        }
        double queueSeconds = (System.nanoTime() - queueStart) / 1e9;
        System.out.printf("%s: queued %,d in %.1f s; dispatching...%n", label, n, queueSeconds);

        SendRate sendRate = simulated
                ? new SendRate(rate, clock, clock::advance)
                : new SendRate(1_000_000, used, SendRate.Sleeper.THREAD);
        Dispatcher dispatcher = new Dispatcher(ses, store, new Suppressions(dynamo, TABLE),
                new ApplicationStore(dynamo, TABLE), new MailRenderer(),
                new MimeComposer("International Librarians Network <noreply@iln.example.org>"),
                new SignedLinks("a-benchmark-key-for-signing-links-0123456789".getBytes(), new TokenStore(dynamo, TABLE)),
                URI.create("https://iln.example.org"), sendRate, used);
        Instant simulatedStart = clock.instant();
        long start = System.nanoTime();
        int sent = 0;
        Dispatcher.Report report;
        do {
            report = dispatcher.dispatch(() -> Duration.ofMinutes(15));
            sent += report.sent();
        } while (report.stoppedBecause().isPresent());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: dispatched in %.1f s; reading sent mail back from moto...%n", label, seconds);

        String data = get(endpoint.resolve("/moto-api/data.json"));
        Map<String, Integer> perRecipient = new HashMap<>();
        Matcher m = TO.matcher(data.replace("\\r\\n", "\n").replace("\\n", "\n"));
        int accepted = 0;
        while (m.find()) {
            accepted++;
            perRecipient.merge(m.group(1), 1, Integer::sum);
        }
        int duplicates = accepted - perRecipient.size();
        System.out.printf("%n%s%n", label);
        System.out.printf("  queued   %,d in %.1f s (%.0f/s)%n", n, queueSeconds, n / queueSeconds);
        System.out.printf("  sent     %,d (failed %d, skipped %d); SES accepted %,d for %,d recipients%n", sent,
                report.failed(), report.skipped(), accepted, perRecipient.size());
        System.out.printf("  wall     %.1f s = %.0f messages/s%n", seconds, sent / seconds);
        if (simulated) {
            double simSeconds = Duration.between(simulatedStart, clock.instant()).toNanos() / 1e9;
            System.out.printf("  simulated clock %.1f s = %.2f messages/s (limit %.0f)%n", simSeconds,
                    sent / simSeconds, rate);
        }
        System.out.printf("  duplicates %d%n", duplicates);
        if (duplicates != 0 || accepted != n) {
            System.out.println("  FAILED: expected each of " + n + " messages exactly once");
            System.exit(1);
        }
    }

    private static void post(URI uri) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(15)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A clock the rate limiter's sleeper moves forward instead of sleeping. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
