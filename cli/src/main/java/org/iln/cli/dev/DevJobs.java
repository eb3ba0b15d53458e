package org.iln.cli.dev;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.iln.config.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.signup.CountryCapHandler;

/**
 * The scheduled jobs the dev server can run now ({@code /_dev/run/NAME}, {@code ./iln run NAME}):
 * each the real scheduled Lambda handler, called in-process with the local clients.
 *
 * <p>Every job is registered in {@link #register}, and only there.
 */
public final class DevJobs {

    /** Jobs the programme will have but this build does not: why each is missing. */
    static final Map<String, String> NOT_YET = Map.of(
            "matching", "the nightly matching handler (org.iln.round.NightlyMatchingHandler, issue #4) is not in this build yet",
            "dispatch", "the mail dispatch handler (org.iln.mail.DispatchHandler) is not in this build yet");

    private final Map<String, Runnable> jobs;

    private DevJobs(Map<String, Runnable> jobs) {
        this.jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    /** The one place jobs are registered: each is a real handler over the local clients. */
    static DevJobs register(AwsClients clients, Clock clock, FunctionsConfig config) {
        Map<String, Runnable> jobs = new LinkedHashMap<>();
        jobs.put("country-cap", () -> new CountryCapHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-country-cap", 512, 900_000)));
        // LEAD: when org.iln.round.NightlyMatchingHandler merges (issue #4), add (adjusting the constructor):
        // jobs.put("matching", () -> new org.iln.round.NightlyMatchingHandler(clients, clock, config).handleRequest(Map.of(), new LocalLambdaContext("iln-matching", 1024, 900_000)));
        // LEAD: when org.iln.mail.DispatchHandler merges, add (adjusting the constructor):
        // jobs.put("dispatch", () -> new org.iln.mail.DispatchHandler(clients, clock, config).handleRequest(Map.of(), new LocalLambdaContext("iln-dispatch", 512, 900_000)));
        return new DevJobs(jobs);
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

    /** Why a job is not here: "not in this build yet" for known future jobs, else the list of jobs. */
    public String whyMissing(String name) {
        String known = NOT_YET.get(name);
        return "no such job yet: " + name + (known != null ? " (" + known + ")" : "")
                + ". Jobs here: " + String.join(", ", names());
    }
}
