package org.iln.signup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.programme.Programme.Round;
import org.iln.programme.ProgrammeSource;

/**
 * Runs daily (an EventBridge schedule; the event's content is not used): moves the people
 * waitlisted for each open round into it, and applies the country cap to every round whose
 * applications have closed and whose matching date has not passed. Running it again is harmless.
 */
public final class CountryCapHandler implements RequestHandler<Map<String, Object>, String> {

    private final Participants core;
    private final Clock clock;

    /** For Lambda: reads the environment once and builds real clients. */
    public CountryCapHandler() {
        this(FunctionsConfig.fromEnvironment(System.getenv()));
    }

    private CountryCapHandler(FunctionsConfig config) {
        this(AwsClients.create(config), Clock.systemUTC(), config);
    }

    /** For tests and the local runner. */
    public CountryCapHandler(AwsClients clients, Clock clock, FunctionsConfig config) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.core = Participants.create(clients, clock, config, ProgrammeSource.of(config.programme(), clock));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int waitlisted = 0;
        int moved = 0;
        for (Round round : core.programme().get().rounds()) {
            if (round.isOpenOn(today)) {
                moved += core.countryCap().carryOver(round);
            }
            boolean due = round.hasClosedBy(today) && (round.matchDate() == null || !today.isAfter(round.matchDate()));
            if (due) {
                waitlisted += core.countryCap().apply(round);
            }
        }
        return "waitlisted " + waitlisted + ", moved from the waiting list " + moved;
    }
}
