package org.iln.cli.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.DispatchHandler;
import org.iln.mail.SendRate;
import org.iln.programme.Programme;
import org.iln.round.NightlyMatchingHandler;
import org.iln.signup.CountryCapHandler;

/**
 * The scheduled jobs the dev server can run now ({@code /_dev/run/NAME}, {@code ./iln run NAME}):
 * each the real scheduled Lambda handler, called in-process with the local clients.
 *
 * <p>Every job is registered in {@link #register}, and only there.
 */
public final class DevJobs {

    private final Map<String, Runnable> jobs;

    private DevJobs(Map<String, Runnable> jobs) {
        this.jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    /**
     * The one place jobs are registered: each is a real handler over the local clients.
     *
     * <p>"matching" runs the match night of the round open today as if it were that round's match
     * date (a clock moved forward to it), then sends what the night queued, so that a newcomer sees
     * their introduction at once instead of waiting weeks for the real date.
     */
    static DevJobs register(AwsClients clients, Clock clock, FunctionsConfig config, Supplier<Programme> programme) {
        Map<String, Runnable> jobs = new LinkedHashMap<>();
        jobs.put("country-cap", () -> new CountryCapHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-country-cap", 512, 900_000)));
        jobs.put("matching", () -> {
            Clock matchNight = matchNightOfTheOpenRound(clock, programme.get());
            new NightlyMatchingHandler(clients, matchNight, config)
                    .handleRequest(Map.of(), new LocalLambdaContext("iln-matching", 3008, 900_000));
            new DispatchHandler(clients, matchNight, config, SendRate.Sleeper.THREAD)
                    .handleRequest(Map.of(), new LocalLambdaContext("iln-dispatch", 1024, 240_000));
        });
        jobs.put("dispatch", () -> new DispatchHandler(clients, clock, config, SendRate.Sleeper.THREAD)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-dispatch", 1024, 240_000)));
        return new DevJobs(jobs);
    }

    /** A clock running from 02:00 UTC on the match date of the round open today; today's clock if none is open. */
    static Clock matchNightOfTheOpenRound(Clock clock, Programme programme) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return programme.roundOpenOn(today)
                .map(round -> Clock.offset(clock, Duration.between(clock.instant(),
                        round.matchDate().atTime(2, 0).toInstant(ZoneOffset.UTC))))
                .orElse(clock);
    }

    /** A registry with exactly these jobs (tests). */
    static DevJobs of(Map<String, Runnable> jobs) {
        return new DevJobs(jobs);
    }

    /** The registered job names, in registration order. */
    public java.util.Set<String> names() {
        return jobs.keySet();
    }

    /** The job with this name, if registered. */
    public Optional<Runnable> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** Why a job is not here, with the list of jobs there are. */
    public String whyMissing(String name) {
        return "no such job: " + name + ". Jobs here: " + String.join(", ", names());
    }
}
