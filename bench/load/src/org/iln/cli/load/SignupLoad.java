package org.iln.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.iln.cli.abuse.UsedIdentities;
import org.iln.json.Json;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Many librarians signing up at once through the dev server, each client from its own loopback
 * address, then following the links in their confirmation emails (each link twice, as mail
 * scanners and impatient people do). Afterwards it checks, in the table and the sent mail, that
 * every address has exactly one application, confirmed once, and got exactly one confirmation
 * request and one "confirmed" message. Measures throughput and latency per phase.
 *
 * <p>Used by {@code SignupUnderLoadTest} (a bounded run in every build) and by
 * {@code bench/load/run.sh} (200 clients for 60 s against a running {@code ./iln dev}).
 */
public final class SignupLoad {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final String CONFIRM_SUBJECT = "Please confirm your application to the International Librarians Network";
    private static final String CONFIRMED_SUBJECT = "Your application is confirmed";
    /** Valid profiles the clients take turns with, so the load spreads over countries and languages. */
    private static final List<String[]> PEOPLE = List.of(
            new String[] {"NG", "Africa/Lagos", "en", "Ngozi", "academic"},
            new String[] {"AU", "Australia/Sydney", "en", "Mia", "public"},
            new String[] {"GB", "Europe/London", "en", "Oliver", "special"},
            new String[] {"IN", "Asia/Kolkata", "hi", "Priya", "academic"},
            new String[] {"CA", "America/Toronto", "fr", "Chloé", "school"},
            new String[] {"BR", "America/Sao_Paulo", "pt", "João", "public"});

    /** What to run: against which server, how many clients for how long. */
    public record Settings(URI server, int clients, Duration duration) {
        public Settings {
            if (clients < 1 || clients > 250) {
                throw new IllegalArgumentException("clients must be 1..250 (one loopback address each), not " + clients);
            }
        }
    }

    /** One phase's requests: how many, in how long, the latencies, and every unexpected answer. */
    public record Phase(String name, int requests, Duration elapsed, long[] sortedLatencyNanos, List<String> errors) {

        public double perSecond() {
            return requests / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        public Duration percentile(double p) {
            if (sortedLatencyNanos.length == 0) {
                return Duration.ZERO;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedLatencyNanos.length) - 1;
            return Duration.ofNanos(sortedLatencyNanos[Math.max(0, Math.min(index, sortedLatencyNanos.length - 1))]);
        }

        public String line() {
            return String.format("%-8s %6d requests in %5.1f s = %6.1f/s   p50 %5d ms   p99 %5d ms   max %5d ms   errors %d",
                    name, requests, elapsed.toMillis() / 1000.0, perSecond(), percentile(50).toMillis(),
                    percentile(99).toMillis(), percentile(100).toMillis(), errors.size());
        }
    }

    /** The whole run: both phases, how many addresses, and every broken promise found afterwards. */
    public record Report(Phase signups, Phase confirmations, int addresses, int resubmissions, List<String> problems) {

        public boolean clean() {
            return problems.isEmpty() && signups.errors().isEmpty() && confirmations.errors().isEmpty();
        }

        public void print(PrintStream out) {
            out.println(signups.line());
            out.println(confirmations.line());
            out.printf("%d addresses (%d resubmissions of an address already used); %s%n", addresses, resubmissions,
                    problems.isEmpty() ? "each stored once, confirmed once, one confirmation request and one confirmed message"
                            : problems.size() + " problems:");
            problems.stream().limit(20).forEach(p -> out.println("  " + p));
            signups.errors().stream().limit(10).forEach(e -> out.println("  signup: " + e));
            confirmations.errors().stream().limit(10).forEach(e -> out.println("  confirm: " + e));
        }
    }

    /**
     * The benchmark's entry point (bench/load/run.sh): {@code SERVER_URL CLIENTS SECONDS AWS_ENDPOINT [TABLE]},
     * against a running {@code ./iln dev} and the emulator it started. Exits 1 if any promise broke.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SignupLoad SERVER_URL CLIENTS SECONDS AWS_ENDPOINT [TABLE]");
            System.exit(2);
        }
        URI server = URI.create(args[0]);
        String table = args.length > 4 ? args[4] : "iln-local";
        Programme programme;
        try (var in = server.resolve("/programme.json").toURL().openStream()) {
            programme = ProgrammeSource.read(in);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String round = programme.roundOpenOn(today).map(Programme.Round::id).orElseThrow(() -> new IllegalStateException(
                "no round is open for applications today (" + today + ") in " + server.resolve("/programme.json")
                        + ": signups would be refused. Add an open round to site/data/rounds.yml."));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(args[3])).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            Report report = new SignupLoad(new Settings(server, Integer.parseInt(args[1]),
                    Duration.ofSeconds(Long.parseLong(args[2])))).run(dynamo, table, round, System.out);
            System.out.println();
            report.print(System.out);
            System.exit(report.clean() ? 0 : 1);
        }
    }

    private final Settings settings;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    public SignupLoad(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs both phases against the server, then checks the round's applications in {@code table}
     * and the mail the server's emulator accepted.
     */
    public Report run(DynamoDbClient dynamo, String table, String round, PrintStream progress) throws Exception {
        Map<Integer, List<String>> addressesByClient = new ConcurrentHashMap<>();
        AtomicInteger resubmissions = new AtomicInteger();
        progress.printf("signing up: %d clients for %d s against %s%n", settings.clients(),
                settings.duration().toSeconds(), settings.server());
        Phase signups = phase("signup", settings.duration(), progress, (client, recorder) -> {
            Random random = new Random(recorder.clientNumber);
            List<String> mine = new ArrayList<>();
            addressesByClient.put(recorder.clientNumber, mine);
            for (int n = 0; recorder.running(); n++) {
                // The second request of each client, then every tenth, repeats an address it already used.
                boolean again = !mine.isEmpty() && (n == 1 || n % 10 == 9);
                String address = again ? mine.get(random.nextInt(mine.size()))
                        : UsedIdentities.email("load-" + run + "-c" + recorder.clientNumber + "-n" + n + "@example.org");
                if (again) {
                    resubmissions.incrementAndGet();
                } else {
                    mine.add(address);
                }
                boolean form = n % 2 == 0;
                String[] person = PEOPLE.get((recorder.clientNumber + n) % PEOPLE.size());
                recorder.time(() -> {
                    LoopbackClient.Response response = form
                            ? client.post("/api/signup", "application/x-www-form-urlencoded", form(address, person))
                            : client.post("/api/signup", "application/json", json(address, person));
                    boolean ok = form ? response.status() == 303
                            && response.headers().getOrDefault("location", "").contains("check-your-email")
                            : response.status() == 202;
                    return ok ? null : response.status() + " " + abbreviate(response.body());
                });
            }
        });
        List<String> addresses = addressesByClient.values().stream().flatMap(List::stream).sorted().toList();

        progress.println("reading the confirmation emails ...");
        Map<String, List<JsonNode>> mail = mailByRecipient();
        List<String> links = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String address : addresses) {
            List<JsonNode> requests = withSubject(mail.get(address), CONFIRM_SUBJECT);
            if (requests.size() != 1) {
                problems.add(address + ": " + requests.size() + " confirmation requests, expected 1");
            }
            requests.stream().flatMap(m -> stream(m.get("links"))).filter(l -> l.contains("/api/confirm?token="))
                    .findFirst().ifPresent(links::add);
        }
        Collections.shuffle(links, new Random(7));
        List<String> clicks = new ArrayList<>(links);
        clicks.addAll(links);
        progress.printf("confirming: %d links, each clicked twice, by %d clients%n", links.size(), settings.clients());
        AtomicInteger next = new AtomicInteger();
        Phase confirmations = phase("confirm", null, progress, (client, recorder) -> {
            for (int i = next.getAndIncrement(); i < clicks.size(); i = next.getAndIncrement()) {
                URI link = URI.create(clicks.get(i));
                recorder.time(() -> {
                    LoopbackClient.Response response = client.get(link.getRawPath() + "?" + link.getRawQuery());
                    boolean ok = response.status() == 303
                            && response.headers().getOrDefault("location", "").endsWith("/confirmed.html");
                    return ok ? null : response.status() + " " + response.headers().get("location");
                });
            }
        });

        progress.println("checking the table and the sent mail ...");
        Map<String, List<String>> statuses = applicationStatuses(dynamo, table, round);
        Map<String, List<JsonNode>> after = mailByRecipient();
        for (String address : addresses) {
            List<String> found = statuses.getOrDefault(address, List.of());
            if (!found.equals(List.of("CONFIRMED"))) {
                problems.add(address + ": applications " + found + ", expected exactly one CONFIRMED");
            }
            int confirmed = withSubject(after.get(address), CONFIRMED_SUBJECT).size();
            if (confirmed != 1) {
                problems.add(address + ": " + confirmed + " \"confirmed\" messages, expected 1");
            }
            int all = after.getOrDefault(address, List.of()).size();
            if (all != 2) {
                problems.add(address + ": " + all + " messages in all, expected 2");
            }
        }
        return new Report(signups, confirmations, addresses.size(), resubmissions.get(), problems);
    }

    /** What one client does in a phase, timing each request through the recorder. */
    private interface Work {
        void run(LoopbackClient client, Recorder recorder) throws Exception;
    }

    /** A request that returns null when the answer was the expected one, else what was wrong. */
    private interface Request {
        String send() throws IOException;
    }

    /** One client's latencies and errors, and when to stop. */
    private static final class Recorder {
        final int clientNumber;
        final long deadline;
        long[] latencies = new long[256];
        int count;
        final List<String> errors = new ArrayList<>();
        final AtomicInteger done;

        Recorder(int clientNumber, long deadline, AtomicInteger done) {
            this.clientNumber = clientNumber;
            this.deadline = deadline;
            this.done = done;
        }

        boolean running() {
            return System.nanoTime() < deadline;
        }

        void time(Request request) {
            long start = System.nanoTime();
            String error;
            try {
                error = request.send();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = System.nanoTime() - start;
            done.incrementAndGet();
            if (error != null) {
                errors.add(error);
            }
        }
    }

    private Phase phase(String name, Duration duration, PrintStream progress, Work work) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(settings.server().getHost()),
                settings.server().getPort());
        long start = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        AtomicInteger done = new AtomicInteger();
        List<Recorder> recorders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            Recorder recorder = new Recorder(i, deadline, done);
            recorders.add(recorder);
            InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
            futures.add(pool.submit(() -> {
                try (LoopbackClient client = new LoopbackClient(source, server)) {
                    work.run(client, recorder);
                }
                return null;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
            progress.printf("  %s: %d requests after %d s%n", name, done.get(),
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (Future<?> future : futures) {
            future.get();
        }
        long[] all = recorders.stream().flatMapToLong(r -> Arrays.stream(r.latencies, 0, r.count)).sorted().toArray();
        List<String> errors = recorders.stream().flatMap(r -> r.errors.stream()).toList();
        Phase phase = new Phase(name, all.length, elapsed, all, errors);
        progress.println("  " + phase.line());
        return phase;
    }

    /** Every message the dev server's mail viewer lists, by recipient address, read a page of 500 at a time. */
    private Map<String, List<JsonNode>> mailByRecipient() throws IOException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        Map<String, List<JsonNode>> byRecipient = new HashMap<>();
        String page = "/_dev/mail.json?size=500";
        try {
            while (page != null) {
                String body = http.send(java.net.http.HttpRequest.newBuilder(settings.server().resolve(page))
                        .timeout(Duration.ofMinutes(1)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                JsonNode answer = JSON.readTree(body);
                for (JsonNode message : answer.path("messages")) {
                    // "Mia Loadtest <load-...@example.org>": key by the address alone.
                    String to = message.path("to").asText();
                    String address = to.contains("<") ? to.substring(to.lastIndexOf('<') + 1, to.lastIndexOf('>')) : to;
                    byRecipient.computeIfAbsent(address, k -> new ArrayList<>()).add(message);
                }
                page = answer.path("next").isTextual() ? answer.path("next").asText() : null;
            }
            return byRecipient;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the mail", e);
        }
    }

    /** Each load address's applications in the round, by status (a duplicate shows as two). */
    private Map<String, List<String>> applicationStatuses(DynamoDbClient dynamo, String table, String round) {
        Map<String, List<String>> statuses = new TreeMap<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :app)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ROUND#" + round),
                                ":app", AttributeValue.fromS("APP#")))
                        .projectionExpression("email, #s").expressionAttributeNames(Map.of("#s", "status")))
                .items().forEach(item -> {
                    String email = item.containsKey("email") ? item.get("email").s() : "";
                    if (email.startsWith("load-" + run + "-")) {
                        statuses.computeIfAbsent(email, k -> new ArrayList<>()).add(item.get("status").s());
                    }
                });
        return statuses;
    }

    private static List<JsonNode> withSubject(List<JsonNode> messages, String subject) {
        return messages == null ? List.of()
                : messages.stream().filter(m -> m.path("subject").asText().equals(subject)).toList();
    }

    private static java.util.stream.Stream<String> stream(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.stream();
    }

    private static String form(String address, String[] person) {
        Map<String, List<String>> fields = fields(address, person);
        return fields.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    private static String json(String address, String[] person) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        fields(address, person).forEach((k, v) -> body.put(k, List.of("languages", "interests").contains(k) ? v : v.get(0)));
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> fields(String address, String[] person) {
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        fields.put("givenName", List.of(UsedIdentities.name(person[3])));
        fields.put("familyName", List.of(UsedIdentities.name("Loadtest")));
        fields.put("email", List.of(address));
        fields.put("country", List.of(person[0]));
        fields.put("timezone", List.of(person[1]));
        fields.put("languages", person[2].equals("en") ? List.of("en") : List.of(person[2], "en"));
        fields.put("sector", List.of(person[4]));
        fields.put("role", List.of("Librarian"));
        fields.put("careerStage", List.of("mid"));
        fields.put("interests", List.of("open-access", "research-data"));
        fields.put("preferSector", List.of("any"));
        fields.put("preferCareerStage", List.of("any"));
        fields.put("openToAny", List.of("true"));
        fields.put("maxPartners", List.of("1"));
        fields.put("consentPrivacy", List.of("true"));
        fields.put("consentShare", List.of("true"));
        fields.put("website", List.of(""));
        // Opened a minute ago: a form sent faster than a person could fill it is silently dropped.
        fields.put("formStartedAt", List.of(Long.toString(System.currentTimeMillis() - 60_000)));
        return fields;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
