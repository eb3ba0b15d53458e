package org.iln.signup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iln.config.AwsClients;
import org.iln.config.AwsRootsFirst;
import org.iln.config.DeferredHttpClient;
import org.iln.config.FunctionsConfig;
import org.iln.mail.Envelope;
import org.iln.mail.Mailer;
import org.iln.mail.MailRenderer;
import org.iln.mail.MailStore;
import org.iln.mail.MimeComposer;
import org.iln.mail.Suppressions;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Builds the API's core on a cold start using both of a Lambda instance's cores: while the
 * calling thread builds the DynamoDB client and serves the first request's reads and writes, a
 * second thread prepares everything that request needs afterwards, and the confirmation mail
 * then waits for it.
 *
 * <p>Why: in a fresh JVM the first signup is mostly class loading, linking and compiling
 * (docs/benchmarks.md, "Signup start-up"), on one thread, while the mail path (Freemarker,
 * jakarta.mail, the SESv2 client) shares nothing with the DynamoDB path but the SDK's core.
 *
 * <p>What the second thread does, in the order the request needs it:
 * <ol>
 *   <li>builds the JVM's TLS context ({@link AwsRootsFirst}), which needs no configuration, while
 *       the calling thread starts logging and reads the environment; then the url-connection
 *       HTTP client both SDK clients use (the calling thread builds the DynamoDB client
 *       meanwhile, see {@link DeferredHttpClient});
 *   <li>builds the MIME composer, which checks the From address: the calling thread waits for
 *       it before the first request, so a bad address fails the Lambda's initialisation (and a
 *       SnapStart version's publication) rather than every signup; it composes a made-up
 *       message first, so that the request's compose finds jakarta.mail loaded;
 *   <li>reads the programme manifest (the first signup reads it; in AWS it is an HTTPS fetch)
 *       and validates a made-up signup against it, throwing the verdict away;
 *   <li>builds the mail renderer and renders the confirmation mail from made-up values, so its
 *       templates are parsed and cached before the renderer counts as ready (the request,
 *       arriving meanwhile, waits rather than parse them a second time);
 *   <li>builds the SESv2 client and runs a made-up send through it up to its HTTP client, which
 *       refuses it, so nothing is sent: SES's own marshalling and endpoint rules are then loaded
 *       when the request sends.
 * </ol>
 * This order follows measurement (docs/benchmarks.md, fifth pass): the request's first DynamoDB
 * call takes long enough for the renderer to be ready when the mail needs it.
 *
 * <p>So the warm-up sends no mail, writes nothing and touches no one's data. A part the request
 * needs before the second thread has started on it is built by the request itself rather than
 * waited for, so neither thread idles while the other has work. If a step fails, the request
 * builds what it needs itself; the failure is logged by step and exception class. The thread
 * runs once per instance and ends; it is a daemon, so it never holds a JVM up.
 */
final class ColdStart {

    /** The message the warm-up renders: the one a new applicant gets, so its templates are cached. */
    private static final String TEMPLATE = "confirm-address";

    /** A made-up signup, run through validation (whose verdict is thrown away): no one's data. */
    private static final SubmittedFields SAMPLE_FIELDS = SubmittedFields.of(Map.ofEntries(
            Map.entry("givenName", List.of("Warm-up")), Map.entry("familyName", List.of("Sample")),
            Map.entry("email", List.of("warm-up@example.invalid")), Map.entry("country", List.of("NZ")),
            Map.entry("timezone", List.of("Pacific/Auckland")), Map.entry("languages", List.of("en", "mi")),
            Map.entry("sector", List.of("public")), Map.entry("role", List.of("Librarian")),
            Map.entry("careerStage", List.of("early")), Map.entry("interests", List.of("outreach")),
            Map.entry("preferSector", List.of("any")), Map.entry("preferCareerStage", List.of("any")),
            Map.entry("preferRegions", List.of("Europe")), Map.entry("excludeCountries", List.of()),
            Map.entry("openToAny", List.of("true")), Map.entry("maxPartners", List.of("1")),
            Map.entry("consentPrivacy", List.of("true")), Map.entry("consentShare", List.of("true")),
            Map.entry("heardFrom", List.of("colleague")), Map.entry("website", List.of(""))));

    /** A made-up rendered message (non-ASCII too, as real ones are) for the composer's first run. */
    private static final MailRenderer.RenderedMail SAMPLE_MAIL = new MailRenderer.RenderedMail(
            "Warm-up – confirm", "Kia ora Warm-up,\n\nconfirm – made up.\n", "<p>Kia ora Warm-up – made up.</p>");

    private final CompletableFuture<FunctionsConfig> configured = new CompletableFuture<>();
    /** One source for both threads, so the manifest the warm-up reads is the request's. */
    private final CompletableFuture<ProgrammeSource> programme =
            configured.thenApply(config -> ProgrammeSource.of(config.programme(), clock()));
    private final Clock clock;
    /** Every part below, so that none is forgotten when the thread ends. */
    private final List<Part<?>> parts = new ArrayList<>();
    private final Part<SdkHttpClient> http = part("http client", AwsClients::httpClient);
    /** Ready once it has composed a made-up message, so the request's first compose finds its code loaded. */
    private final Part<MimeComposer> composer = part("composer", this::composerWarmed);
    /**
     * Ready once the confirmation mail's templates are parsed and cached: a request that needs the
     * renderer while the second thread renders the sample waits for it rather than parse them too.
     */
    private final Part<MailRenderer> renderer = part("renderer", this::rendererWithTemplatesCached);
    // One url-connection client (and TLS context) for both clients: a second costs time.
    private final Part<SesV2Client> ses = part("ses client",
            () -> AwsClients.ses(config(), new RefusingWarmUp(http.get())));
    private final Thread thread = new Thread(this::warmUp, "iln-cold-start");

    private ColdStart(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        thread.setDaemon(true);
    }

    /** Starts the second thread's work for this configuration. */
    static ColdStart begin(FunctionsConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        return begin(http -> config, clock);
    }

    /**
     * Starts the second thread, then reads the configuration on this one (in AWS that means
     * fetching secrets, through the HTTP client it is given), so that the HTTP client's TLS
     * context is built meanwhile.
     *
     * @throws RuntimeException whatever reading the configuration throws
     */
    static ColdStart begin(Function<Supplier<SdkHttpClient>, FunctionsConfig> configuration, Clock clock) {
        ColdStart start = new ColdStart(clock);
        start.thread.start();
        // Logging starts here, before anything logs, so that no thread ever logs through
        // SLF4J's stand-in loggers (which replay with a warning); the second thread meanwhile
        // builds the TLS context, which logs nothing, and waits for the configuration.
        LoggerFactory.getILoggerFactory();
        try {
            start.configured.complete(Objects.requireNonNull(configuration.apply(start.http::get), "configuration"));
        } catch (RuntimeException e) {
            start.configured.completeExceptionally(e);
            throw e;
        }
        return start;
    }

    /** Whether the second thread's work ended within {@code timeout} (for tests). */
    boolean finished(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /**
     * The core: its DynamoDB client built on this thread (the HTTP client on the second one), its
     * mail parts on the second one.
     */
    Participants participants() {
        FunctionsConfig config = config();
        DynamoDbClient dynamo = AwsClients.dynamo(config, new DeferredHttpClient(http::get));
        Mailer mailer = new Mailer(ses::get, new MailStore(dynamo, config.tableName()),
                new Suppressions(dynamo, config.tableName()), renderer::get, composer::get, config.configurationSet(), clock);
        Participants participants = Participants.create(dynamo, mailer, clock, config, programme.join());
        // A From address the composer refuses fails here, in the Lambda's initialisation.
        composer.get();
        return participants;
    }

    FunctionsConfig config() {
        return configured.join();
    }

    Clock clock() {
        return clock;
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            // First what needs neither configuration nor logging (the TLS context), then what
            // the calling thread needs first, then the mail path in the order the request takes it.
            step("tls context", AwsRootsFirst::socketFactory);
            if (!configuredWell()) {
                return;
            }
            http.prepare();
            composer.prepare();
            Programme current = step("manifest", () -> programme.join().get());
            if (current != null) {
                step("validation", () -> new SignupValidator().validate(SAMPLE_FIELDS, current));
            }
            renderer.prepare();
            SesV2Client client = ses.prepare();
            if (client != null) {
                step("ses call path", () -> sendRefused(client));
            }
        } finally {
            // Whatever happened, nobody may wait for this thread forever.
            parts.forEach(Part::abandon);
            log().atDebug().addKeyValue("millis", (System.nanoTime() - started) / 1_000_000).log("cold start warmed up");
        }
    }

    /** Waits for the calling thread's configuration; false if it could not be read (the caller reports that). */
    private boolean configuredWell() {
        try {
            configured.join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    /**
     * Looked up when used, not held in a static field: loading this class must not start logback
     * before the second thread has started on the TLS context.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(ColdStart.class);
    }

    private <T> Part<T> part(String name, Supplier<T> build) {
        Part<T> part = new Part<>(name, build);
        parts.add(part);
        return part;
    }

    private static <T> T step(String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log().atWarn().addKeyValue("step", name).addKeyValue("error", e.getClass().getName())
                    .log("cold-start warm-up step failed; the first request does it itself");
            return null;
        }
    }

    /**
     * Runs a made-up send through the SES client up to the HTTP client, and no further: it is
     * signed with made-up credentials and marked, and the SES client's HTTP client refuses
     * marked requests ({@link RefusingWarmUp}), so it never leaves the JVM. What runs is what
     * the first real send (and much of the first DynamoDB call) would otherwise load then:
     * endpoint rules, marshalling, the SDK's request pipeline, SigV4 signing.
     */
    private static String sendRefused(SesV2Client client) {
        AwsCredentialsProvider madeUp = StaticCredentialsProvider.create(AwsBasicCredentials.create("warm-up", "warm-up"));
        try {
            client.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromUtf8String("warm-up"))))
                    .overrideConfiguration(o -> o.credentialsProvider(madeUp).putHeader(RefusingWarmUp.HEADER, "never-sent")));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof NeverSent) {
                    return "not sent";
                }
            }
            throw e;
        }
        throw new IllegalStateException("the warm-up's send was answered");
    }

    /** What the SES client's HTTP client throws for the warm-up's send, so that it is never sent. */
    private static final class NeverSent extends RuntimeException {
        NeverSent() {
            super("the cold-start warm-up never sends a request", null, false, false);
        }
    }

    /** The SES client's HTTP client: the shared one, except that it refuses the warm-up's own send. */
    private static final class RefusingWarmUp implements SdkHttpClient {
        static final String HEADER = "x-iln-cold-start-warm-up";
        private final SdkHttpClient client;

        RefusingWarmUp(SdkHttpClient client) {
            this.client = client;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            if (request.httpRequest().firstMatchingHeader(HEADER).isPresent()) {
                throw new NeverSent();
            }
            return client.prepareRequest(request);
        }

        @Override
        public String clientName() {
            return client.clientName();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private MimeComposer composerWarmed() {
        MimeComposer built = new MimeComposer(config().mailFrom());
        built.compose(sampleEnvelope(), SAMPLE_MAIL, "warm-up.iln@example.invalid", clock.instant());
        return built;
    }

    private MailRenderer rendererWithTemplatesCached() {
        MailRenderer built = new MailRenderer();
        built.render(TEMPLATE, sampleModel());
        return built;
    }

    /** Made-up values in the confirmation mail's variables: no one's data. */
    private Map<String, Object> sampleModel() {
        String site = config().siteUrl().toString();
        return Map.of("roundTitle", "Warm-up round", "siteUrl", site, "confirmUrl", site + "/api/confirm?token=warm-up");
    }

    private static Envelope sampleEnvelope() {
        return new Envelope("warm-up@example.invalid", "warm-up", TEMPLATE, Map.of(), Optional.empty(), List.of());
    }

    /**
     * One thing the second thread builds: whoever needs it first takes it on. The request builds
     * it itself if the second thread has not started on it, waits for it if it has, and builds
     * it (once) itself if the second thread could not.
     */
    static final class Part<T> {
        private final String name;
        private final Supplier<T> build;
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CompletableFuture<T> ready = new CompletableFuture<>();
        private volatile boolean preparing;
        private T builtLate;

        Part(String name, Supplier<T> build) {
            this.name = name;
            this.build = build;
        }

        /**
         * Builds it on this (the second) thread, unless the request has taken it on; null if the
         * request has, or if building failed, and then whoever needs it builds it.
         */
        T prepare() {
            if (!taken.compareAndSet(false, true)) {
                return null;
            }
            preparing = true;
            T value = step(name, build);
            if (value == null) {
                abandon();
            } else {
                ready.complete(value);
            }
            return value;
        }

        /**
         * Lets waiters go on without it, if the second thread took it on and it is not ready by
         * now (one the request took on, the request completes; one nobody took, whoever needs it
         * builds).
         */
        void abandon() {
            if (preparing) {
                ready.completeExceptionally(new IllegalStateException("the warm-up did not build the " + name));
            }
        }

        T get() {
            if (taken.compareAndSet(false, true)) {
                // The second thread has not reached it: building it here beats waiting in line.
                try {
                    T value = build.get();
                    ready.complete(value);
                    return value;
                } catch (RuntimeException e) {
                    ready.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                return ready.join();
            } catch (CompletionException e) {
                synchronized (this) {
                    if (builtLate == null) {
                        builtLate = build.get();
                    }
                    return builtLate;
                }
            }
        }
    }
}
