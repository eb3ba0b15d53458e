import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Suppressions;
import org.iln.programme.ProgrammeSource;
import org.iln.round.MatchingNight;
import org.iln.round.PartnershipStore;
import org.iln.store.AddressHasher;
import org.iln.store.IlnTable;
import org.iln.store.ApplicationStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishing benchmark: N confirmed applicants of round 2026-1 (the functions' test programme)
 * stored in moto_server, then the real matching night on its match date, which matches them,
 * freezes the plan, writes N/2 partnerships and queues N introductions. Run twice on a fresh
 * emulator: one partnership at a time (the anchor: how publishing wrote before) and
 * {@link MatchingNight#PUBLISH_WRITERS} at once. For each, prints the wall time, the DynamoDB calls
 * by operation with the time spent waiting for the emulator's answers, and the time left to our
 * own code (matching, letters, JSON).
 *
 * <p>Usage: java -cp iln-functions-matching.jar:. PublishBench ENDPOINT N PROGRAMME.json
 */
public final class PublishBench {

    private static final String TABLE = "iln-bench";
    private static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        Path programme = Path.of(args[2]);
        System.out.printf("publish benchmark: %,d confirmed applicants, moto at %s, java %s, %d cores, load %s%n",
                n, endpoint, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        for (int writers : new int[] {1, MatchingNight.PUBLISH_WRITERS}) {
            run(endpoint, n, programme, writers);
        }
    }

    private static void run(URI endpoint, int n, Path programme, int writers) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        Timing timing = new Timing();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        // moto answers the round's index query slowly on a loaded machine (more than
                        // the default 30 s at 2,000 people with a load average of 20): wait, and say so.
                        .socketTimeout(java.time.Duration.ofMinutes(10)).build())
                .region(Region.EU_WEST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(timing))
                .build();
        IlnTable.create(dynamo, TABLE);
        AddressHasher hasher = new AddressHasher(new byte[32]);
        seed(dynamo, hasher, n);
        timing.reset();

        Clock clock = Clock.fixed(MATCH_NIGHT, ZoneOffset.UTC);
        MatchingNight night = new MatchingNight(new ApplicationStore(dynamo, TABLE), new Suppressions(dynamo, TABLE),
                new PartnershipStore(dynamo, TABLE), new Outbox(new MailStore(dynamo, TABLE), clock),
                hasher, ProgrammeSource.of(programme.toString(), clock), clock, writers,
                // Published on the match date without a coordinator's approval, as ILN_AUTO_PUBLISH_DAYS=0 does:
                // the bench measures publishing, not the review before it.
                new MatchingNight.ApprovalPolicy(java.util.Optional.of(0)));
        long start = System.nanoTime();
        MatchingNight.Summary summary = night.run();
        double wall = (System.nanoTime() - start) / 1e9;
        double inEmulator = timing.totalNanos() / 1e9;
        System.out.printf("%n%d writer%s: %s%n  wall %.1f s; %.1f partnerships/s%n", writers, writers == 1 ? "" : "s",
                summary, wall, summary.published() / wall);
        System.out.printf("  waiting for DynamoDB answers: %.1f s summed over threads (%.0f%% of wall with one writer)%n",
                inEmulator, 100 * inEmulator / wall);
        timing.byOperation().forEach((op, stats) -> System.out.printf("    %-20s %,7d calls, %7.1f ms each%n", op,
                stats[0].get(), stats[1].get() / 1e6 / Math.max(1, stats[0].get())));
    }

    private static void seed(DynamoDbClient dynamo, AddressHasher hasher, int n) {
        List<String> countries = List.of("AU", "DE", "IN", "KE", "MX", "GB", "BR", "JP");
        List<String> sectors = List.of("academic", "public", "school", "special");
        List<String> stages = List.of("early", "mid", "senior");
        List<String> interests = List.of("digital", "open-access", "leadership", "advocacy", "research-data");
        for (int i = 0; i < n; i++) {
            String id = String.format("p-%05d", i);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("ROUND#2026-1"));
            item.put("sk", s("APP#" + id));
            item.put("itemType", s("APPLICATION"));
            item.put("addressHash", s(hasher.address(id + "@example.org")));
            item.put("round", s("2026-1"));
            item.put("participantId", s(id));
            item.put("status", s("CONFIRMED"));
            item.put("createdAt", s("2026-01-20T10:00:00Z"));
            item.put("confirmedAt", s("2026-01-20T10:05:00Z"));
            item.put("confirmedRound", s("2026-1"));
            item.put("confirmedOrder", s("2026-01-20T10:05:00.000000Z#" + id));
            item.put("givenName", s("Name" + i));
            item.put("familyName", s("Family"));
            item.put("email", s(id + "@example.org"));
            item.put("country", s(countries.get(i % countries.size())));
            item.put("timezone", s("UTC"));
            item.put("languages", AttributeValue.fromL(List.of(s("en"))));
            item.put("sector", s(sectors.get(i % sectors.size())));
            item.put("role", s("Librarian"));
            item.put("careerStage", s(stages.get(i % stages.size())));
            item.put("interests", AttributeValue.fromL(List.of(s(interests.get(i % 5)), s(interests.get((i / 5) % 5)))));
            item.put("preferSector", s("any"));
            item.put("preferCareerStage", s("any"));
            item.put("preferRegions", AttributeValue.fromL(List.of()));
            item.put("excludeCountries", AttributeValue.fromL(List.of()));
            item.put("openToAny", AttributeValue.fromBool(true));
            item.put("maxPartners", AttributeValue.fromN("1"));
            item.put("heardFrom", s("colleague"));
            // One PutItem each: the Lambda jar is shrunk to the classes the functions use, and
            // BatchWriteItem is not one of them.
            dynamo.putItem(b -> b.tableName(TABLE).item(item));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Time from the request's last byte out to its answer in, per operation, summed over threads. */
    private static final class Timing implements ExecutionInterceptor {
        private final Map<String, AtomicLong[]> stats = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            long took = System.nanoTime() - attributes.getAttribute(STARTED);
            String operation = context.request().getClass().getSimpleName().replace("Request", "");
            AtomicLong[] s = stats.computeIfAbsent(operation, k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
            s[0].incrementAndGet();
            s[1].addAndGet(took);
        }

        void reset() {
            stats.clear();
        }

        long totalNanos() {
            return stats.values().stream().mapToLong(s -> s[1].get()).sum();
        }

        Map<String, AtomicLong[]> byOperation() {
            return new java.util.TreeMap<>(stats);
        }
    }
}
