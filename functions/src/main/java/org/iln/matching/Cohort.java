package org.iln.matching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A validated pool turned into arrays indexed by participant (in id order), so the hard rules and
 * the score of any two people are a few array reads; the matcher never touches strings in its
 * inner loops.
 */
final class Cohort {

    static final int SECTOR_ANY = 0, SECTOR_SAME = 1, SECTOR_DIFFERENT = 2;
    static final int STAGE_ANY = 0, STAGE_SAME = 1, STAGE_EARLIER = 2, STAGE_LATER = 3;

    final int size;
    final String[] ids;
    final String[] countryNames;
    final String[] regionNames;
    final String[] interestNames;
    final String[] sectorNames;
    final int languageCount;
    final int interestCount;

    final int[] country;
    final int[] region;
    final int[] offsetMinutes;
    final int[][] languages;
    final int[][] interests;
    /** Bit sets of languages and interests when there are at most 64 of each (the usual case), else null. */
    private final long[] languageBits;
    private final long[] interestBits;
    final int[] sector;
    final int[] stage;
    final int[] wishSector;
    final int[] wishStage;
    final int[][] wishRegions;
    /** The countries each person excluded, as one bit set per person ({@link #countryWords} longs each): eligibility is asked O(n²) times. */
    private final long[] excludedBits;
    private final int countryWords;
    final boolean[] openToAny;
    final int[] maxPartners;
    final int[] waitingDays;
    final int[] waitingPoints;
    /** The most a person's own preferences can add to any pair, and their waiting points. */
    private final int[] ownMax;
    /**
     * Each person's blocked partners (previous partners and forbidden pairs, both ways), sorted; an
     * empty array for most. Arrays, not a set of boxed pair keys: eligibility is checked millions of
     * times a round, and the set's lookups were 13% of a profile of a 10,000-person match.
     */
    private final int[][] blockedWith;
    /** Whether anyone is blocked for this person: a compact first check that most pairs stop at. */
    private final boolean[] hasBlocked;
    private final Set<Long> forbidden;
    final ScoreWeights weights;

    /*
     * The score as table look-ups (see score): a person's wishes about a partner depend only on the
     * partner's profile (sector, career stage, region), and time-zone points only on the two offsets.
     * wishTable[wishRow[a] + profile[b]] is wishes(a, b); zonePoints[zone[a] * zoneCount + zone[b]] the
     * time-zone points. wishTable is null when the tables would be too big; then score computes.
     * wishedBy is wishTable transposed, wishedBy[wishedByRow[a] + wishClass[b]] = wishes(b, a): the
     * scans score one person against thousands, and that way both look-ups stay in one short row of
     * a table each (a profile's row here, a wish class's there) instead of one of them jumping
     * through all of wishTable's megabytes: that look-up was a fifth of a 10,000-person match's
     * samples, and the candidate graph took about a quarter less time (docs/benchmarks.md).
     */
    private final int[] profile;
    private final int[] wishRow;
    private final int[] wishTable;
    private final int[] wishClass;
    private final int[] wishedByRow;
    private final int[] wishedBy;
    private final int[] zone;
    private final int zoneCount;
    private final int[] zonePoints;
    /** Most table cells worth precomputing (4 M ints, 16 MB). */
    private static final long TABLE_LIMIT = 4_000_000;
    private static final int[] NOBODY = new int[0];

    Cohort(Pool pool, ScoreWeights weights) {
        this.weights = weights;
        List<Participant> people = new ArrayList<>(pool.participants());
        people.sort(Comparator.comparing(Participant::id));
        size = people.size();
        ids = people.stream().map(Participant::id).toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < size; i++) {
            index.put(ids[i], i);
        }

        TreeSet<String> countrySet = new TreeSet<>();
        TreeSet<String> languageSet = new TreeSet<>();
        TreeSet<String> interestSet = new TreeSet<>();
        TreeSet<String> sectorSet = new TreeSet<>();
        TreeSet<String> regionSet = new TreeSet<>(pool.regions().values());
        for (Participant p : people) {
            countrySet.add(p.country());
            countrySet.addAll(p.prefers().excludeCountries());
            languageSet.addAll(p.languages());
            interestSet.addAll(p.interests());
            sectorSet.add(p.sector());
            regionSet.addAll(p.prefers().regions());
        }
        Map<String, Integer> countryIndex = indexOf(countrySet);
        Map<String, Integer> languageIndex = indexOf(languageSet);
        Map<String, Integer> interestIndex = indexOf(interestSet);
        Map<String, Integer> sectorIndex = indexOf(sectorSet);
        Map<String, Integer> regionIndex = indexOf(regionSet);
        countryNames = countrySet.toArray(String[]::new);
        regionNames = regionSet.toArray(String[]::new);
        interestNames = interestSet.toArray(String[]::new);
        sectorNames = sectorSet.toArray(String[]::new);
        languageCount = languageSet.size();
        interestCount = interestSet.size();

        country = new int[size];
        region = new int[size];
        offsetMinutes = new int[size];
        languages = new int[size][];
        interests = new int[size][];
        sector = new int[size];
        stage = new int[size];
        wishSector = new int[size];
        wishStage = new int[size];
        wishRegions = new int[size][];
        countryWords = (countryNames.length + 63) >>> 6;
        excludedBits = new long[size * countryWords];
        openToAny = new boolean[size];
        maxPartners = new int[size];
        waitingDays = new int[size];
        waitingPoints = new int[size];
        ownMax = new int[size];

        LocalDate matchDate = pool.effectiveMatchDate();
        Instant matchInstant = matchDate.atTime(12, 0).toInstant(ZoneOffset.UTC);
        Map<String, Integer> offsets = new HashMap<>();
        languageBits = languageCount <= 64 ? new long[size] : null;
        interestBits = interestCount <= 64 ? new long[size] : null;
        forbidden = new HashSet<>();
        List<int[]> blocks = new ArrayList<>();
        Names names = new Names(countryIndex, languageIndex, interestIndex, sectorIndex, regionIndex, pool.regions(),
                offsets, matchInstant, index);
        for (int i = 0; i < size; i++) {
            read(i, people.get(i), names, blocks);
        }

        // profiles, wish rows and time-zone points for the table-driven score
        int stages = Participant.CAREER_STAGES.size();
        int profiles = sectorNames.length * stages * (regionNames.length + 1);
        profile = new int[size];
        int[] profileOwner = new int[profiles];
        Arrays.fill(profileOwner, -1);
        for (int i = 0; i < size; i++) {
            profile[i] = (sector[i] * stages + stage[i]) * (regionNames.length + 1) + region[i] + 1;
            if (profileOwner[profile[i]] < 0) {
                profileOwner[profile[i]] = i;
            }
        }
        Map<List<Integer>, Integer> wishClasses = new HashMap<>();
        wishClass = new int[size];
        List<Integer> classOwner = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int c = wishClasses.computeIfAbsent(wishClassKey(i), x -> classOwner.size());
            if (c == classOwner.size()) {
                classOwner.add(i);
            }
            wishClass[i] = c;
        }
        if ((long) classOwner.size() * profiles <= TABLE_LIMIT) {
            wishTable = new int[classOwner.size() * profiles];
            for (int c = 0; c < classOwner.size(); c++) {
                fillWishRow(c * profiles, classOwner.get(c), profileOwner);
            }
            int classes = classOwner.size();
            wishedBy = new int[wishTable.length];
            for (int c = 0; c < classes; c++) {
                for (int p = 0; p < profiles; p++) {
                    wishedBy[p * classes + c] = wishTable[c * profiles + p];
                }
            }
            wishRow = new int[size];
            wishedByRow = new int[size];
            for (int i = 0; i < size; i++) {
                wishRow[i] = wishClass[i] * profiles;
                wishedByRow[i] = profile[i] * classes;
            }
        } else {
            wishTable = null;
            wishRow = null;
            wishedBy = null;
            wishedByRow = null;
        }
        Map<Integer, Integer> zoneIndex = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            zoneIndex.putIfAbsent(offsetMinutes[i], 0);
        }
        int[] zoneOffsets = zoneIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int z = 0; z < zoneOffsets.length; z++) {
            zoneIndex.put(zoneOffsets[z], z);
        }
        zoneCount = zoneOffsets.length;
        zone = new int[size];
        for (int i = 0; i < size; i++) {
            zone[i] = zoneIndex.get(offsetMinutes[i]);
        }
        zonePoints = new int[zoneCount * zoneCount];
        for (int x = 0; x < zoneCount; x++) {
            for (int y = 0; y < zoneCount; y++) {
                zonePoints[x * zoneCount + y] = zonePoints(zoneOffsets[x], zoneOffsets[y]);
            }
        }

        for (List<String> pair : pool.forbids()) {
            int a = index.get(pair.get(0));
            int b = index.get(pair.get(1));
            forbidden.add(key(a, b));
            blocks.add(new int[] {a, b});
        }
        blockedWith = blockedWith(size, blocks);
        hasBlocked = new boolean[size];
        for (int i = 0; i < size; i++) {
            hasBlocked[i] = blockedWith[i].length > 0;
        }
    }

    /** Each person's blocked partners from pairs (either order, repeats allowed), sorted and distinct. */
    private static int[][] blockedWith(int size, List<int[]> pairs) {
        int[] counts = new int[size];
        for (int[] pair : pairs) {
            counts[pair[0]]++;
            counts[pair[1]]++;
        }
        int[][] with = new int[size][];
        for (int i = 0; i < size; i++) {
            with[i] = counts[i] == 0 ? NOBODY : new int[counts[i]];
            counts[i] = 0;
        }
        for (int[] pair : pairs) {
            int a = pair[0];
            int b = pair[1];
            with[a][counts[a]++] = b;
            with[b][counts[b]++] = a;
        }
        for (int i = 0; i < size; i++) {
            if (with[i].length > 1) {
                with[i] = Arrays.stream(with[i]).sorted().distinct().toArray();
            }
        }
        return with;
    }

    /** The indexes a person's names are read through, built once for the whole pool. */
    private record Names(Map<String, Integer> country, Map<String, Integer> language, Map<String, Integer> interest,
                         Map<String, Integer> sector, Map<String, Integer> region, Map<String, String> regionOf,
                         Map<String, Integer> offsets, Instant matchInstant, Map<String, Integer> index) {
    }

    /**
     * Reads person i into the arrays. A method of its own, not the body of the constructor's loop:
     * the JIT compiles a method after a few hundred calls, while a loop body run 10,000 times
     * stays interpreted (it was 0.7 s of a cold 10,000-person match).
     */
    private void read(int i, Participant p, Names names, List<int[]> blocks) {
        country[i] = names.country().get(p.country());
        String regionName = names.regionOf().get(p.country());
        region[i] = regionName == null ? -1 : names.region().get(regionName);
        offsetMinutes[i] = names.offsets().computeIfAbsent(p.timezone(),
                tz -> ZoneId.of(tz).getRules().getOffset(names.matchInstant()).getTotalSeconds() / 60);
        languages[i] = sortedIndexes(p.languages(), names.language());
        interests[i] = sortedIndexes(p.interests(), names.interest());
        if (languageBits != null) {
            languageBits[i] = bits(languages[i]);
        }
        if (interestBits != null) {
            interestBits[i] = bits(interests[i]);
        }
        sector[i] = names.sector().get(p.sector());
        stage[i] = Participant.CAREER_STAGES.indexOf(p.careerStage());
        wishSector[i] = switch (p.prefers().sector()) {
            case "same" -> SECTOR_SAME;
            case "different" -> SECTOR_DIFFERENT;
            default -> SECTOR_ANY;
        };
        wishStage[i] = switch (p.prefers().careerStage()) {
            case "same" -> STAGE_SAME;
            case "earlier" -> STAGE_EARLIER;
            case "later" -> STAGE_LATER;
            default -> STAGE_ANY;
        };
        wishRegions[i] = sortedIndexes(p.prefers().regions(), names.region());
        for (int c : sortedIndexes(p.prefers().excludeCountries(), names.country())) {
            excludedBits[i * countryWords + (c >>> 6)] |= 1L << c;
        }
        openToAny[i] = p.openToAny();
        maxPartners[i] = p.maxPartners();
        long days = Duration.between(p.appliedAt(), names.matchInstant()).toDays();
        waitingDays[i] = (int) Math.max(0, Math.min(days, 100_000));
        waitingPoints[i] = Math.min(weights.maxWaitingPoints(), waitingDays[i] / weights.daysPerWaitingPoint());
        int stated = (wishSector[i] != SECTOR_ANY ? 1 : 0) + (wishStage[i] != STAGE_ANY ? 1 : 0)
                + (wishRegions[i].length > 0 ? 1 : 0);
        ownMax[i] = stated * weights.preferenceMet() + waitingPoints[i];
        for (String previous : p.previousPartners()) {
            Integer j = names.index().get(previous);
            if (j != null && j != i) {
                blocks.add(new int[] {i, j});
            }
        }
    }

    /** What a person's wishes about any partner depend on: their own wishes and profile. */
    private List<Integer> wishClassKey(int i) {
        List<Integer> key = new ArrayList<>(5 + wishRegions[i].length);
        Collections.addAll(key, wishSector[i], sector[i], wishStage[i], stage[i], openToAny[i] ? 1 : 0);
        for (int r : wishRegions[i]) {
            key.add(r);
        }
        return key;
    }

    /** One wish class's row of the table: the wishes of {@code owner} about each profile's owner. */
    private void fillWishRow(int row, int owner, int[] profileOwner) {
        for (int p = 0; p < profileOwner.length; p++) {
            if (profileOwner[p] >= 0) {
                wishTable[row + p] = wishes(owner, profileOwner[p]);
            }
        }
    }

    int indexOf(String id) {
        int i = Arrays.binarySearch(ids, id);
        if (i < 0) {
            throw new IllegalArgumentException("unknown participant " + id);
        }
        return i;
    }

    static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /** Whether the hard rules allow a and b to be partners. */
    boolean eligible(int a, int b) {
        return a != b
                && country[a] != country[b]
                && sharesLanguage(a, b)
                && !excludes(a, country[b])
                && !excludes(b, country[a])
                && !blocked(a, b);
    }

    private boolean blocked(int a, int b) {
        return hasBlocked[a] && hasBlocked[b] && Arrays.binarySearch(blockedWith[a], b) >= 0;
    }

    /** Whether person listed this country in their {@code excludeCountries}. */
    boolean excludesCountry(int person, int country) {
        return excludes(person, country);
    }

    private boolean excludes(int person, int country) {
        return (excludedBits[person * countryWords + (country >>> 6)] & (1L << country)) != 0;
    }

    boolean sharesLanguage(int a, int b) {
        return languageBits != null ? (languageBits[a] & languageBits[b]) != 0 : intersects(languages[a], languages[b]);
    }

    /**
     * The people's interests as bit sets, in the order given, for scans that read them in a row; null
     * when the pool names more than 64 interests (then {@link #sharedInterests} compares lists).
     */
    long[] interestBits(int[] people) {
        return interestBits == null ? null : Arrays.stream(people).mapToLong(p -> interestBits[p]).toArray();
    }

    /** Person p's interests as a bit set, or 0 when {@link #interestBits(int[])} is null. */
    long interestBits(int p) {
        return interestBits == null ? 0 : interestBits[p];
    }

    int sharedInterests(int a, int b) {
        return interestBits != null ? Long.bitCount(interestBits[a] & interestBits[b]) : common(interests[a], interests[b]);
    }

    private static long bits(int[] indexes) {
        long bits = 0;
        for (int i : indexes) {
            bits |= 1L << i;
        }
        return bits;
    }

    /** The hard rules two people can break, in the order {@link #brokenRule} checks them. */
    enum Rule {
        SAME_COUNTRY, NO_LANGUAGE, FIRST_EXCLUDES_COUNTRY, SECOND_EXCLUDES_COUNTRY, FORBIDDEN, BEFORE
    }

    /** The first hard rule a and b break, or null when they may be partners ({@link #eligible}). */
    Rule brokenRule(int a, int b) {
        if (country[a] == country[b]) {
            return Rule.SAME_COUNTRY;
        }
        if (!sharesLanguage(a, b)) {
            return Rule.NO_LANGUAGE;
        }
        if (excludes(a, country[b])) {
            return Rule.FIRST_EXCLUDES_COUNTRY;
        }
        if (excludes(b, country[a])) {
            return Rule.SECOND_EXCLUDES_COUNTRY;
        }
        if (forbidden.contains(key(a, b))) {
            return Rule.FORBIDDEN;
        }
        if (blocked(a, b)) {
            return Rule.BEFORE;
        }
        return null;
    }

    /** The pair's score under the weights; assumes the pair is eligible. Equal to {@link #scoreByRules}, from tables. */
    int score(int a, int b) {
        if (wishTable == null) {
            return scoreByRules(a, b);
        }
        int s = weights.base()
                + weights.sharedInterest() * sharedInterests(a, b)
                + wishTable[wishRow[a] + profile[b]] + wishedBy[wishedByRow[a] + wishClass[b]]
                + zonePoints[zone[a] * zoneCount + zone[b]]
                + waitingPoints[a] + waitingPoints[b];
        return Math.max(0, s);
    }

    /** The pair's score computed term by term, as ScoreWeights defines it: the reference for {@link #score}. */
    int scoreByRules(int a, int b) {
        ScoreWeights w = weights;
        int s = w.base()
                + w.sharedInterest() * sharedInterests(a, b)
                + wishes(a, b) + wishes(b, a)
                + Math.max(0, w.closeTimeZones() - w.perHourApart() * hoursApart(a, b))
                + waitingPoints[a] + waitingPoints[b];
        return Math.max(0, s);
    }

    private int zonePoints(int offsetA, int offsetB) {
        int d = Math.abs(offsetA - offsetB) % (24 * 60);
        int hours = Math.min(d, 24 * 60 - d) / 60;
        return Math.max(0, weights.closeTimeZones() - weights.perHourApart() * hours);
    }

    /**
     * The part of {@link #scoreBound} that depends on a alone when b is anyone: {@code score(a, b) <=
     * boundOwn(a) + boundPartner(b)} for every b.
     */
    int boundOwn(int a) {
        return weights.base() + weights.sharedInterest() * interests[a].length + ownMax[a] + weights.closeTimeZones();
    }

    /**
     * {@code score(a, b) <= boundQuickOwn(a) + sharedInterest * sharedInterests(a, b) +
     * boundPartner(b)}: shared interests counted exactly, everything else at its best.
     */
    int boundQuickOwn(int a) {
        return weights.base() + ownMax[a] + weights.closeTimeZones();
    }

    /** The pair's time-zone points (the bounds above count them at their best, {@code closeTimeZones}). */
    int zonePointsOf(int a, int b) {
        return zonePoints[zone[a] * zoneCount + zone[b]];
    }

    /** See {@link #boundOwn}. */
    int boundPartner(int b) {
        return ownMax[b];
    }

    /** A cheap upper bound of {@link #score}: interests exact, everything else at its best. */
    int scoreBound(int a, int b) {
        return weights.base() + weights.sharedInterest() * sharedInterests(a, b) + ownMax[a] + ownMax[b]
                + weights.closeTimeZones();
    }

    /** Points from a's stated preferences about b. */
    private int wishes(int a, int b) {
        int met = 0;
        int unmet = 0;
        if (wishSector[a] != SECTOR_ANY) {
            if (sectorWishMet(a, b)) {
                met++;
            } else {
                unmet++;
            }
        }
        if (wishStage[a] != STAGE_ANY) {
            if (stageWishMet(a, b)) {
                met++;
            } else {
                unmet++;
            }
        }
        if (wishRegions[a].length > 0) {
            if (regionWishMet(a, b)) {
                met++;
            } else {
                unmet++;
            }
        }
        return met * weights.preferenceMet() - (openToAny[a] ? 0 : unmet * weights.preferenceUnmet());
    }

    boolean sectorWishMet(int a, int b) {
        return wishSector[a] == SECTOR_SAME ? sector[a] == sector[b] : sector[a] != sector[b];
    }

    boolean stageWishMet(int a, int b) {
        return switch (wishStage[a]) {
            case STAGE_SAME -> stage[b] == stage[a];
            case STAGE_EARLIER -> stage[b] < stage[a];
            case STAGE_LATER -> stage[b] > stage[a];
            default -> true;
        };
    }

    boolean regionWishMet(int a, int b) {
        return region[b] >= 0 && Arrays.binarySearch(wishRegions[a], region[b]) >= 0;
    }

    /** Whole hours between the two UTC offsets, rounded down, on the 24-hour circle. */
    int hoursApart(int a, int b) {
        return minutesApart(a, b) / 60;
    }

    int minutesApart(int a, int b) {
        int d = Math.abs(offsetMinutes[a] - offsetMinutes[b]) % (24 * 60);
        return Math.min(d, 24 * 60 - d);
    }

    private static boolean intersects(int[] x, int[] y) {
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                return true;
            }
            if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    static int common(int[] x, int[] y) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                n++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    /** Each value's position in sorted order. */
    private static Map<String, Integer> indexOf(TreeSet<String> values) {
        Map<String, Integer> index = new HashMap<>();
        for (String v : values) {
            index.put(v, index.size());
        }
        return index;
    }

    private static int[] sortedIndexes(List<String> values, Map<String, Integer> index) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.get(values.get(i));
        }
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return distinct == out.length ? out : Arrays.copyOf(out, distinct);
    }
}
