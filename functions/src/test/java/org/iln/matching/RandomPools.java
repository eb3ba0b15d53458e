package org.iln.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random pools with few countries and languages, so that the hard rules bite often. */
final class RandomPools {

    private static final String[] COUNTRIES = {"AU", "GB", "US", "IN", "FR"};
    private static final String[] ZONES = {"Australia/Sydney", "Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Paris"};
    private static final String[] LANGUAGES = {"en", "fr", "es"};
    private static final String[] INTERESTS = {"open-access", "metadata", "outreach", "reference", "leadership"};
    private static final String[] SECTORS = {"academic", "public", "school"};
    private static final String[] WISH_SECTOR = {"any", "same", "different"};
    private static final String[] WISH_STAGE = {"any", "same", "earlier", "later"};
    private static final String[] REGIONS = {"Oceania", "Europe", "Americas", "Asia"};

    private RandomPools() {
    }

    static Pool small(Random random, int n, boolean groupsOfThree) {
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(COUNTRIES.length);
            List<String> languages = new ArrayList<>();
            for (String l : LANGUAGES) {
                if (random.nextInt(3) == 0 || (l.equals("en") && random.nextBoolean())) {
                    languages.add(l);
                }
            }
            if (languages.isEmpty()) {
                languages.add(LANGUAGES[random.nextInt(LANGUAGES.length)]);
            }
            List<String> interests = new ArrayList<>();
            for (String x : INTERESTS) {
                if (random.nextInt(3) == 0) {
                    interests.add(x);
                }
            }
            List<String> regions = random.nextInt(4) == 0 ? List.of(REGIONS[random.nextInt(REGIONS.length)]) : List.of();
            List<String> exclude = random.nextInt(8) == 0 ? List.of(COUNTRIES[random.nextInt(COUNTRIES.length)]) : List.of();
            List<String> previous = i > 0 && random.nextInt(4) == 0 ? List.of(id(random.nextInt(i))) : List.of();
            people.add(new Participant(id(i), COUNTRIES[c], ZONES[c], languages, SECTORS[random.nextInt(SECTORS.length)],
                    Participant.CAREER_STAGES.get(random.nextInt(4)), interests,
                    new Participant.Preferences(WISH_SECTOR[random.nextInt(3)], WISH_STAGE[random.nextInt(4)], regions, exclude),
                    random.nextBoolean(), groupsOfThree && random.nextInt(3) == 0 ? 2 : 1, previous,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(50))));
        }
        List<List<String>> forbids = new ArrayList<>();
        if (n >= 2 && random.nextInt(3) == 0) {
            int a = random.nextInt(n);
            int b = (a + 1 + random.nextInt(n - 1)) % n;
            forbids.add(List.of(id(a), id(b)));
        }
        return new Pool("random", People.MATCH_DATE,
                Map.of("AU", "Oceania", "GB", "Europe", "US", "Americas", "IN", "Asia", "FR", "Europe"),
                people, List.of(), forbids);
    }

    static String id(int i) {
        return "r" + i;
    }
}
