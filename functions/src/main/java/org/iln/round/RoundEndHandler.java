package org.iln.round;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.store.ApplicationStore;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;

/**
 * Runs nightly (an EventBridge schedule; the event's content is not used), after matching and
 * before dispatch: ends each round on its end date ({@link RoundEnd}). Running it again is harmless.
 */
public final class RoundEndHandler implements RequestHandler<Map<String, Object>, String> {

    private final RoundEnd roundEnd;
    private final Supplier<Programme> programme;

    /** For Lambda: reads the environment once and builds real clients. */
    public RoundEndHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private RoundEndHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public RoundEndHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this.programme = ProgrammeSource.of(config.programme(), clock);
        this.roundEnd = new RoundEnd(new ApplicationStore(clients.dynamo(), config.tableName()),
                new Outbox(new MailStore(clients.dynamo(), config.tableName()), clock),
                new SignedLinks(config.tokenKey(), new TokenStore(clients.dynamo(), config.tableName())),
                config.siteUrl(), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return roundEnd.run(programme.get()).toString();
    }
}
