package org.iln.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.iln.cli.dev.LocalAws;
import org.iln.cli.dev.ProgrammeClock;
import org.iln.programme.Programme;
import org.iln.round.DraftReview;
import org.iln.round.PartnershipStore;
import org.iln.round.PartnershipStore.Coordination;
import org.iln.store.Application;
import org.iln.store.ApplicationStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `./iln coordinate`: hands coordinators' pins and forbids for a round to the nightly matching. */
@Command(name = "coordinate", mixinStandardHelpOptions = true,
        description = {"Save pins (pairs that must be partners) and forbids (pairs that must not be) for a round's "
                + "matching. Files hold one pair per line, 'id,id', with the participant ids of the coordinators' "
                + "draft report; blank lines and lines starting with # are skipped.",
                "A file given replaces that list; a list not given is kept. Every id must be a confirmed application "
                        + "of the round. Nothing is written unless every line is valid.",
                "A change is recorded in the round's audit under --by, like a pin or forbid from the coordinators' "
                        + "page, and withdraws an approval of the standing draft: the next night's draft needs "
                        + "approving again."})
final class CoordinateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--round", required = true, paramLabel = "ID", description = "The round, e.g. 2027-1.")
    private String round;

    @Option(names = "--pins", paramLabel = "PINS.csv", description = "Pairs that must be partners.")
    private Path pins;

    @Option(names = "--forbids", paramLabel = "FORBIDS.csv", description = "Pairs that must not be partners.")
    private Path forbids;

    @Option(names = "--by", required = true, paramLabel = "NAME",
            description = "Your name, as the round's audit shows it to the coordinators.")
    private String by;

    @Mixin
    private AwsTarget target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (by.isBlank()) {
            err.println("--by must name you: the round's audit shows who changed the pins and forbids. Nothing was written.");
            return 2;
        }
        if (pins == null && forbids == null) {
            err.println("Give --pins PINS.csv, --forbids FORBIDS.csv or both. Nothing was written.");
            return 2;
        }
        if ((target.endpoint == null) == (target.profile == null)) {
            err.println("Say where the table is: --aws-endpoint URL (an emulator) or --aws-profile NAME --table NAME "
                    + "(the deployed programme). Nothing was written.");
            return 2;
        }
        if (target.profile != null && target.table == null) {
            err.println("--aws-profile uses REAL AWS: name the deployed table with --table. Nothing was written.");
            return 2;
        }
        try (LocalAws aws = target.profile != null ? LocalAws.realAws(target.profile, target.table, target.region())
                : LocalAws.emulatorAt(target.endpoint, target.tableOrLocal(), target.region())) {
            ApplicationStore applications = new ApplicationStore(aws.clients().dynamo(), aws.table());
            Set<String> confirmed = applications.confirmedInRound(round)
                    .stream().filter(a -> a.status() == Application.Status.CONFIRMED)
                    .map(Application::participantId).collect(Collectors.toSet());
            List<String> problems = new ArrayList<>();
            Optional<List<List<String>>> pinned = read(pins, confirmed, problems);
            Optional<List<List<String>>> forbidden = read(forbids, confirmed, problems);
            pinned.ifPresent(p -> problems.addAll(eachOnce(pins, p)));
            if (pinned.isPresent() && forbidden.isPresent()) {
                Set<Set<String>> both = new HashSet<>(pinned.get().stream().map(Set::copyOf).toList());
                forbidden.get().stream().map(Set::copyOf).filter(both::contains).forEach(pair ->
                        problems.add(forbids + ": " + String.join(",", pair) + " is also pinned"));
            }
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.println("Nothing was written. Fix the lines above (ids are in the draft report) and run again.");
                return 2;
            }
            PartnershipStore store = new PartnershipStore(aws.clients().dynamo(), aws.table());
            Coordination before = store.coordination(round);
            Coordination after = new Coordination(pinned.orElse(before.pins()), forbidden.orElse(before.forbids()));
            // against an emulator, the dev server's programme clock (./iln run --date moves it): the audit is in its time
            Instant now = (target.profile != null ? Clock.systemUTC()
                    : ProgrammeClock.keptIn(aws.clients().dynamo(), aws.table(), Clock.systemUTC())).instant();
            // the audit entries go with the round's personal data (no confirmed application: a year, as the round's retention)
            Instant keptUntil = applications.keptUntil(round)
                    .orElse(now.atZone(ZoneOffset.UTC).plus(Programme.KEPT_AFTER_THE_ROUND).toInstant());
            DraftReview review = new DraftReview(aws.clients().dynamo(), aws.table(), store);
            if (!review.coordinate(round, before, after, by, now, keptUntil)) {
                out.printf("Round %s: the %d pins and %d forbids are as saved already in %s. Nothing was written.%n",
                        round, after.pins().size(), after.forbids().size(), aws.description());
                return 0;
            }
            out.printf("Round %s: %d pins and %d forbids saved (before: %d and %d) in %s, recorded in the round's "
                            + "audit as done by %s.%n"
                            + "The next matching night uses them, and its draft needs approving again (an approval of "
                            + "the standing draft is withdrawn); a pin that breaks a hard rule stops the publish and "
                            + "mails the coordinators.%n", round, after.pins().size(), after.forbids().size(),
                    before.pins().size(), before.forbids().size(), aws.description(), by);
            return 0;
        } catch (IOException e) {
            err.println("Could not read " + e.getMessage() + ". Nothing was written.");
            return 2;
        } catch (RuntimeException e) {
            err.println("Could not reach the table: " + e.getMessage() + ". Nothing was written.");
            return 1;
        }
    }

    /** The pairs of {@code file} (empty when not given); problems name the file, line and field. */
    private Optional<List<List<String>>> read(Path file, Set<String> confirmed, List<String> problems) throws IOException {
        if (file == null) {
            return Optional.empty();
        }
        List<List<String>> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] ids = line.split(",", -1);
            if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
                problems.add(where + "expected two ids, 'id,id'");
                continue;
            }
            String first = ids[0].strip();
            String second = ids[1].strip();
            if (first.equals(second)) {
                problems.add(where + "the two ids are the same");
                continue;
            }
            boolean known = true;
            for (String[] id : new String[][] {{"first", first}, {"second", second}}) {
                if (!confirmed.contains(id[1])) {
                    problems.add(where + id[0] + " id: " + id[1] + " is not a confirmed application of round " + round);
                    known = false;
                }
            }
            if (known) {
                pairs.add(List.of(first, second));
            }
        }
        return Optional.of(pairs);
    }

    /** A person can be pinned to one partner only. */
    private static List<String> eachOnce(Path file, List<List<String>> pairs) {
        Map<String, Integer> seen = new HashMap<>();
        pairs.forEach(pair -> pair.forEach(id -> seen.merge(id, 1, Integer::sum)));
        return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
                .map(id -> file + ": " + id + " is pinned more than once").toList();
    }
}
