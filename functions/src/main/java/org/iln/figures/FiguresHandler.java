package org.iln.figures;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.programme.Programme;
import org.iln.programme.ProgrammeSource;

/**
 * Runs nightly after the round's end and before dispatch (an EventBridge schedule; the event's
 * content is not used): counts every round that has opened, per country, and replaces the
 * published figures document. Running it again the same night writes the same figures.
 */
public final class FiguresHandler implements RequestHandler<Map<String, Object>, String> {

    private final Counting counting;
    private final FiguresStore store;
    private final Supplier<Programme> programme;
    private final Clock clock;

    /** For Lambda: reads the environment once and builds real clients. */
    public FiguresHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private FiguresHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public FiguresHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counting = new Counting(clients.dynamo(), config.tableName());
        this.store = new FiguresStore(clients.dynamo(), config.tableName());
        this.programme = ProgrammeSource.of(config.programme(), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<RoundCount> counts = programme.get().rounds().stream()
                .filter(round -> !today.isBefore(round.opens()))
                .map(round -> counting.round(round.id(), now))
                .toList();
        store.put(PublicFigures.of(counts, now));
        return "figures for " + counts.size() + " round(s)";
    }
}
