package org.iln.round;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.programme.ProgrammeSource;
import org.iln.store.ApplicationStore;

/**
 * Runs nightly after matching (an EventBridge schedule; the event's content is not used): the
 * check-ins, and the expiry of unanswered nudges (see {@link RoundCare}). Running it again is harmless.
 */
public final class RoundCareHandler implements RequestHandler<Map<String, Object>, String> {

    private final RoundCare care;

    /** For Lambda: reads the environment once and builds the real clients. */
    public RoundCareHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private RoundCareHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public RoundCareHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this.care = new RoundCare(new ApplicationStore(clients.dynamo(), config.tableName()),
                new PartnershipStore(clients.dynamo(), config.tableName()),
                new CareStore(clients.dynamo(), config.tableName()),
                new Outbox(new MailStore(clients.dynamo(), config.tableName()), clock),
                ProgrammeSource.of(config.programme(), clock), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return care.run().toString();
    }
}
