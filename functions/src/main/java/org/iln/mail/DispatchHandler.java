package org.iln.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;
import org.iln.store.ApplicationStore;
import org.iln.token.SignedLinks;
import org.iln.token.TokenStore;

/**
 * Runs every few minutes (an EventBridge schedule; the event's content is not used): queues the
 * discussion points due today, then sends what waits in the outbox until it is empty or the
 * invocation's time is nearly up. Running it again, or twice at once, sends nothing twice.
 */
public final class DispatchHandler implements RequestHandler<Map<String, Object>, String> {

    /** Time assumed left when there is no Lambda context (the local runner, tests). */
    private static final Duration NO_CONTEXT_TIME = Duration.ofMinutes(15);

    private final DiscussionPoints points;
    private final Dispatcher dispatcher;
    private final Supplier<Programme> programme;

    /** For Lambda: reads the environment once and builds real clients. */
    public DispatchHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private DispatchHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config, SendRate.Sleeper.THREAD);
    }

    /** For tests, benchmarks and the local runner: a replaceable sleeper lets a simulated clock drive the rate. */
    public DispatchHandler(AwsClients clients, Clock clock, FunctionsConfig config, SendRate.Sleeper sleeper) {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        MailStore mail = new MailStore(clients.dynamo(), config.tableName());
        this.programme = ProgrammeSource.of(config.programme(), clock);
        this.points = new DiscussionPoints(new ApplicationStore(clients.dynamo(), config.tableName()), mail,
                new Outbox(mail, clock), config.siteUrl(), clock);
        this.dispatcher = new Dispatcher(clients.ses(), mail, new Suppressions(clients.dynamo(), config.tableName()),
                new ApplicationStore(clients.dynamo(), config.tableName()), new MailRenderer(), new MimeComposer(config.mailFrom()),
                new SignedLinks(config.tokenKey(), new TokenStore(clients.dynamo(), config.tableName())), config.siteUrl(),
                new SendRate(config.sendRate(), clock, sleeper), config.configurationSet(), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        int queued = points.queueDue(programme.get());
        Supplier<Duration> timeLeft = context == null
                ? () -> NO_CONTEXT_TIME
                : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
        Dispatcher.Report report = dispatcher.dispatch(timeLeft);
        return "queued " + queued + ", sent " + report.sent() + ", failed " + report.failed() + ", skipped "
                + report.skipped() + ", requeued " + report.requeued()
                + report.stoppedBecause().map(r -> ", stopped: " + r).orElse("");
    }
}
