import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.signup.ApiHandler;
import org.iln.store.IlnTable;

/**
 * Start-up benchmark: in a fresh JVM, builds the signup handler exactly as Lambda does (no-arg
 * constructor, environment) and serves its first request, then prints the time from launch to
 * response. With {@code --setup} it creates the table and verifies the sender instead.
 */
public final class FirstRequest {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--setup")) {
            Setup.run();
            return;
        }
        long launchedAtNanos = Long.parseLong(System.getenv("BENCH_LAUNCHED_AT_NANOS"));
        String email = args.length > 0 ? args[0] : "bench@example.org";

        long mainEntered = System.nanoTime();
        ApiHandler handler = new ApiHandler();
        long constructed = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(signup(email), null);
        long answered = System.nanoTime();
        long mainThreadCpuMillis = threadCpuMillis();
        int classesAtResponse = loadedClasses();

        Instant now = Instant.now();
        long sinceLaunch = (now.getEpochSecond() * 1_000_000_000L + now.getNano()) - launchedAtNanos;
        long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
        long launchToMain = sinceLaunch - (answered - mainEntered);
        System.out.printf("status=%d launch_to_response_ms=%d (jvm_to_main=%d constructor=%d first_request=%d)"
                        + " process_cpu_ms=%d main_thread_cpu_ms=%d classes_at_response=%d%n",
                response.getStatusCode(), sinceLaunch / 1_000_000, launchToMain / 1_000_000,
                (constructed - mainEntered) / 1_000_000, (answered - constructed) / 1_000_000, cpuMillis,
                mainThreadCpuMillis, classesAtResponse);
        if (response.getStatusCode() != 202) {
            System.out.println(response.getBody());
            System.exit(1);
        }
    }

    /**
     * Creates the table and verifies the sender. A class of its own, loaded only with
     * {@code --setup}, so that the measured runs load nothing but the handler's own classes (and
     * run against a jar from an older commit, whose packages may differ).
     */
    private static final class Setup {
        static void run() {
            FunctionsConfig config = FunctionsConfig.fromEnvironment(System.getenv());
            AwsClients clients = AwsClients.create(config);
            IlnTable.create(clients.dynamo(), config.tableName());
            clients.ses().createEmailIdentity(b -> b.emailIdentity("iln.example.org"));
        }
    }

    /**
     * CPU time of this (the main) thread so far, JVM start-up included: the work on the request's
     * own path, which other load on the machine does not inflate the way it does wall time.
     * Read from Linux's {@code /proc/thread-self/schedstat} (first field, nanoseconds), which
     * loads no management classes; -1 elsewhere.
     */
    private static long threadCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(stat.substring(0, stat.indexOf(' '))) / 1_000_000;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Classes loaded by the time of the response, read after the clock stopped. The count
     * includes the few java.management classes this very call loads (the same in every run).
     */
    private static int loadedClasses() {
        return (int) ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    private static APIGatewayV2HTTPEvent signup(String email) {
        long started = System.currentTimeMillis() - 60_000;
        String body = "{\"givenName\":\"Ana\",\"familyName\":\"Silva\",\"email\":\"" + email + "\","
                + "\"country\":\"BR\",\"timezone\":\"America/Sao_Paulo\",\"languages\":[\"pt\",\"en\"],"
                + "\"sector\":\"public\",\"role\":\"Branch librarian\",\"careerStage\":\"early\","
                + "\"interests\":[\"outreach\",\"children\"],\"preferSector\":\"any\",\"preferCareerStage\":\"later\","
                + "\"preferRegions\":[\"Europe\"],\"excludeCountries\":[],\"openToAny\":\"true\",\"maxPartners\":\"1\","
                + "\"consentPrivacy\":\"true\",\"consentShare\":\"true\",\"heardFrom\":\"colleague\",\"website\":\"\","
                + "\"formStartedAt\":\"" + started + "\"}";
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath("/api/signup")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/api/signup").withSourceIp("198.51.100.10").build())
                        .build())
                .build();
    }
}
