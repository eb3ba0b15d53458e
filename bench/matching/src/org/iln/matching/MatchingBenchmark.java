package org.iln.matching;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jgrapht.alg.matching.blossom.v5.BlossomVOptions;

/**
 * The matching benchmark's program, run through bench/matching/run.sh. With {@code --run=FAMILY:N}
 * it matches one pool of a {@link PoolFamilies} family and prints one {@code RESULT} line (matched,
 * score, the gap the matcher proved, solves); with {@code --exact=FAMILY:N} it prints the exact
 * optimum over every eligible pair instead. run.sh starts each in a fresh JVM and prints the family
 * table. Other modes: sizes (the realistic pool beside a greedy baseline), {@code --quality}
 * (n = 10,000 against the exhaustive k = 50 optimum), {@code --options} and {@code --solver=N}
 * (Blossom V options).
 */
public final class MatchingBenchmark {

    private static final int OPTION_TIMEOUT_SECONDS = 120;
    private static long[] reference;

    private MatchingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        boolean quality = false;
        boolean blossomOptions = false;
        boolean warmUp = false;
        List<MatcherOptions> variants = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--write-pool=")) {
                // --write-pool=[FAMILY:]n:FILE writes a pool file, e.g. to try `iln match --pool`
                String[] nf = arg.substring("--write-pool=".length()).split(":");
                String family = nf.length > 2 ? nf[0] : "uniform";
                Files.write(Path.of(nf[nf.length - 1]), new com.fasterxml.jackson.databind.ObjectMapper()
                        .findAndRegisterModules()
                        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writeValueAsBytes(PoolFamilies.of(family, Integer.parseInt(nf[nf.length - 2]), 1)));
                continue;
            }
            if (arg.startsWith("--run=")) {
                String[] fn = arg.substring("--run=".length()).split(":");
                runOne(fn[0], Integer.parseInt(fn[1]), List.of(args).contains("--verbose"), List.of(args).contains("--primed"));
                return;
            }
            if (arg.startsWith("--repeat=")) {
                // --repeat=FAMILY:N:TIMES matches one pool TIMES times in this JVM: the later runs show the work without the JIT's warm-up
                String[] fnt = arg.substring("--repeat=".length()).split(":");
                repeat(fnt[0], Integer.parseInt(fnt[1]), Integer.parseInt(fnt[2]));
                return;
            }
            if (arg.startsWith("--exact=")) {
                String[] fn = arg.substring("--exact=".length()).split(":");
                exactOne(fn[0], Integer.parseInt(fn[1]));
                return;
            }
            if (arg.startsWith("--reference=")) {
                // reuse a reference measured before: --reference=matched:score
                String[] ms = arg.substring("--reference=".length()).split(":");
                reference = new long[] {Long.parseLong(ms[0]), Long.parseLong(ms[1])};
                continue;
            }
            if (arg.startsWith("--quality=")) {
                // --quality=k:chunk:spread[:pricingRounds[:pricedPerPerson]],...
                quality = true;
                for (String variant : arg.substring("--quality=".length()).split(",")) {
                    String[] kc = variant.split(":");
                    MatcherOptions options = MatcherOptions.DEFAULTS.withCandidatesPerPerson(Integer.parseInt(kc[0]))
                            .withChunkSize(Integer.parseInt(kc[1])).withSpread(Integer.parseInt(kc[2]));
                    if (kc.length > 3) {
                        options = options.withPricingRounds(Integer.parseInt(kc[3]));
                    }
                    if (kc.length > 4) {
                        options = options.withPricedPerPerson(Integer.parseInt(kc[4]));
                    }
                    if (kc.length > 5) {
                        options = options.withPricingGap(Double.parseDouble(kc[5]));
                    }
                    variants.add(options);
                }
                continue;
            }
            if (arg.startsWith("--solver=")) {
                solverExperiment(Integer.parseInt(arg.substring("--solver=".length())));
                continue;
            }
            switch (arg) {
                case "--quality" -> {
                    quality = true;
                    variants.add(MatcherOptions.DEFAULTS);
                }
                case "--options" -> blossomOptions = true;
                case "--warm-up" -> warmUp = true;
                default -> sizes.add(Integer.parseInt(arg.replace("_", "").replace(",", "")));
            }
        }
        out("java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (warmUp) {
            // what the nightly-matching Lambda does before its SnapStart snapshot
            long start = System.nanoTime();
            MatchResult made = Matcher.warmUp();
            out("warm-up: %d made-up people matched in %.2f s%n", made.stats().matched(), (System.nanoTime() - start) / 1e9);
        }
        for (int n : sizes) {
            endToEnd(n);
        }
        if (blossomOptions) {
            blossomOptions(10_000);
        }
        if (quality) {
            quality(10_000, variants);
        }
    }

    /**
     * Matches one family's pool and prints {@code RESULT matched=M score=S gap=G solves=K}: G is the
     * gap the matcher's own log proves (0 when it reports the optimum over all eligible pairs, "-"
     * when it proves none), K the number of solves it reports, and the people in pairs and their
     * score before groups of three (comparable with {@code --exact}; "-" when the log has no summary).
     * Primed, the JVM first runs {@link Matcher#warmUp()}, as the nightly-matching Lambda does before
     * its SnapStart snapshot, and the line ends with {@code primed=S}: the match's own seconds.
     */
    private static void runOne(String family, int n, boolean verbose, boolean primed) {
        if (primed) {
            Matcher.warmUp();
        }
        Pool pool = PoolFamilies.of(family, n, 1);
        long start = System.nanoTime();
        List<String> lines = new ArrayList<>();
        MatchResult result = new Matcher().match(pool, line -> {
            lines.add(line);
            if (verbose) {
                System.err.println("  .. " + line);
            }
        });
        String gap = "-";
        long solves = 0;
        String paired = "-";
        String pairScore = "-";
        java.util.regex.Pattern summary = java.util.regex.Pattern.compile("^done in .*: ([0-9]+) of [0-9]+ people in pairs, score ([0-9]+)");
        java.util.regex.Pattern within = java.util.regex.Pattern.compile("within ([0-9.]+)% of the optimum");
        java.util.regex.Pattern solved = java.util.regex.Pattern.compile("\\(([0-9]+) solves");
        for (String line : lines) {
            java.util.regex.Matcher m = within.matcher(line);
            if (m.find()) {
                gap = m.group(1);
            } else if (line.contains("optimal over all eligible pairs")) {
                gap = "0";
            }
            java.util.regex.Matcher d = summary.matcher(line);
            if (d.find()) {
                paired = d.group(1);
                pairScore = d.group(2);
                // the summary speaks for the whole pool; a part's or second pass's line only for itself
                if (line.contains("no proven gap")) {
                    gap = "-";
                }
            }
            java.util.regex.Matcher k = solved.matcher(line);
            while (k.find()) {
                solves += Long.parseLong(k.group(1));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out("RESULT matched=%d score=%d gap=%s solves=%d paired=%s pairScore=%s%s%n", result.stats().matched(),
                result.stats().totalScore(), gap, solves, paired, pairScore,
                primed ? String.format(java.util.Locale.ROOT, " primed=%.2f", seconds) : "");
    }

    /**
     * Matches one family's pool several times in one JVM and prints each run's time and phases
     * ({@code REPEAT run=R seconds=S} and the matcher's own summary of its phases): the first run
     * pays for the JIT's warm-up, the later ones show the work itself.
     */
    private static void repeat(String family, int n, int times) {
        for (int run = 1; run <= times; run++) {
            Pool pool = PoolFamilies.of(family, n, 1);
            long start = System.nanoTime();
            String[] phases = {""};
            MatchResult result = new Matcher().match(pool, line -> {
                if (line.startsWith("done in")) {
                    phases[0] = line.substring(line.indexOf("time: ") + "time: ".length());
                }
            });
            out("REPEAT run=%d seconds=%.2f matched=%d score=%d; %s%n", run, (System.nanoTime() - start) / 1e9,
                    result.stats().matched(), result.stats().totalScore(), phases[0]);
        }
    }

    /**
     * The exact optimum of one family's pool over every eligible pair, everyone with one partner
     * (groups of three come after the matching): {@code EXACT matched=M score=S pairs=P}.
     */
    private static void exactOne(String family, int n) {
        Cohort cohort = new Cohort(PricedMatchingTest.pairsOnly(PoolFamilies.of(family, n, 1)), ScoreWeights.DEFAULTS);
        long[] all = ExactOptimum.allPairs(cohort);
        long[] best = ExactOptimum.solve(cohort, all, new CardinalityFirstMatching());
        out("EXACT matched=%d score=%d pairs=%d%n", best[0], best[1], all.length);
    }

    private static void endToEnd(int n) throws IOException {
        Pool pool = PoolGenerator.realistic(n, 1);
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        MatchResult result = new Matcher().match(pool, line -> outln("  .. " + line));
        double seconds = (System.nanoTime() - start) / 1e9;
        out("n=%d matcher: %.2f s (cpu %.2f s, load %s), peak heap %d MB, peak RSS %d MB, matched %d (%.2f%%),"
                        + " unmatched %d, pairs %d, groups of three %d, total score %d, candidate edges %d, parts %d%n",
                n, seconds, (cpuNanos() - cpu) / 1e9, load(), peakHeapMb(), peakRssMb(), result.stats().matched(),
                100.0 * result.stats().matched() / n, result.stats().unmatched(), result.stats().pairs(),
                result.stats().groupsOfThree(), result.stats().totalScore(), result.stats().candidateEdges(),
                result.stats().chunks());

        // the greedy baseline on the same candidate graphs (same parts), highest score first
        start = System.nanoTime();
        Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);
        MatcherOptions options = MatcherOptions.DEFAULTS;
        int parts = Math.max(1, (n + options.chunkSize() - 1) / options.chunkSize());
        long[] greedy = new long[2];
        for (int[] part : Matcher.deal(cohort, IntStream.range(0, n).toArray(), parts)) {
            long[] g = greedy(cohort, CandidateGraph.build(cohort, part, options.candidatesPerPerson(), options.spread()));
            greedy[0] += g[0];
            greedy[1] += g[1];
        }
        seconds = (System.nanoTime() - start) / 1e9;
        out("n=%d greedy:  %.2f s, matched %d (%.2f%%), total score %d (pairs only, same candidate graphs)%n",
                n, seconds, greedy[0], 100.0 * greedy[0] / n, greedy[1]);
    }

    /** Highest score first, take an edge when both ends are free: matched people and total score. */
    static long[] greedy(Cohort cohort, long[] keys) {
        Integer[] order = IntStream.range(0, keys.length).boxed().toArray(Integer[]::new);
        int[] score = new int[keys.length];
        for (int e = 0; e < keys.length; e++) {
            score[e] = cohort.score((int) (keys[e] >>> 32), (int) keys[e]);
        }
        Arrays.sort(order, (x, y) -> score[y] != score[x] ? Integer.compare(score[y], score[x]) : Long.compare(keys[x], keys[y]));
        boolean[] used = new boolean[cohort.size];
        long matched = 0;
        long total = 0;
        for (int e : order) {
            int a = (int) (keys[e] >>> 32);
            int b = (int) keys[e];
            if (!used[a] && !used[b]) {
                used[a] = true;
                used[b] = true;
                matched += 2;
                total += score[e];
            }
        }
        return new long[] {matched, total};
    }

    private static void blossomOptions(int n) {
        Pool pool = PoolGenerator.realistic(n, 1);
        Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);
        int[] everyone = IntStream.range(0, n).toArray();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        for (int k : new int[] {10, 20}) {
            long[] keys = CandidateGraph.build(cohort, everyone, k, MatcherOptions.DEFAULTS.spread());
            for (BlossomVOptions.InitializationType init : List.of(BlossomVOptions.InitializationType.FRACTIONAL,
                    BlossomVOptions.InitializationType.GREEDY)) {
                for (BlossomVOptions.DualUpdateStrategy dual : BlossomVOptions.DualUpdateStrategy.values()) {
                    BlossomVOptions options = new BlossomVOptions(init, dual, true, false);
                    long start = System.nanoTime();
                    Future<long[]> run = executor.submit(() -> ExactOptimum.solve(cohort, keys, new CardinalityFirstMatching(options)));
                    try {
                        long[] r = run.get(OPTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        out("n=%d k=%d edges=%d %s/%s: %.2f s, matched %d, score %d%n",
                                n, k, keys.length, init, dual, (System.nanoTime() - start) / 1e9, r[0], r[1]);
                    } catch (TimeoutException e) {
                        // Blossom V cannot be interrupted: leave it, note it, and stop measuring (the CPU is taken)
                        out("n=%d k=%d edges=%d %s/%s: over %d s, abandoned%n",
                                n, k, keys.length, init, dual, OPTION_TIMEOUT_SECONDS);
                        System.exit(0);
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private static void quality(int n, List<MatcherOptions> variants) {
        Pool pool = PoolGenerator.realistic(n, 1);
        List<Participant> single = pool.participants().stream()
                .map(p -> new Participant(p.id(), p.country(), p.timezone(), p.languages(), p.sector(), p.careerStage(),
                        p.interests(), p.prefers(), p.openToAny(), 1, p.previousPartners(), p.appliedAt()))
                .toList();
        Pool pairsOnly = new Pool(pool.round(), pool.matchDate(), pool.regions(), single, List.of(), List.of());
        Cohort cohort = new Cohort(pairsOnly, ScoreWeights.DEFAULTS);
        long start = System.nanoTime();
        long[] best = reference;
        if (best == null) {
            long[] keys = exhaustiveTopK(cohort, 50);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            best = ExactOptimum.solve(cohort, keys, new CardinalityFirstMatching());
            out("n=%d reference: exhaustive k=50 graph (%d edges, %.1f s) solved exactly in %.1f s:"
                    + " matched %d, score %d%n", n, keys.length, buildSeconds, (System.nanoTime() - start) / 1e9, best[0], best[1]);
        } else {
            out("n=%d reference (measured before): matched %d, score %d%n", n, best[0], best[1]);
        }
        for (MatcherOptions options : variants) {
            start = System.nanoTime();
            long cpu = cpuNanos();
            MatchResult ours = new Matcher(options).match(pairsOnly, line -> outln("  .. " + line));
            double seconds = (System.nanoTime() - start) / 1e9;
            out("n=%d k=%d chunk=%d spread=%d pricing=%d/%d/%s matcher: %.2f s (cpu %.2f s, load %s), matched %d, score %d"
                            + " = %.3f%% of the k=50 optimum (gap %.3f%%)%n",
                    n, options.candidatesPerPerson(), options.chunkSize(), options.spread(), options.pricingRounds(),
                    options.pricedPerPerson(), options.pricingGap(), seconds, (cpuNanos() - cpu) / 1e9, load(), ours.stats().matched(), ours.stats().totalScore(),
                    100.0 * ours.stats().totalScore() / best[1], 100.0 - 100.0 * ours.stats().totalScore() / best[1]);
        }
    }

    /**
     * Blossom V options and a tie-breaking perturbation on the graph the pricing loop re-solves: the
     * k = 10 + 4 graph plus the pairs the first pricing round adds (3 per person).
     */
    private static void solverExperiment(int n) {
        Pool pool = PricedMatchingTest.pairsOnly(PoolGenerator.realistic(n, 1));
        Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);
        int[] everyone = IntStream.range(0, n).toArray();
        long start = System.nanoTime();
        long cpu = threadCpu();
        long[] keys = CandidateGraph.build(cohort, everyone, 10, 4);
        out("n=%d candidate graph: %d pairs, %.2f s (this thread's cpu %.2f s, load %s)%n", n, keys.length,
                (System.nanoTime() - start) / 1e9, (threadCpu() - cpu) / 1e9, load());
        start = System.nanoTime();
        cpu = threadCpu();
        CardinalityFirstMatching.Solution first = PricedMatching.solveGraph(cohort, everyone, keys, null);
        out("n=%d first solve: %.2f s (cpu %.2f s, load %s)%n", n, (System.nanoTime() - start) / 1e9, (threadCpu() - cpu) / 1e9, load());
        start = System.nanoTime();
        cpu = cpuNanos();
        long[] extra = PricedMatching.price(cohort, Islands.of(cohort, everyone), everyone, keys, first, 3, 0, true).pairs();
        out("n=%d pricing: %d pairs, %.2f s (process cpu %.2f s, load %s)%n", n, extra.length, (System.nanoTime() - start) / 1e9,
                (cpuNanos() - cpu) / 1e9, load());
        long[] graph = LongStream.concat(Arrays.stream(keys), Arrays.stream(extra)).sorted().toArray();
        for (boolean perturb : new boolean[] {true, false}) {
            for (BlossomVOptions.InitializationType init : List.of(BlossomVOptions.InitializationType.FRACTIONAL,
                    BlossomVOptions.InitializationType.GREEDY)) {
                for (BlossomVOptions.DualUpdateStrategy dual : List.of(BlossomVOptions.DualUpdateStrategy.MULTIPLE_TREE_CONNECTED_COMPONENTS,
                        BlossomVOptions.DualUpdateStrategy.MULTIPLE_TREE_FIXED_DELTA)) {
                    BlossomVOptions options = new BlossomVOptions(init, dual, true, false);
                    start = System.nanoTime();
                    cpu = threadCpu();
                    int[] a = new int[graph.length];
                    int[] b = new int[graph.length];
                    double[] w = new double[graph.length];
                    for (int e = 0; e < graph.length; e++) {
                        a[e] = (int) (graph[e] >>> 32);
                        b[e] = (int) graph[e];
                        w[e] = perturb ? cohort.score(a[e], b[e]) * (double) (1 << 20) + CandidateGraph.mix((int) (graph[e] ^ (graph[e] >>> 29))) % 100
                                : cohort.score(a[e], b[e]);
                    }
                    int[] mate = new CardinalityFirstMatching(options).solve(n, a, b, w);
                    long total = 0;
                    for (int v = 0; v < n; v++) {
                        if (mate[v] > v) {
                            total += cohort.score(v, mate[v]);
                        }
                    }
                    out("n=%d re-solve %d pairs, perturbed %s, %s/%s: %.2f s (cpu %.2f s, load %s), score %d%n", n, graph.length,
                            perturb, init, dual, (System.nanoTime() - start) / 1e9, (threadCpu() - cpu) / 1e9, load(), total);
                }
            }
        }
    }

    private static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Every person's best k eligible partners by brute force: the reference graph. */
    static long[] exhaustiveTopK(Cohort cohort, int k) {
        int n = cohort.size;
        long[][] rows = new long[n][];
        IntStream.range(0, n).parallel().forEach(p -> {
            int[] id = new int[k];
            int[] sc = new int[k];
            int count = 0;
            for (int q = 0; q < n; q++) {
                if (!cohort.eligible(p, q)) {
                    continue;
                }
                int s = cohort.score(p, q);
                if (count < k) {
                    id[count] = q;
                    sc[count++] = s;
                    continue;
                }
                int worst = 0;
                for (int i = 1; i < k; i++) {
                    if (sc[i] < sc[worst] || (sc[i] == sc[worst] && id[i] > id[worst])) {
                        worst = i;
                    }
                }
                if (s > sc[worst]) {
                    id[worst] = q;
                    sc[worst] = s;
                }
            }
            long[] row = new long[count];
            for (int i = 0; i < count; i++) {
                row[i] = Cohort.key(p, id[i]);
            }
            rows[p] = row;
        });
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).sorted().distinct().toArray();
    }

    /** CPU time of the whole process (all threads), so times under load can be compared. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** The 1-minute load average of the machine, as other work makes times vary. */
    static String load() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void out(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
        System.out.flush();
    }

    private static void outln(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static long peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        }
        return -1;
    }
}
