package org.iln.round;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.mail.Suppressions;
import org.iln.matching.Matcher;
import org.iln.programme.ProgrammeSource;
import org.iln.store.AddressHasher;
import org.iln.store.ApplicationStore;

/**
 * Runs nightly (an EventBridge schedule; the event's content is not used): drafts, publishes or
 * re-matches each round as its dates say (see {@link MatchingNight}). Running it again is harmless.
 */
public final class NightlyMatchingHandler implements RequestHandler<Map<String, Object>, String> {

    private final MatchingNight night;

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
        this.night = new MatchingNight(new ApplicationStore(clients.dynamo(), config.tableName()),
                new Suppressions(clients.dynamo(), config.tableName()),
                new PartnershipStore(clients.dynamo(), config.tableName()),
                new Outbox(new MailStore(clients.dynamo(), config.tableName()), clock),
                new AddressHasher(config.addressKey()),
                ProgrammeSource.of(config.programme(), clock), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return night.run().toString();
    }
}
