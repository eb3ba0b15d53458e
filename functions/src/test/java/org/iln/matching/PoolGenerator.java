package org.iln.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Synthetic pools shaped like real ILN rounds: a few big countries (Australia, the USA, the UK,
 * Canada, India, Nigeria...) and a long tail, English dominant among fifteen languages, thirty
 * interests with a skew, and the preference mix seen on the signup form. Seeded, so deterministic.
 */
final class PoolGenerator {

    static final LocalDate MATCH_DATE = LocalDate.of(2026, 2, 23);

    /** code, weight, time zone, region, languages ("en" = English first). */
    private static final String[][] COUNTRIES = {
        {"AU", "180", "Australia/Sydney", "Oceania", "en"},
        {"US", "140", "America/New_York", "Americas", "en"},
        {"GB", "90", "Europe/London", "Europe", "en"},
        {"CA", "60", "America/Toronto", "Americas", "en,fr"},
        {"IN", "60", "Asia/Kolkata", "Asia", "en,hi"},
        {"NG", "50", "Africa/Lagos", "Africa", "en"},
        {"NZ", "30", "Pacific/Auckland", "Oceania", "en"},
        {"ZA", "30", "Africa/Johannesburg", "Africa", "en"},
        {"PH", "30", "Asia/Manila", "Asia", "en"},
        {"KE", "20", "Africa/Nairobi", "Africa", "en,sw"},
        {"MY", "20", "Asia/Kuala_Lumpur", "Asia", "en,id"},
        {"BR", "25", "America/Sao_Paulo", "Americas", "pt"},
        {"MX", "20", "America/Mexico_City", "Americas", "es"},
        {"ES", "15", "Europe/Madrid", "Europe", "es"},
        {"AR", "10", "America/Argentina/Buenos_Aires", "Americas", "es"},
        {"CO", "10", "America/Bogota", "Americas", "es"},
        {"FR", "15", "Europe/Paris", "Europe", "fr"},
        {"DE", "15", "Europe/Berlin", "Europe", "de"},
        {"NL", "8", "Europe/Amsterdam", "Europe", "nl"},
        {"IT", "8", "Europe/Rome", "Europe", "it"},
        {"PT", "6", "Europe/Lisbon", "Europe", "pt"},
        {"IE", "10", "Europe/Dublin", "Europe", "en"},
        {"SG", "10", "Asia/Singapore", "Asia", "en,zh"},
        {"CN", "10", "Asia/Shanghai", "Asia", "zh"},
        {"JP", "8", "Asia/Tokyo", "Asia", "ja"},
        {"ID", "8", "Asia/Jakarta", "Asia", "id"},
        {"PK", "10", "Asia/Karachi", "Asia", "en"},
        {"BD", "8", "Asia/Dhaka", "Asia", "en"},
        {"GH", "10", "Africa/Accra", "Africa", "en"},
        {"UG", "8", "Africa/Kampala", "Africa", "en,sw"},
        {"TZ", "6", "Africa/Dar_es_Salaam", "Africa", "sw,en"},
        {"EG", "6", "Africa/Cairo", "Africa", "ar"},
        {"SA", "5", "Asia/Riyadh", "Asia", "ar"},
        {"AE", "5", "Asia/Dubai", "Asia", "ar,en"},
        {"TR", "5", "Europe/Istanbul", "Europe", "tr"},
        {"RU", "5", "Europe/Moscow", "Europe", "ru"},
        {"UA", "4", "Europe/Kyiv", "Europe", "ru"},
        {"SE", "5", "Europe/Stockholm", "Europe", "en"},
        {"FJ", "3", "Pacific/Fiji", "Oceania", "en"},
        {"CL", "5", "America/Santiago", "Americas", "es"},
    };
    private static final String[] LANGUAGES = {"en", "es", "fr", "pt", "de", "ar", "zh", "hi", "ru", "it", "ja",
        "nl", "sw", "id", "tr"};
    private static final String[] SECTORS = {"academic", "public", "school", "special", "government", "health",
        "archives", "museum", "lis-student", "other"};
    private static final int[] SECTOR_WEIGHTS = {35, 20, 10, 10, 5, 5, 5, 3, 5, 2};
    private static final String[] STAGES = {"student", "early", "mid", "senior"};
    private static final int[] STAGE_WEIGHTS = {10, 35, 35, 20};
    private static final String[] REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"};
    static final String[] INTERESTS = {"open-access", "research-data", "information-literacy", "digital-humanities",
        "cataloguing", "metadata", "reference", "outreach", "children-services", "youth-services", "leadership",
        "management", "advocacy", "copyright", "scholarly-communication", "systems", "web-design", "archives",
        "preservation", "special-collections", "health-information", "law-libraries", "makerspaces", "marketing",
        "professional-development", "diversity", "indigenous-knowledge", "rural-libraries", "e-resources",
        "instruction"};

    private PoolGenerator() {
    }

    static Map<String, String> regions() {
        Map<String, String> regions = new TreeMap<>();
        for (String[] c : COUNTRIES) {
            regions.put(c[0], c[3]);
        }
        return regions;
    }

    /** A realistic pool of n people. */
    static Pool realistic(int n, long seed) {
        Random random = new Random(seed);
        int totalWeight = 0;
        for (String[] c : COUNTRIES) {
            totalWeight += Integer.parseInt(c[1]);
        }
        Instant opens = MATCH_DATE.minusDays(42).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Participant> people = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] c = pickCountry(random, totalWeight);
            LinkedHashSet<String> languages = new LinkedHashSet<>(List.of(c[4].split(",")));
            if (!languages.contains("en") && random.nextInt(100) < 55) {
                languages.add("en");
            }
            if (random.nextInt(100) < 10) {
                languages.add(LANGUAGES[random.nextInt(LANGUAGES.length)]);
            }
            LinkedHashSet<String> interests = new LinkedHashSet<>();
            int wanted = 1 + random.nextInt(5);
            while (interests.size() < wanted) {
                // a skew: low indexes are more popular
                int x = (int) (INTERESTS.length * Math.pow(random.nextDouble(), 1.6));
                interests.add(INTERESTS[x]);
            }
            String sectorWish = pick(random, new String[] {"any", "same", "different"}, new int[] {50, 30, 20});
            String stageWish = pick(random, new String[] {"any", "same", "earlier", "later"}, new int[] {50, 20, 10, 20});
            List<String> regionWish = new ArrayList<>();
            if (random.nextInt(100) < 30) {
                regionWish.add(REGIONS[random.nextInt(REGIONS.length)]);
                if (random.nextBoolean()) {
                    String other = REGIONS[random.nextInt(REGIONS.length)];
                    if (!regionWish.contains(other)) {
                        regionWish.add(other);
                    }
                }
                regionWish.sort(String::compareTo);
            }
            List<String> exclude = random.nextInt(100) < 3 ? List.of(pickCountry(random, totalWeight)[0]) : List.of();
            List<String> previous = new ArrayList<>();
            if (i > 0 && random.nextInt(100) < 10) {
                previous.add(id(random.nextInt(i)));
            }
            Instant applied = random.nextInt(100) < 5
                    ? opens.minusSeconds(86_400L * (60 + random.nextInt(120)))
                    : opens.plusSeconds(random.nextInt(28 * 86_400));
            people.add(new Participant(id(i), c[0], c[2], List.copyOf(languages),
                    pick(random, SECTORS, SECTOR_WEIGHTS), pick(random, STAGES, STAGE_WEIGHTS),
                    List.copyOf(interests),
                    new Participant.Preferences(sectorWish, stageWish, regionWish, exclude),
                    random.nextInt(100) < 40, random.nextInt(100) < 15 ? 2 : 1, previous, applied));
        }
        return new Pool("bench-" + n, MATCH_DATE, regions(), people, List.of(), List.of());
    }

    static String id(int i) {
        // not String.format: its pattern parsing, run for every id, was a second of JIT time in the benchmark
        String digits = Integer.toString(i);
        return "p" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    private static String[] pickCountry(Random random, int totalWeight) {
        int x = random.nextInt(totalWeight);
        for (String[] c : COUNTRIES) {
            x -= Integer.parseInt(c[1]);
            if (x < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    private static String pick(Random random, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        throw new AssertionError();
    }
}
