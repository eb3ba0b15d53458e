package org.iln.round;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Suppressions;
import org.iln.matching.Matcher;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.store.AddressHasher;
import org.iln.store.ApplicationStore;

/**
 * Runs nightly (an EventBridge schedule; the event's content is not used): drafts, publishes or
 * re-matches each round as its dates say (see {@link MatchingNight}), then checks the round's
 * promises ({@link RoundInvariants}). Running it again is harmless.
 */
public final class NightlyMatchingHandler implements RequestHandler<Map<String, Object>, String> {

    private final MatchingNight night;
    private final RoundInvariants invariants;
    private final Supplier<Programme> programme;
    private final Clock clock;

    /**
     * For Lambda: reads the environment once, builds real clients and warms the matcher up, so
     * that the SnapStart snapshot holds its compiled code ({@link Matcher#warmUp()}).
     */
    public NightlyMatchingHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
        Matcher.warmUp();
    }

    private NightlyMatchingHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public NightlyMatchingHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        ApplicationStore store = new ApplicationStore(clients.dynamo(), config.tableName());
        PartnershipStore partnerships = new PartnershipStore(clients.dynamo(), config.tableName());
        this.programme = ProgrammeSource.of(config.programme(), clock);
        this.clock = clock;
        // An emulator gets one writer: moto's state is not safe under concurrent transactions (it
        // answers 500s), while DynamoDB takes the parallel writes that keep a large round inside one run.
        MailStore mail = new MailStore(clients.dynamo(), config.tableName());
        this.night = new MatchingNight(store, new Suppressions(clients.dynamo(), config.tableName()), partnerships,
                new Outbox(mail, clock),
                new AddressHasher(config.addressKey()), programme, clock,
                config.endpointOverride().isPresent() ? 1 : MatchingNight.PUBLISH_WRITERS,
                new MatchingNight.ApprovalPolicy(config.autoPublishAfterDays()));
        this.invariants = new RoundInvariants(clients.dynamo(), config.tableName(), store, mail, partnerships);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        // Publishing a large round stops short of the Lambda timeout; the retry resumes the frozen plan.
        String summary = (context == null ? night.run()
                : night.run(() -> Duration.ofMillis(context.getRemainingTimeInMillis()))).toString();
        // After the night's work, so that a broken promise is seen (and alarmed on) the same night.
        boolean held = invariants.checkAll(programme.get(), clock.instant());
        return summary + (held ? "" : " (" + RoundInvariants.BROKEN + ": see the log)");
    }
}
