package org.iln.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.iln.messages.compiled.CompiledCatalogues;

/**
 * Matches a whole pool at once: the most people matched, then the highest total score, under the
 * hard rules (different countries, a shared language, never a previous partner, no forbidden pair,
 * no excluded country), with coordinators' pins applied first.
 *
 * <p>Steps: pins; a candidate graph of each person's best k eligible partners; an exact
 * cardinality-first maximum-weight matching of that graph ({@link CardinalityFirstMatching}),
 * grown by pricing with the solver's LP duals until no eligible pair outside it can improve the
 * result by more than {@link MatcherOptions#pricingGap()};
 * a second pass over the people left out; augmenting paths (Edmonds) for anyone still left out
 * who has an eligible partner; groups of three with someone willing to have two partners; a
 * reason for everyone still unmatched. See docs/matching.md. Pools larger than
 * {@link MatcherOptions#chunkSize()} are first dealt into representative parts solved on their own.
 * The same pool always gives the same result.
 */
public final class Matcher {

    /** Pairs of the people left out that the augmenting-path search takes in, all together. */
    private static final int AUGMENTING_PAIRS = 2_000_000;

    private final MatcherOptions options;

    /** A matcher with the measured defaults. */
    public Matcher() {
        this(MatcherOptions.DEFAULTS);
    }

    /** A matcher with given options. */
    public Matcher(MatcherOptions options) {
        this.options = options;
    }

    /**
     * Matches a made-up pool of 1,000 people once, so that the JIT has compiled the matcher's hot
     * code: called while a Lambda initialises, it is done before SnapStart takes its snapshot, and
     * every restored instance starts with that code (n = 10,000: 4.3-4.5 s after it, 5.2-5.4 s in
     * a fresh JVM; 300, 500, 2,000 or 3,000 people did no better; docs/benchmarks.md). Touches no
     * one's data.
     *
     * @return the made-up pool's result (its statistics say the run did the whole job)
     */
    public static MatchResult warmUp() {
        return new Matcher().match(WarmUpPool.of(1_000));
    }

    /**
     * Matches the pool.
     *
     * @throws InvalidPoolException when a field is invalid or a pin breaks a hard rule
     */
    public MatchResult match(Pool pool) {
        return match(pool, message -> { });
    }

    /** Matches the pool, reporting progress lines (no personal data) to {@code progress}. */
    public MatchResult match(Pool pool, Consumer<String> progress) {
        pool.validate();
        Cohort cohort = new Cohort(pool, options.weights());
        int n = cohort.size;
        boolean[] taken = new boolean[n];
        List<int[]> partnerships = new ArrayList<>();
        List<Boolean> pinnedFlags = new ArrayList<>();

        for (int i = 0; i < pool.pins().size(); i++) {
            List<String> pin = pool.pins().get(i);
            int a = cohort.indexOf(pin.get(0));
            int b = cohort.indexOf(pin.get(1));
            String rule = Reasons.brokenRule(cohort, a, b);
            if (rule != null) {
                // the rule in English for logs and the CLI; the pin and its rule as data for the coordinators
                throw new InvalidPoolException("pins[" + i + "]: " + pin.get(0) + " and " + pin.get(1) + " cannot be partners: "
                        + Reason.word(rule, Reason.coordinators(), CompiledCatalogues.bundled().defaultCatalogue()),
                        Reason.pinRefused(pin.get(0), pin.get(1), rule));
            }
            taken[a] = true;
            taken[b] = true;
            partnerships.add(new int[] {Math.min(a, b), Math.max(a, b)});
            pinnedFlags.add(true);
        }

        long began = System.nanoTime();
        // People with no eligible partner at all cannot be matched: they stay out of every solve
        // (in some rounds they are a fifth of the pool), and keep their place in the groups of three.
        int[] open = IntStream.range(0, n).filter(i -> !taken[i]).toArray();
        boolean[] alone = withoutPartner(cohort, open);
        int[] free = Arrays.stream(open).filter(i -> !alone[i]).toArray();
        long aloneCheck = System.nanoTime() - began;
        int parts = parts(free.length);
        progress.accept("matching " + free.length + " people" + (parts > 1 ? " in " + parts + " parts" : "")
                + " (k = " + options.candidatesPerPerson() + "; " + (open.length - free.length)
                + " others have no eligible partner, found in " + seconds(aloneCheck) + ")");
        long[] edges = new long[1];
        List<long[]> graphs = new ArrayList<>();
        Phases phases = new Phases();
        for (int[] pair : solveAll(cohort, deal(cohort, free, parts), options.candidatesPerPerson(), "", edges, graphs,
                phases, progress)) {
            take(pair, taken, partnerships, pinnedFlags);
        }
        Phases first = phases.copy();

        // People a part left out may fit people another part left out: solve them together.
        long start = System.nanoTime();
        int before = (int) IntStream.range(0, n).filter(i -> taken[i]).count();
        int[] left = Arrays.stream(free).filter(i -> !taken[i]).toArray();
        if (left.length >= 2) {
            List<int[]> pairs = solveAll(cohort, deal(cohort, left, parts(left.length)),
                    options.candidatesPerPerson(), "second pass ", edges, graphs, phases, progress);
            for (int[] pair : pairs) {
                take(pair, taken, partnerships, pinnedFlags);
            }
        }
        long secondPass = System.nanoTime() - start;
        start = System.nanoTime();
        augment(cohort, graphs, taken, partnerships, pinnedFlags, progress);
        boolean augmented = IntStream.range(0, n).filter(i -> taken[i]).count() > before;
        long augmenting = System.nanoTime() - start;

        int[] rest = IntStream.range(0, n).filter(i -> !taken[i]).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -cohort.waitingDays[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        long pairScore = score(cohort, partnerships);
        int inPairs = 2 * partnerships.size();
        start = System.nanoTime();
        int trios = formGroupsOfThree(cohort, rest, taken, partnerships);
        if (rest.length > 0) {
            progress.accept("groups of three: " + trios + " of " + rest.length + " left out placed");
        }
        long grouping = System.nanoTime() - start;
        progress.accept(String.format(java.util.Locale.ROOT, "done in %s: %d of %d people in pairs, score %d; %s; %d solves;"
                        + " time: no-partner check %s, candidate graph %s, solves %s, pricing %s, second pass %s,"
                        + " augmenting paths %s, groups of three %s",
                seconds(System.nanoTime() - began), inPairs, n, pairScore,
                first.proof(parts, augmented, pairScore), phases.solves, seconds(aloneCheck),
                seconds(phases.candidates), seconds(phases.solving), seconds(phases.pricing), seconds(secondPass),
                seconds(augmenting), seconds(grouping)));

        return result(pool.round(), cohort, taken, partnerships, pinnedFlags, edges[0], parts);
    }

    /**
     * Who among these people has no eligible partner among them. People are grouped by country and
     * languages, so a person whose language nobody in another country speaks is found without
     * looking at anyone; only people of groups that could be partners are checked one by one.
     */
    static boolean[] withoutPartner(Cohort cohort, int[] people) {
        List<int[]> groups = PartnerGroups.byCountryAndLanguages(cohort, people);
        boolean[] alone = new boolean[cohort.size];
        IntStream.range(0, groups.size()).parallel().forEach(gi -> {
            int[] mine = groups.get(gi);
            int first = mine[0];
            for (int u : mine) {
                boolean found = false;
                for (int gj = 0; gj < groups.size() && !found; gj++) {
                    int[] theirs = groups.get(gj);
                    // the group's first member stands for its country and languages
                    if (cohort.country[theirs[0]] == cohort.country[first] || !cohort.sharesLanguage(first, theirs[0])) {
                        continue;
                    }
                    for (int v : theirs) {
                        if (cohort.eligible(u, v)) {
                            found = true;
                            break;
                        }
                    }
                }
                alone[u] = !found;
            }
        });
        return alone;
    }

    private static void take(int[] pair, boolean[] taken, List<int[]> partnerships, List<Boolean> pinnedFlags) {
        taken[pair[0]] = true;
        taken[pair[1]] = true;
        partnerships.add(pair);
        pinnedFlags.add(false);
    }

    private static long score(Cohort cohort, List<int[]> pairs) {
        long total = 0;
        for (int[] pair : pairs) {
            total += cohort.score(pair[0], pair[1]);
        }
        return total;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Deals people into parts so each part has its share of every language and country. */
    static int[][] deal(Cohort cohort, int[] people, int parts) {
        if (parts == 1) {
            return new int[][] {people};
        }
        Integer[] order = Arrays.stream(people).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer, int[]>comparing(i -> cohort.languages[i], Arrays::compare)
                .thenComparingInt(i -> cohort.country[i])
                .thenComparingInt(i -> cohort.offsetMinutes[i])
                .thenComparingInt(i -> i));
        List<List<Integer>> lists = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < order.length; i++) {
            lists.get(i % parts).add(order[i]);
        }
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }

    private int parts(int people) {
        return Math.max(1, (people + options.chunkSize() - 1) / options.chunkSize());
    }

    /** Solves every part, {@code options.threads()} at a time, and returns all their pairs in part order. */
    @SuppressWarnings("unchecked")
    private List<int[]> solveAll(Cohort cohort, int[][] chunks, int k, String label, long[] edges, List<long[]> graphs,
                                 Phases phases, Consumer<String> progress) {
        List<int[]>[] found = new List[chunks.length];
        long[][] keys = new long[chunks.length][];
        long[][] counts = new long[chunks.length][3];
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            pool.submit(() -> IntStream.range(0, chunks.length).parallel().forEach(c -> {
                long start = System.nanoTime();
                // Pricing re-solves a part several times: worth it for one part (up to chunkSize people),
                // too slow for ten (n = 100,000 must fit one Lambda run), whose parts are near-optimal anyway.
                int rounds = chunks.length == 1 ? options.pricingRounds() : 0;
                Islands islands = Islands.of(cohort, chunks[c]);
                long[] initial = CandidateGraph.build(cohort, chunks[c], islands, k, options.spread(), rounds > 0);
                counts[c][1] = System.nanoTime() - start;
                start = System.nanoTime();
                PricedMatching.Result solved = PricedMatching.solve(cohort, chunks[c], islands, initial, rounds,
                        options.pricedPerPerson(), options.pricingGap(), chunks.length == 1 ? progress : line -> { });
                counts[c][2] = System.nanoTime() - start;
                keys[c] = solved.keys();
                counts[c][0] = solved.keys().length;
                found[c] = solved.pairs();
                long score = score(cohort, found[c]);
                phases.add(counts[c][1], solved, score);
                synchronized (progress) {
                    progress.accept(label + (chunks.length > 1 ? "part " + done.incrementAndGet() + "/" + chunks.length : "pool")
                            + ": " + chunks[c].length + " people (" + islands + "), " + initial.length + " candidate pairs found in "
                            + seconds(counts[c][1]) + ", " + 2 * found[c].size() + " matched in " + seconds(counts[c][2])
                            + " (" + solved.rounds() + " solves, " + solved.added() + " pairs priced in, "
                            + (solved.optimal() ? "optimal over all eligible pairs"
                            : Double.isFinite(solved.gapBound()) ? String.format(java.util.Locale.ROOT,
                                    "within %.3f%% of the optimum over all eligible pairs", 100 * solved.gapBound() / Math.max(1, score))
                            : "optimal over the candidate graph") + ")");
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("matching was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < chunks.length; c++) {
            pairs.addAll(found[c]);
            edges[0] += counts[c][0];
            graphs.add(keys[c]);
        }
        return pairs;
    }

    /** Times and proofs gathered from the parts' solves, for the summary line. */
    private static final class Phases {
        long candidates;
        long solving;
        long pricing;
        int solves;
        int parts;
        double gap;
        boolean cardinalityProven = true;

        synchronized void add(long candidateNanos, PricedMatching.Result solved, long score) {
            candidates += candidateNanos;
            solving += solved.solveNanos();
            pricing += solved.priceNanos();
            solves += solved.rounds();
            parts++;
            gap += solved.optimal() ? 0 : solved.gapBound();
            cardinalityProven &= solved.cardinalityProven();
        }

        synchronized Phases copy() {
            Phases c = new Phases();
            c.candidates = candidates;
            c.solving = solving;
            c.pricing = pricing;
            c.solves = solves;
            c.parts = parts;
            c.gap = gap;
            c.cardinalityProven = cardinalityProven;
            return c;
        }

        /** What the first pass proved about the result, in words, never Infinity or NaN. */
        String proof(int poolParts, boolean augmented, long score) {
            if (poolParts > 1) {
                return "no proven gap (the pool was solved in " + poolParts + " parts, which are not priced)";
            }
            if (parts == 0) {
                return "nobody to match";
            }
            if (augmented) {
                return "no proven gap (a second pass or augmenting paths matched more people after pricing)";
            }
            if (!Double.isFinite(gap)) {
                return "no proven gap (pricing ended before every person had a dual)";
            }
            return String.format(java.util.Locale.ROOT, "proven within %.4f%% of the optimum over all eligible pairs%s",
                    100 * gap / Math.max(1, score), cardinalityProven ? ", with the most people matched"
                            : " with as many people matched (more matched people not ruled out over all pairs)");
        }
    }

    /**
     * Looks for augmenting paths for the people still left out: Edmonds' maximum-cardinality
     * matching, started from the current matching, on every part's candidate graph plus each
     * left-out person's best eligible pairs: {@link #AUGMENTING_PAIRS} shared among them, at least
     * {@link PricedMatching#LEFT_OUT_PAIRS} each (not all when many are left out: see there), ties
     * between equal scores broken by a hash of the pair, so that the lists of people who score the
     * same with everyone do not all name the same few. It only flips edges along augmenting
     * paths, so pairs off those paths stay as the weighted solve chose them. Pinned pairs are not touched.
     */
    private static void augment(Cohort cohort, List<long[]> graphs, boolean[] taken, List<int[]> partnerships,
                                List<Boolean> pinnedFlags, Consumer<String> progress) {
        int[] left = IntStream.range(0, cohort.size).filter(i -> !taken[i]).toArray();
        boolean[] pinned = new boolean[cohort.size];
        for (int p = 0; p < partnerships.size(); p++) {
            if (pinnedFlags.get(p)) {
                for (int m : partnerships.get(p)) {
                    pinned[m] = true;
                }
            }
        }
        int[] unpinned = IntStream.range(0, cohort.size).filter(q -> !pinned[q]).toArray();
        // The fewer are left out, the more of their pairs the search can afford: 84 left out of
        // 100,000 (the trap family, solved in parts) had augmenting paths only through pairs far
        // down their lists.
        int perPerson = Math.max(PricedMatching.LEFT_OUT_PAIRS, AUGMENTING_PAIRS / Math.max(1, left.length));
        PartnerGroups groups = CandidateGraph.groups(cohort, unpinned);
        long[][] lists = new long[left.length][];
        IntStream.range(0, left.length).parallel().forEach(i -> lists[i] = Arrays.stream(
                CandidateGraph.bestForWithSpreadTies(cohort, groups, left[i], perPerson)).mapToLong(q -> Cohort.key(left[i], q)).toArray());
        List<long[]> extra = List.of(lists);
        if (extra.stream().allMatch(row -> row.length == 0)) {
            return;
        }
        ArrayGraph graph = ArrayGraph.of(cohort.size,
                Stream.concat(graphs.stream(), extra.stream()).flatMapToLong(Arrays::stream).sorted().distinct().toArray());
        Set<Integer> current = new LinkedHashSet<>();
        for (int p = 0; p < partnerships.size(); p++) {
            if (!pinnedFlags.get(p)) {
                int[] pair = partnerships.get(p);
                current.add(graph.getEdge(pair[0], pair[1]));
            }
        }
        Set<Integer> best = graph.mostMatchedFrom(current);
        if (best.size() <= current.size()) {
            return;
        }
        progress.accept("augmenting paths: " + 2 * (best.size() - current.size()) + " more people matched");
        List<int[]> kept = new ArrayList<>();
        for (int p = 0; p < partnerships.size(); p++) {
            if (pinnedFlags.get(p)) {
                kept.add(partnerships.get(p));
            }
        }
        partnerships.clear();
        pinnedFlags.clear();
        for (int[] pair : kept) {
            partnerships.add(pair);
            pinnedFlags.add(true);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int e : best) {
            int a = graph.source(e);
            int b = graph.target(e);
            pairs.add(new int[] {Math.min(a, b), Math.max(a, b)});
        }
        pairs.sort(Comparator.comparingInt(pair -> pair[0]));
        for (int[] pair : pairs) {
            take(pair, taken, partnerships, pinnedFlags);
        }
    }

    /** Puts people left out into a pair where a member is willing to have two partners. */
    private static int formGroupsOfThree(Cohort cohort, int[] rest, boolean[] taken, List<int[]> partnerships) {
        List<Integer> hosts = new ArrayList<>();
        for (int p = 0; p < partnerships.size(); p++) {
            int[] members = partnerships.get(p);
            if (cohort.maxPartners[members[0]] == 2 || cohort.maxPartners[members[1]] == 2) {
                hosts.add(p);
            }
        }
        int placed = 0;
        for (int u : rest) {
            int best = -1;
            int bestScore = -1;
            for (int p : hosts) {
                int[] members = partnerships.get(p);
                if (members.length == 2 && cohort.eligible(u, members[0]) && cohort.eligible(u, members[1])) {
                    int s = cohort.score(u, members[0]) + cohort.score(u, members[1]);
                    if (s > bestScore) {
                        best = p;
                        bestScore = s;
                    }
                }
            }
            if (best >= 0) {
                int[] members = partnerships.get(best);
                int[] trio = {members[0], members[1], u};
                Arrays.sort(trio);
                partnerships.set(best, trio);
                taken[u] = true;
                placed++;
            }
        }
        return placed;
    }

    private static MatchResult result(String round, Cohort cohort, boolean[] taken, List<int[]> partnerships,
                                      List<Boolean> pinnedFlags, long candidateEdges, int parts) {
        Integer[] order = IntStream.range(0, partnerships.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(p -> partnerships.get(p)[0]));
        List<MatchResult.Partnership> out = new ArrayList<>();
        long total = 0;
        int trios = 0;
        int matched = 0;
        for (int p : order) {
            int[] members = partnerships.get(p);
            List<String> ids = new ArrayList<>();
            for (int m : members) {
                ids.add(cohort.ids[m]);
            }
            int score = 0;
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < members.length; i++) {
                for (int j = i + 1; j < members.length; j++) {
                    score += cohort.score(members[i], members[j]);
                    for (String r : Reasons.of(cohort, members[i], members[j])) {
                        reasons.add(members.length == 3 ? Reason.pair(cohort.ids[members[i]], cohort.ids[members[j]], r) : r);
                    }
                }
            }
            total += score;
            trios += members.length == 3 ? 1 : 0;
            matched += members.length;
            out.add(new MatchResult.Partnership(ids, score, reasons, pinnedFlags.get(p)));
        }
        // each reason looks at everyone: thousands of them at n = 10,000 where many share no language
        List<MatchResult.Unmatched> unmatched = IntStream.range(0, cohort.size).filter(i -> !taken[i]).parallel()
                .mapToObj(i -> new MatchResult.Unmatched(cohort.ids[i], Reasons.unmatched(cohort, i))).toList();
        MatchResult.Stats stats = new MatchResult.Stats(cohort.size, matched, unmatched.size(),
                out.size() - trios, trios, total, candidateEdges, parts);
        return new MatchResult(round, out, unmatched, stats);
    }
}
