package org.iln.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.iln.matching.CardinalityFirstMatching;
import org.iln.matching.InvalidPoolException;
import org.iln.matching.MatchResult;
import org.iln.matching.Matcher;
import org.iln.matching.MatchingJson;
import org.iln.matching.Pool;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iln match}: runs the matcher offline on a pool file, or solves a plain weighted graph. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Matches a pool offline and prints a report (matched, unmatched with reasons, scores).",
            "With --edges, solves a plain weighted graph with the same objective: most pairs, then most weight."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "2:invalid input (the message names the record and the field)"})
public final class MatchCommand implements Callable<Integer> {

    static final int INVALID_INPUT = 2;
    private static final int PROGRESS_FROM = 5_000;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--pool", paramLabel = "POOL.json", description = "a pool file (docs/schema/pool.schema.json)")
        Path pool;

        @Option(names = "--edges", paramLabel = "EDGES.csv", description = "a graph as lines a,b,weight (weights not negative)")
        Path edges;
    }

    @Option(names = "--out", paramLabel = "RESULT.json",
            description = "where to write the result (docs/schema/result.schema.json); with --edges, the pairs as a,b lines")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return input.pool != null ? matchPool() : solveEdges();
        } catch (InvalidPoolException e) {
            err.println("invalid input: " + e.getMessage());
            err.println("Fix the file and run the command again.");
            err.flush();
            return INVALID_INPUT;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
            err.flush();
            return INVALID_INPUT;
        }
    }

    private int matchPool() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        MatchingJson json = new MatchingJson();
        Pool pool;
        try (InputStream in = Files.newInputStream(input.pool)) {
            pool = json.readPool(in);
        }
        Consumer<String> progress = pool.participants().size() >= PROGRESS_FROM
                ? line -> {
                    err.println("... " + line);
                    err.flush();
                }
                : line -> { };
        MatchResult result = new Matcher().match(pool, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (this.out != null) {
            Files.write(this.out, json.writeResult(result));
        }

        MatchResult.Stats stats = result.stats();
        out.printf(Locale.ROOT, "round %s: %d participants%n", result.round(), stats.participants());
        out.printf(Locale.ROOT, "matched: %d (%d pairs, %d groups of three)%n", stats.matched(), stats.pairs(), stats.groupsOfThree());
        out.printf(Locale.ROOT, "unmatched: %d%n", stats.unmatched());
        Map<String, Integer> reasons = new TreeMap<>();
        // The JSON keeps the reasons' codes; this summary words them in English, as a coordinator's draft would.
        CompiledCatalogue english = CompiledCatalogues.bundled().defaultCatalogue();
        result.unmatched().forEach(u -> reasons.merge(Reason.word(u.reason(), Reason.coordinators(english), english), 1,
                Integer::sum));
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey()));
        int[] scores = result.partnerships().stream().mapToInt(MatchResult.Partnership::score).sorted().toArray();
        if (scores.length > 0) {
            out.printf(Locale.ROOT, "scores: min %d, p25 %d, median %d, p75 %d, max %d, total %d%n",
                    scores[0], rank(scores, 0.25), rank(scores, 0.5), rank(scores, 0.75), scores[scores.length - 1],
                    stats.totalScore());
        }
        if (this.out != null) {
            out.println("result written to " + this.out);
        }
        out.printf(Locale.ROOT, "time: %.2f s%n", seconds);
        out.flush();
        return 0;
    }

    /** Nearest-rank percentile of sorted values. */
    private static int rank(int[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private int solveEdges() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<String[]> rows = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        List<String> lines = Files.readAllLines(input.edges, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equals("a,b,weight"))) {
                continue;
            }
            String at = input.edges.getFileName() + " line " + (i + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new InvalidPoolException(at + ": expected a,b,weight (3 fields), found " + cells.length);
            }
            String a = cells[0].strip();
            String b = cells[1].strip();
            if (a.isEmpty() || b.isEmpty()) {
                throw new InvalidPoolException(at + ": field 'a' and field 'b' must name vertices");
            }
            if (a.equals(b)) {
                throw new InvalidPoolException(at + ": joins " + a + " to itself");
            }
            double w;
            try {
                w = Double.parseDouble(cells[2].strip());
            } catch (NumberFormatException e) {
                throw new InvalidPoolException(at + ": field 'weight' is not a number");
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new InvalidPoolException(at + ": field 'weight' must be a finite number, not negative");
            }
            rows.add(new String[] {a, b});
            weights.add(w);
            names.add(a);
            names.add(b);
        }
        List<String> vertex = new ArrayList<>(names);
        Map<String, Integer> index = new TreeMap<>();
        for (String name : vertex) {
            index.put(name, index.size());
        }
        int m = rows.size();
        int[] a = new int[m];
        int[] b = new int[m];
        double[] w = new double[m];
        for (int e = 0; e < m; e++) {
            a[e] = index.get(rows.get(e)[0]);
            b[e] = index.get(rows.get(e)[1]);
            w[e] = weights.get(e);
        }
        int[] mate = new CardinalityFirstMatching().solve(vertex.size(), a, b, w);
        // the weight of each chosen pair: the heaviest edge between them (duplicates allowed in the file)
        Map<Long, Double> best = new java.util.HashMap<>();
        for (int e = 0; e < m; e++) {
            long key = Math.min(a[e], b[e]) * (long) vertex.size() + Math.max(a[e], b[e]);
            best.merge(key, w[e], Math::max);
        }
        int pairs = 0;
        BigDecimal total = BigDecimal.ZERO;
        StringBuilder chosen = new StringBuilder();
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] > v) {
                pairs++;
                total = total.add(BigDecimal.valueOf(best.get(v * (long) vertex.size() + mate[v])));
                chosen.append(vertex.get(v)).append(',').append(vertex.get(mate[v])).append('\n');
            }
        }
        if (this.out != null) {
            Files.writeString(this.out, chosen.toString(), StandardCharsets.UTF_8);
        }
        out.printf(Locale.ROOT, "vertices=%d edges=%d time=%.2fs%n", vertex.size(), m, (System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "pairs=%d weight=%s%n", pairs, plain(total));
        out.flush();
        return 0;
    }

    private static String plain(BigDecimal value) {
        String s = value.stripTrailingZeros().toPlainString();
        return s.equals("0.0") ? "0" : s;
    }
}
