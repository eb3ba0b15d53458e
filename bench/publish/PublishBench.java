import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Suppressions;
import org.iln.matching.MatchResult;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.round.MatchingNight;
import org.iln.round.PartnershipStore;
import org.iln.store.AddressHasher;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import org.iln.store.IlnTable;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Publishing benchmark, in two steps that run.sh calls in separate JVMs (so that the night can run
 * from another build's jar, the peer, on the same seeded round):
 * <ul>
 *   <li>{@code seed ENDPOINT N PROGRAMME.json [frozen-plan]}: empties the emulator and stores N
 *       confirmed applicants of round 2026-1 (the functions' test programme), each the item
 *       {@code ApplicationStore} writes, 100 to a request; with {@code frozen-plan}, also a frozen
 *       publishing plan, so that the night publishes without matching;</li>
 *   <li>{@code night ENDPOINT N PROGRAMME.json WRITERS LABEL EMULATOR_PID}: the real matching night on
 *       the match date, which matches them, freezes the plan, writes N/2 partnerships and queues N
 *       introductions, {@code WRITERS} partnerships at once. Prints the wall time, partnerships
 *       per second, the DynamoDB calls by operation with the time spent waiting for the
 *       emulator's answers, the CPU time of this JVM and of the emulator, and the load.</li>
 * </ul>
 *
 * <p>Usage: bench/publish/run.sh [N]
 */
public final class PublishBench {

    private static final String TABLE = "iln-bench";
    private static final String ROUND = "2026-1";
    private static final Instant MATCH_NIGHT = Instant.parse("2026-02-23T02:00:00Z");
    private static final Duration LAMBDA_RUN = Duration.ofMinutes(15);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[1]);
        int n = Integer.parseInt(args[2]);
        Path programme = Path.of(args[3]);
        Timing timing = new Timing();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        // moto answers the round's index query slowly on a loaded machine (more than
                        // the default 30 s at 2,000 people with a load average of 20): wait, and say so.
                        .socketTimeout(Duration.ofMinutes(10)).build())
                .region(Region.EU_WEST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(timing))
                .build();
        Clock clock = Clock.fixed(MATCH_NIGHT, ZoneOffset.UTC);
        if (args[0].equals("seed")) {
            seed(endpoint, dynamo, ProgrammeSource.of(programme.toString(), clock).get(), n);
            if (args.length > 4 && args[4].equals("frozen-plan")) {
                freezePlan(dynamo, n);
            }
        } else {
            night(dynamo, timing, programme, clock, Integer.parseInt(args[4]), args[5], Long.parseLong(args[6]));
        }
    }

    private static void night(DynamoDbClient dynamo, Timing timing, Path programme, Clock clock, int writers,
                              String label, long emulatorPid) throws Exception {
        AddressHasher hasher = new AddressHasher(new byte[32]);
        MatchingNight night = new MatchingNight(new ApplicationStore(dynamo, TABLE), new Suppressions(dynamo, TABLE),
                new PartnershipStore(dynamo, TABLE), new Outbox(new MailStore(dynamo, TABLE), clock),
                hasher, ProgrammeSource.of(programme.toString(), clock), clock, writers,
                // Published on the match date without a coordinator's approval, as ILN_AUTO_PUBLISH_DAYS=0 does:
                // the bench measures publishing, not the review before it.
                new MatchingNight.ApprovalPolicy(Optional.of(0)));
        String loadBefore = load();
        double emulatorCpuBefore = cpuSeconds(emulatorPid);
        double ourCpuBefore = ourCpuSeconds();
        long start = System.nanoTime();
        MatchingNight.Summary summary = night.run();
        double wall = (System.nanoTime() - start) / 1e9;
        double ourCpu = ourCpuSeconds() - ourCpuBefore;
        double emulatorCpu = cpuSeconds(emulatorPid) - emulatorCpuBefore;
        double inEmulator = timing.totalNanos() / 1e9;
        // A Lambda run publishes until PUBLISH_STOP_MARGIN is left of its 15 minutes.
        double perRun = LAMBDA_RUN.minus(MatchingNight.PUBLISH_STOP_MARGIN).toSeconds();
        System.out.printf("%n%s, %d writer%s: %s%n", label, writers, writers == 1 ? "" : "s", summary);
        System.out.printf("  wall %.1f s for the whole night (match, freeze, publish); %.1f partnerships/s;"
                + " %d Lambda run%s of 15 minutes at this pace%n", wall, summary.published() / wall,
                (int) Math.ceil(wall / perRun), wall > perRun ? "s" : "");
        System.out.printf("  CPU: this JVM %.1f s, the emulator %.1f s (%.0f%% of wall); load %s before, %s after%n",
                ourCpu, emulatorCpu, 100 * emulatorCpu / wall, loadBefore, load());
        System.out.printf("  waiting for DynamoDB answers: %.1f s summed over threads (%.0f%% of wall with one writer)%n",
                inEmulator, 100 * inEmulator / wall);
        long requests = timing.byOperation().values().stream().mapToLong(s -> s[0].get()).sum();
        System.out.printf("  %,d requests:%n", requests);
        timing.byOperation().forEach((op, stats) -> System.out.printf("    %-20s %,7d calls, %7.1f ms each%n", op,
                stats[0].get(), stats[1].get() / 1e6 / Math.max(1, stats[0].get())));
    }

    /** Empties the emulator and stores the round's confirmed applicants, showing progress. */
    private static void seed(URI endpoint, DynamoDbClient dynamo, Programme programme, int n) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        IlnTable.create(dynamo, TABLE);
        AddressHasher hasher = new AddressHasher(new byte[32]);
        AttributeValue keptUntil = AttributeValue.fromN(Long.toString(programme.rounds().stream()
                .filter(r -> r.id().equals(ROUND)).findFirst().orElseThrow().personalDataKeptUntil().getEpochSecond()));
        List<String> countries = List.of("AU", "DE", "IN", "KE", "MX", "GB", "BR", "JP");
        List<String> sectors = List.of("academic", "public", "school", "special");
        List<String> stages = List.of("early", "mid", "senior");
        List<String> interests = List.of("digital", "open-access", "leadership", "advocacy", "research-data");
        Instant created = Instant.parse("2026-01-20T10:00:00Z");
        long start = System.nanoTime();
        List<TransactWriteItem> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("p-%05d", i);
            String email = id + "@example.org";
            Application.Profile profile = new Application.Profile("Name" + i, "Family", email,
                    countries.get(i % countries.size()), "UTC", List.of("en"), sectors.get(i % sectors.size()),
                    "Librarian", stages.get(i % stages.size()),
                    List.of(interests.get(i % 5), interests.get((i / 5) % 5)), "any", "any", List.of(), List.of(),
                    true, 1, "colleague");
            Application app = new Application(ROUND, id, hasher.address(email), profile,
                    Application.Status.CONFIRMED, created, Optional.of(created.plusSeconds(300)), Optional.empty());
            // The item ApplicationStore writes, with the TTL its confirm() sets.
            Map<String, AttributeValue> item = new java.util.HashMap<>(ApplicationStore.applicationItem(app));
            item.put(IlnTable.EXPIRES_AT, keptUntil);
            batch.add(TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(item).build()).build());
            // 100 to a transaction, DynamoDB's largest (BatchWriteItem takes 25, and the Lambda jar
            // keeps only the operations the functions call: TransactWriteItems is one).
            if (batch.size() == 100 || i == n - 1) {
                List<TransactWriteItem> writes = List.copyOf(batch);
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                batch.clear();
            }
            if ((i + 1) % 1000 == 0 || i == n - 1) {
                double took = (System.nanoTime() - start) / 1e9;
                System.out.printf("seeded %,d of %,d applicants in %.1f s (%.0f a second); load %s%n", i + 1, n, took,
                        (i + 1) / took, load());
            }
        }
    }

    /**
     * Freezes a plan pairing applicant 2i with 2i + 1 (other countries, a shared language), as an
     * earlier run that stopped after freezing leaves it: the night then publishes without matching,
     * so that it measures publishing alone.
     */
    private static void freezePlan(DynamoDbClient dynamo, int n) {
        List<MatchResult.Partnership> partnerships = new ArrayList<>();
        for (int i = 0; i + 1 < n; i += 2) {
            partnerships.add(new MatchResult.Partnership(
                    List.of(String.format("p-%05d", i), String.format("p-%05d", i + 1)), 0, List.of(), false));
        }
        List<MatchResult.Unmatched> unmatched = n % 2 == 0 ? List.of()
                : List.of(new MatchResult.Unmatched(String.format("p-%05d", n - 1), "odd one out"));
        new PartnershipStore(dynamo, TABLE).freezePlan(ROUND, new MatchResult(ROUND, partnerships, unmatched,
                new MatchResult.Stats(n, n - unmatched.size(), unmatched.size(), partnerships.size(), 0, 0, 0, 1)),
                MATCH_NIGHT);
        System.out.printf("froze a plan of %,d partnerships: the night publishes it without matching%n",
                partnerships.size());
    }

    private static String load() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** User plus system CPU seconds of a process, from /proc (Linux). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command; in clock ticks (100 a second).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static double ourCpuSeconds() throws Exception {
        return cpuSeconds(ProcessHandle.current().pid());
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

        long totalNanos() {
            return stats.values().stream().mapToLong(s -> s[1].get()).sum();
        }

        Map<String, AtomicLong[]> byOperation() {
            return new java.util.TreeMap<>(stats);
        }
    }
}
