package org.iln.testing;

import java.util.Locale;
import java.util.Optional;
import org.iln.aws.AwsClients;
import org.iln.store.IlnTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * JUnit 5 extension that gives tests a real AWS emulator: {@code moto_server} by default, started
 * once per JVM on a free loopback port and stopped at the end; or LocalStack through
 * Testcontainers with {@code -Diln.emulator=localstack} (or {@code ILN_EMULATOR=localstack}),
 * skipped with a clear message when no Docker engine is present.
 *
 * <p>Before each test it resets the emulator, creates the table with its indexes and TTL, and
 * verifies the sending domain. Tests take an {@link Aws} parameter.
 */
public final class AwsEmulator implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final Object LOCK = new Object();
    private static final String NO_DOCKER = "SKIPPED: -Diln.emulator=localstack was chosen but no Docker engine "
            + "is available; these tests did not run. Start Docker or run with the default (moto).";
    private static Emulator running;
    private static Aws aws;

    /** Which emulator this run uses: "moto" (default) or "localstack". */
    public static String selected() {
        String chosen = Optional.ofNullable(System.getProperty("iln.emulator"))
                .or(() -> Optional.ofNullable(System.getenv("ILN_EMULATOR"))).orElse("moto");
        return chosen.toLowerCase(Locale.ROOT).trim();
    }

    /** Why the selected emulator cannot run here, if it cannot (LocalStack without Docker). */
    public static Optional<String> unavailableReason() {
        if (selected().equals("localstack") && !LocalStackEmulator.dockerAvailable()) {
            return Optional.of(NO_DOCKER);
        }
        return Optional.empty();
    }

    /**
     * The emulator for this JVM, started on first use (for test engines without JUnit
     * extensions, such as jqwik). Call {@link #fresh()} to reset it.
     */
    public static Aws shared() {
        synchronized (LOCK) {
            if (aws == null) {
                String chosen = selected();
                if (chosen.equals("localstack")) {
                    Assumptions.assumeTrue(LocalStackEmulator.dockerAvailable(), NO_DOCKER);
                    running = LocalStackEmulator.start();
                } else if (chosen.equals("moto")) {
                    running = MotoEmulator.start();
                } else {
                    throw new IllegalArgumentException("iln.emulator must be moto or localstack, was " + chosen);
                }
                aws = new Aws(running, clients(running));
                if (running instanceof LocalStackEmulator localStack) {
                    localStack.useDynamo(aws.dynamo());
                }
            }
            return aws;
        }
    }

    /** Resets the shared emulator and sets up the table and sender: a clean slate for one test. */
    public static Aws fresh() {
        Aws current = shared();
        synchronized (LOCK) {
            running.reset();
            IlnTable.create(current.dynamo(), Aws.TABLE);
            current.ses().createEmailIdentity(b -> b.emailIdentity("iln.example.org"));
        }
        return current;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Reported per test as skipped, with the reason, rather than silently passing.
        return unavailableReason().map(ConditionEvaluationResult::disabled)
                .orElse(ConditionEvaluationResult.enabled("emulator: " + selected()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared();
        // Stop the emulator when the whole test plan is done (the shutdown hook covers a crash).
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("iln-aws-emulator", key -> new Stopper(), Stopper.class);
    }

    /** Stops the shared emulator; a later {@link #shared()} starts a new one. */
    @SuppressWarnings("deprecation")
    private static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            synchronized (LOCK) {
                if (running != null) {
                    running.close();
                }
                running = null;
                aws = null;
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fresh();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Aws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared();
    }

    private static AwsClients clients(Emulator emulator) {
        return new AwsClients(Aws.onEmulator(DynamoDbClient.builder(), emulator.endpoint()).build(),
                Aws.onEmulator(SesV2Client.builder(), emulator.endpoint()).build());
    }
}
