package org.iln.matching;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Seeded pool shapes that stress the matcher in different ways (issue 19): the realistic uniform
 * pool, a real round, language clusters, skewed country sizes, pools where many have no eligible
 * partner, asymmetric wishes with region limits, many people willing to have two partners, a
 * trap where the heaviest pairs strand two people per path, and thousands competing for the few
 * abroad who speak their language. The same family, size and seed always
 * give the same pool. Used by the tests (small pools against an exact oracle) and by
 * bench/matching.
 */
final class PoolFamilies {

    /** Family names in the order the benchmark prints them. */
    static final List<String> NAMES = List.of("uniform", "real-round", "language-clustered", "skewed",
            "near-impossible", "asymmetric", "two-partners", "trap", "scarce-language");

    private static final Map<String, BiFunction<Integer, Long, Pool>> FAMILIES = Map.of(
            "uniform", PoolGenerator::realistic,
            "real-round", PoolFamilies::realRound,
            "language-clustered", PoolFamilies::languageClustered,
            "skewed", PoolFamilies::skewed,
            "near-impossible", PoolFamilies::nearImpossible,
            "asymmetric", PoolFamilies::asymmetric,
            "two-partners", PoolFamilies::twoPartners,
            "trap", PoolFamilies::trap,
            "scarce-language", PoolFamilies::scarceLanguage);

    private static final String[] ZONES = {"Australia/Sydney", "America/New_York", "Europe/London", "Asia/Kolkata",
        "Africa/Lagos", "America/Sao_Paulo", "Asia/Tokyo", "Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles"};
    private static final String[] REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"};
    private static final String[] SECTORS = {"academic", "public", "school", "special", "government", "health",
        "archives", "museum", "lis-student", "other"};

    private PoolFamilies() {
    }

    /** The named family's pool of n people. */
    static Pool of(String family, int n, long seed) {
        BiFunction<Integer, Long, Pool> make = FAMILIES.get(family);
        if (make == null) {
            throw new IllegalArgumentException("unknown family '" + family + "'; known: " + NAMES);
        }
        return make.apply(n, seed);
    }

    /** One synthetic country: code, time zone, region, languages every resident speaks. */
    private record Country(String code, String zone, String region, List<String> languages) {
    }

    /** Builds people one at a time with shared defaults that each family overrides. */
    private static final class Builder {
        final Random random;
        final List<Participant> people = new ArrayList<>();
        final Map<String, String> regions = new TreeMap<>();
        final Instant opens = PoolGenerator.MATCH_DATE.minusDays(42).atStartOfDay().toInstant(ZoneOffset.UTC);

        Builder(long seed) {
            this.random = new Random(seed);
        }

        Country country(int i, List<String> languages) {
            Country c = new Country(String.format("C%03d", i), ZONES[i % ZONES.length], REGIONS[i % REGIONS.length], languages);
            regions.put(c.code(), c.region());
            return c;
        }

        List<String> interests() {
            LinkedHashSet<String> interests = new LinkedHashSet<>();
            int wanted = 1 + random.nextInt(5);
            while (interests.size() < wanted) {
                interests.add(PoolGenerator.INTERESTS[(int) (PoolGenerator.INTERESTS.length * Math.pow(random.nextDouble(), 1.6))]);
            }
            return List.copyOf(interests);
        }

        Participant.Preferences wishes(int percent) {
            if (random.nextInt(100) >= percent) {
                return Participant.Preferences.NONE;
            }
            List<String> regionWish = random.nextInt(100) < 40 ? List.of(REGIONS[random.nextInt(REGIONS.length)]) : List.of();
            return new Participant.Preferences(new String[] {"any", "same", "different"}[random.nextInt(3)],
                    new String[] {"any", "same", "earlier", "later"}[random.nextInt(4)],
                    regionWish, List.of());
        }

        Instant applied() {
            return random.nextInt(100) < 5 ? opens.minusSeconds(86_400L * (60 + random.nextInt(120)))
                    : opens.plusSeconds(random.nextInt(28 * 86_400));
        }

        /** Adds a person and returns their index. */
        int add(Country c, List<String> languages, List<String> interests, Participant.Preferences wishes,
                int maxPartners, List<String> previous) {
            int i = people.size();
            people.add(new Participant(PoolGenerator.id(i), c.code(), c.zone(), languages,
                    SECTORS[random.nextInt(SECTORS.length)],
                    Participant.CAREER_STAGES.get(random.nextInt(Participant.CAREER_STAGES.size())), interests, wishes,
                    random.nextInt(100) < 40, maxPartners, previous, applied()));
            return i;
        }

        int add(Country c, List<String> languages) {
            return add(c, languages, interests(), wishes(40), 1, List.of());
        }

        Pool pool(String name, int n) {
            return new Pool(name + "-" + n, PoolGenerator.MATCH_DATE, regions, people, List.of(), List.of());
        }
    }

    /**
     * The shape of a real round (issue 19): a few English-speaking countries make up half the pool;
     * most people elsewhere speak only their own language; 40% state preferences, some limited to
     * regions; a few take two partners; a fifth are returning, with previous partners.
     */
    static Pool realRound(int n, long seed) {
        Builder b = new Builder(seed);
        List<Country> english = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            english.add(b.country(i, List.of("en")));
        }
        List<Country> others = new ArrayList<>();
        for (int i = 5; i < 45; i++) {
            // languages spoken in one country only (like Japanese), and some shared by three (like Spanish)
            others.add(b.country(i, List.of("l" + (i < 25 ? i : 25 + i % 5))));
        }
        for (int i = 0; i < n; i++) {
            boolean fromEnglish = b.random.nextBoolean();
            Country c = fromEnglish ? english.get(Math.min(4, (int) (5 * Math.pow(b.random.nextDouble(), 1.5))))
                    : others.get((int) (others.size() * Math.pow(b.random.nextDouble(), 1.3)));
            List<String> languages = fromEnglish || b.random.nextInt(100) < 40 ? union(c.languages(), "en") : c.languages();
            List<String> previous = new ArrayList<>();
            if (i > 0 && b.random.nextInt(100) < 20) {
                for (int p = 1 + b.random.nextInt(3); p > 0; p--) {
                    previous.add(PoolGenerator.id(b.random.nextInt(i)));
                }
            }
            b.add(c, languages, b.interests(), b.wishes(40), b.random.nextInt(100) < 5 ? 2 : 1, List.copyOf(new LinkedHashSet<>(previous)));
        }
        return b.pool("real-round", n);
    }

    /**
     * Three English-speaking countries hold 30%; everyone else speaks a language shared with at
     * most two other countries, and only a fifth of them also speak English.
     */
    static Pool languageClustered(int n, long seed) {
        Builder b = new Builder(seed);
        List<Country> countries = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            countries.add(b.country(i, List.of(i < 3 ? "en" : "l" + (i / 3))));
        }
        for (int i = 0; i < n; i++) {
            Country c = b.random.nextInt(100) < 30 ? countries.get(b.random.nextInt(3)) : countries.get(3 + b.random.nextInt(30));
            boolean english = c.languages().contains("en") || b.random.nextInt(100) < 20;
            b.add(c, english ? union(c.languages(), "en") : c.languages());
        }
        return b.pool("language-clustered", n);
    }

    /** One country at the 20% cap, a few middling ones, and dozens with one to five people. */
    static Pool skewed(int n, long seed) {
        Builder b = new Builder(seed);
        Country big = b.country(0, List.of("en"));
        List<Country> middle = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            middle.add(b.country(i, i % 3 == 0 ? List.of("en", "l" + i) : List.of("en")));
        }
        int tiny = Math.max(2, Math.min(60, n / 20));
        List<Country> small = new ArrayList<>();
        for (int i = 0; i < tiny; i++) {
            small.add(b.country(11 + i, List.of(i % 2 == 0 ? "en" : "l" + (i % 7))));
        }
        for (int i = 0; i < n; i++) {
            int r = b.random.nextInt(100);
            if (i < n / 5) {
                b.add(big, big.languages());
            } else if (i < n / 5 + 3 * tiny) {
                Country c = small.get((i - n / 5) % tiny);
                b.add(c, r < 50 ? union(c.languages(), "en") : c.languages());
            } else {
                Country c = middle.get((int) (middle.size() * Math.pow(b.random.nextDouble(), 2)));
                b.add(c, c.languages());
            }
        }
        return b.pool("skewed", n);
    }

    /**
     * Two in five people have no eligible partner at all: they speak only a language nobody
     * outside their own country speaks. The rest are a realistic pool.
     */
    static Pool nearImpossible(int n, long seed) {
        Builder b = new Builder(seed);
        List<Country> countries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            countries.add(b.country(i, List.of(i < 10 ? "en" : "l" + i)));
        }
        for (int i = 0; i < n; i++) {
            boolean alone = b.random.nextInt(100) < 40;
            Country c = alone ? countries.get(10 + b.random.nextInt(10)) : countries.get(b.random.nextInt(10));
            b.add(c, c.languages());
        }
        return b.pool("near-impossible", n);
    }

    /**
     * Everyone states wishes, most of them one-sided (public librarians asking for academics,
     * early-career people asking for seniors), and half limit their partner's region; some
     * exclude a country.
     */
    static Pool asymmetric(int n, long seed) {
        Builder b = new Builder(seed);
        List<Country> countries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            countries.add(b.country(i, i % 4 == 0 ? List.of("en", "l" + i) : List.of("en")));
        }
        for (int i = 0; i < n; i++) {
            Country c = countries.get((int) (countries.size() * Math.pow(b.random.nextDouble(), 1.5)));
            List<String> regionWish = b.random.nextInt(100) < 50
                    ? List.of(REGIONS[(int) (REGIONS.length * Math.pow(b.random.nextDouble(), 2))]) : List.of();
            List<String> exclude = b.random.nextInt(100) < 15 ? List.of(countries.get(b.random.nextInt(5)).code()) : List.of();
            Participant.Preferences wishes = new Participant.Preferences(
                    b.random.nextInt(100) < 70 ? "different" : "same",
                    b.random.nextInt(100) < 70 ? "later" : "earlier", regionWish, exclude);
            b.add(c, c.languages(), b.interests(), wishes, 1, List.of());
        }
        return b.pool("asymmetric", n);
    }

    /**
     * Half the pool will take two partners, and one country holds 40% of it, so many people must
     * be placed in groups of three or left out.
     */
    static Pool twoPartners(int n, long seed) {
        Builder b = new Builder(seed);
        List<Country> countries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            countries.add(b.country(i, List.of("en")));
        }
        for (int i = 0; i < n; i++) {
            Country c = b.random.nextInt(100) < 40 ? countries.get(0) : countries.get(1 + b.random.nextInt(11));
            b.add(c, c.languages(), b.interests(), b.wishes(40), b.random.nextBoolean() ? 2 : 1, List.of());
        }
        return b.pool("two-partners", n);
    }

    /**
     * Three in ten are in one country and speak only its language, which two in a hundred of the
     * others also speak: thousands compete for a few partners abroad, and most of them must stay
     * unmatched whatever the matcher does. The others are twenty English-speaking countries.
     */
    static Pool scarceLanguage(int n, long seed) {
        Builder b = new Builder(seed);
        Country island = b.country(0, List.of("l0"));
        List<Country> abroad = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            abroad.add(b.country(i, List.of("en")));
        }
        for (int i = 0; i < n; i++) {
            if (b.random.nextInt(100) < 30) {
                b.add(island, island.languages());
            } else {
                Country c = abroad.get(b.random.nextInt(abroad.size()));
                b.add(c, b.random.nextInt(100) < 2 ? union(c.languages(), "l0") : c.languages());
            }
        }
        return b.pool("scarce-language", n);
    }

    /**
     * Paths a - b - c - d where b and c are a strong pair (same interests, same time zone, every
     * wish met) and a and d can only be matched to a b and a c respectively (their language is
     * spoken only by the b's and c's): taking the heavy middle pairs strands two people per path.
     */
    static Pool trap(int n, long seed) {
        Builder b = new Builder(seed);
        Country ends = b.country(0, List.of("la"));
        Country otherEnds = b.country(1, List.of("ld"));
        List<Country> middle = new ArrayList<>();
        for (int i = 2; i < 8; i++) {
            middle.add(b.country(i, List.of("en")));
        }
        Country far = new Country(ends.code(), "Pacific/Kiritimati", ends.region(), ends.languages());
        Country farOther = new Country(otherEnds.code(), "Pacific/Pago_Pago", otherEnds.region(), otherEnds.languages());
        for (int i = 0; i < n; i++) {
            Country mid = middle.get((i / 4) % middle.size());
            Country next = middle.get((i / 4 + 1) % middle.size());
            Participant.Preferences strict = new Participant.Preferences("any", "any", List.of(mid.region(), next.region()), List.of());
            switch (i % 4) {
                case 0 -> b.add(far, List.of("la"), List.of("law-libraries"), Participant.Preferences.NONE, 1, List.of());
                case 1 -> b.add(new Country(mid.code(), "Europe/London", mid.region(), List.of()), List.of("en", "la"),
                        List.of("open-access", "metadata", "outreach"), strict, 1, List.of());
                case 2 -> b.add(new Country(next.code(), "Europe/London", next.region(), List.of()), List.of("en", "ld"),
                        List.of("open-access", "metadata", "outreach"), strict, 1, List.of());
                default -> b.add(farOther, List.of("ld"), List.of("rural-libraries"), Participant.Preferences.NONE, 1, List.of());
            }
        }
        return b.pool("trap", n);
    }

    private static List<String> union(List<String> languages, String extra) {
        LinkedHashSet<String> out = new LinkedHashSet<>(languages);
        out.add(extra);
        return List.copyOf(out);
    }
}
