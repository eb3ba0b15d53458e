package org.iln.figures;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.iln.aws.AwsClients;
import org.iln.config.FunctionsConfig;
import org.iln.mail.MailStore;
import org.iln.mail.Outbox;
import org.iln.programme.Programme;
import org.iln.programme.Programme.Round;
import org.iln.programme.ProgrammeSource;
import org.iln.round.CareStore;
import org.iln.store.AddressHasher;
import org.iln.survey.SurveyStore;

/**
 * Runs nightly after the round's end and before dispatch (an EventBridge schedule; the event's
 * content is not used): counts every round that has opened, per country, with its check-in and
 * survey figures, and replaces the published figures document; then queues the
 * {@link RoundReport} of each round that has ended (and its final edition once the survey has
 * closed) where a coordinator has not had it. Running it again the same
 * night writes the same figures and queues nothing more.
 */
public final class FiguresHandler implements RequestHandler<Map<String, Object>, String> {

    private final Counting counting;
    private final CareStore care;
    private final SurveyStore survey;
    private final FiguresStore store;
    private final RoundReport report;
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
        this.care = new CareStore(clients.dynamo(), config.tableName());
        this.survey = new SurveyStore(clients.dynamo(), config.tableName());
        this.store = new FiguresStore(clients.dynamo(), config.tableName());
        this.report = new RoundReport(new Outbox(new MailStore(clients.dynamo(), config.tableName()), clock),
                new AddressHasher(config.addressKey()), config.siteUrl());
        this.programme = ProgrammeSource.of(config.programme(), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Programme current = programme.get();
        List<Round> opened = current.rounds().stream().filter(round -> !today.isBefore(round.opens())).toList();
        Map<String, RoundCount> counts = new LinkedHashMap<>();
        Map<String, CareFigures> cares = new HashMap<>();
        for (Round round : opened) {
            counts.put(round.id(), counting.round(round.id(), now));
            cares.put(round.id(), CareFigures.of(care.checkIns(round.id()).stream().map(CareStore.CheckIn::answer)
                    .toList(), survey.choices(round.id())));
        }
        Set<String> ended = opened.stream()
                .filter(round -> round.ends() != null && today.isAfter(round.ends())).map(Round::id)
                .collect(Collectors.toSet());
        store.put(PublicFigures.of(List.copyOf(counts.values()), cares, ended, now));
        int reports = 0;
        for (Round round : opened) {
            Optional<RoundReport.Edition> due = RoundReport.due(round, today);
            if (due.isPresent()) {
                reports += report.queue(current, round, due.get(), counts.get(round.id()), cares.get(round.id()));
            }
        }
        return "figures for " + counts.size() + " round(s), round reports queued " + reports;
    }
}
