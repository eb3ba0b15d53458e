package org.iln.cli.dev;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.figures.FiguresHandler;
import org.iln.mail.DispatchHandler;
import org.iln.mail.SendRate;
import org.iln.programme.Programme;
import org.iln.round.DraftReview;
import org.iln.round.NightlyMatchingHandler;
import org.iln.round.RoundEndHandler;
import org.iln.round.RoundCareHandler;
import org.iln.round.PartnershipStore;
import org.iln.signup.CountryCapHandler;

/**
 * The scheduled jobs the dev server can run now ({@code /_dev/run/NAME}, {@code ./iln run NAME}):
 * each the real scheduled Lambda handler, called in-process with the local clients and the one
 * {@link ProgrammeClock}.
 *
 * <p>{@link #register} lists them in the order production runs them in a night (the CDK stack's
 * schedules: country cap at 01:30 UTC, matching at 02:00, round care at 02:30, the round's end at
 * 02:40, figures at 04:00, dispatch every five minutes), and
 * {@value #NIGHTLY} runs them all in that order. A new scheduled job is one more entry there.
 */
public final class DevJobs {

    /** The name that runs every job of the night, in order. */
    public static final String NIGHTLY = "nightly";

    private final Map<String, Runnable> night;
    private final Optional<ProgrammeClock> clock;
    private final Optional<Supplier<Programme>> programme;
    private final Optional<Runnable> newcomersMatching;

    private DevJobs(Map<String, Runnable> night, Optional<ProgrammeClock> clock, Optional<Supplier<Programme>> programme,
                    Optional<Runnable> newcomersMatching) {
        this.night = new LinkedHashMap<>(night);
        this.clock = clock;
        this.programme = programme;
        this.newcomersMatching = newcomersMatching;
    }

    /**
     * The one place jobs are registered, in production's order within a night: each is a real
     * handler over the local clients, on the programme clock.
     *
     * <p>"matching" is followed by a dispatch, as production's five-minute dispatch follows the
     * 02:00 matching, so that the introductions are in the mail viewer when the job answers.
     *
     * <p>Run without a date ({@code ./iln run matching}, the /_dev button), matching is a
     * newcomer's shortcut: the night drafts, the demo programme team approves that draft (as a
     * programme coordinator does from the draft mail's link), and the night runs again and
     * publishes it. With {@code --date}, and in "nightly", nobody approves for you: the draft waits
     * for its approve link, as in production.
     */
    static DevJobs register(AwsClients clients, ProgrammeClock clock, FunctionsConfig config,
                            Supplier<Programme> programme) {
        Runnable dispatch = () -> new DispatchHandler(clients, clock, config, SendRate.Sleeper.THREAD)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-dispatch", 1024, 240_000));
        Map<String, Runnable> night = new LinkedHashMap<>();
        night.put("country-cap", () -> new CountryCapHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-country-cap", 512, 900_000)));
        Runnable matching = () -> new NightlyMatchingHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-matching", 3008, 900_000));
        night.put("matching", () -> {
            matching.run();
            dispatch.run();
        });
        night.put("round-care", () -> new RoundCareHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-round-care", 1024, 300_000)));
        // Followed by a dispatch too, so that the round-end mail is in the mail viewer when it answers.
        night.put("round-end", () -> {
            new RoundEndHandler(clients, clock, config)
                    .handleRequest(Map.of(), new LocalLambdaContext("iln-round-end", 1024, 300_000));
            dispatch.run();
        });
        night.put("figures", () -> new FiguresHandler(clients, clock, config)
                .handleRequest(Map.of(), new LocalLambdaContext("iln-figures", 1024, 300_000)));
        night.put("dispatch", dispatch);
        Runnable newcomers = () -> {
            matching.run();
            approveTodaysDrafts(new PartnershipStore(clients.dynamo(), config.tableName()), programme.get(), clock);
            matching.run();
            dispatch.run();
        };
        return new DevJobs(night, Optional.of(clock), Optional.of(programme), Optional.of(newcomers));
    }

    /** The demo programme team approves the draft of every round whose match date has come and that is not published. */
    private static void approveTodaysDrafts(PartnershipStore partnerships, Programme programme, ProgrammeClock clock) {
        LocalDate today = clock.today();
        DraftReview review = partnerships.review();
        for (Programme.Round round : programme.rounds()) {
            if (round.matchDate() == null || today.isBefore(round.matchDate()) || partnerships.isPublished(round.id())) {
                continue;
            }
            review.draftVersion(round.id()).ifPresent(version -> review.approve(round.id(), version,
                    DEMO_APPROVER, "dev", clock.instant(), round.personalDataKeptUntil()));
        }
    }

    /** Who approves in a newcomer's matching: named so in the audit and the next draft. */
    static final String DEMO_APPROVER = "the demo programme team (./iln run matching without --date)";

    /** A registry with exactly these jobs and no clock to move (tests). */
    static DevJobs of(Map<String, Runnable> jobs) {
        return new DevJobs(jobs, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The registered job names in the night's order, then {@value #NIGHTLY} (when there are jobs). */
    public Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>(night.keySet());
        if (!night.isEmpty()) {
            names.add(NIGHTLY);
        }
        return names;
    }

    /** The job with this name, if registered, run on the programme's today. */
    public Optional<Runnable> job(String name) {
        if (NIGHTLY.equals(name) && !night.isEmpty()) {
            List<Runnable> all = new ArrayList<>(night.values());
            return Optional.of(() -> all.forEach(Runnable::run));
        }
        return Optional.ofNullable(night.get(name));
    }

    /**
     * The job with this name as it runs for this request: "matching" without a date is the
     * newcomer's shortcut (draft, the demo team's approval, publish; see {@link #register}).
     */
    public Optional<Runnable> job(String name, Optional<LocalDate> date) {
        if ("matching".equals(name) && date.isEmpty() && newcomersMatching.isPresent()) {
            return newcomersMatching;
        }
        return job(name);
    }

    /**
     * The job with this name, run as the night of {@code date}: the programme clock moves forward
     * to it first. Without a date, "matching" while a round takes applications moves the clock to
     * that round's match date, so that a newcomer is matched at once; every other job runs on the
     * programme's today.
     *
     * @return what the clock did, for the answer ("" when it did not move)
     * @throws IllegalArgumentException when {@code date} is before the programme's today
     */
    public String moveClockFor(String name, Optional<LocalDate> date) {
        if (clock.isEmpty()) {
            return "";
        }
        ProgrammeClock programmeClock = clock.get();
        LocalDate before = programmeClock.today();
        Optional<LocalDate> to = date.isPresent() || !"matching".equals(name) ? date
                : programme.flatMap(p -> p.get().roundOpenOn(before)).map(Programme.Round::matchDate);
        to.ifPresent(programmeClock::advanceTo);
        LocalDate after = programmeClock.today();
        return after.equals(before) ? "" : "programme clock moved from " + before + " to " + after;
    }

    /** The programme's today, if the jobs run on a programme clock. */
    public Optional<LocalDate> today() {
        return clock.map(ProgrammeClock::today);
    }

    /** Why a job is not here, with the list of jobs there are. */
    public String whyMissing(String name) {
        return "no such job: " + name + ". Jobs here: " + String.join(", ", names());
    }
}
