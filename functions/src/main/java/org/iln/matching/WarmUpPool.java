package org.iln.matching;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A made-up pool shaped like a real round (a few large countries, English beside other languages,
 * stated wishes, people willing to have two partners), matched once before a SnapStart snapshot so
 * that the snapshot holds compiled matcher code. No one's data: every value is generated.
 */
final class WarmUpPool {

    private static final String[] COUNTRIES = {"AU", "AU", "AU", "US", "US", "GB", "CA", "IN", "NG", "NZ", "ZA", "KE",
        "PH", "IE", "MX", "ES", "FR", "DE", "BR", "JP"};
    private static final String[] ZONES = {"Australia/Sydney", "Australia/Sydney", "Australia/Perth", "America/New_York",
        "America/Chicago", "Europe/London", "America/Toronto", "Asia/Kolkata", "Africa/Lagos", "Pacific/Auckland",
        "Africa/Johannesburg", "Africa/Nairobi", "Asia/Manila", "Europe/Dublin", "America/Mexico_City",
        "Europe/Madrid", "Europe/Paris", "Europe/Berlin", "America/Sao_Paulo", "Asia/Tokyo"};
    private static final String[] OTHER_LANGUAGES = {"es", "fr", "de", "pt", "ja", "hi", "sw"};
    private static final String[] SECTORS = {"academic", "public", "school", "special", "government"};
    private static final String[] REGIONS = {"Oceania", "Americas", "Europe", "Asia", "Africa"};
    /** Each country's region, as the programme manifest gives it. */
    private static final Map<String, String> REGION_OF = Map.ofEntries(Map.entry("AU", "Oceania"),
            Map.entry("NZ", "Oceania"), Map.entry("US", "Americas"), Map.entry("CA", "Americas"),
            Map.entry("MX", "Americas"), Map.entry("BR", "Americas"), Map.entry("GB", "Europe"), Map.entry("IE", "Europe"),
            Map.entry("ES", "Europe"), Map.entry("FR", "Europe"), Map.entry("DE", "Europe"), Map.entry("IN", "Asia"),
            Map.entry("PH", "Asia"), Map.entry("JP", "Asia"), Map.entry("NG", "Africa"), Map.entry("ZA", "Africa"),
            Map.entry("KE", "Africa"));
    private static final String[] SECTOR_WISHES = {"any", "any", "same", "different"};
    private static final String[] STAGE_WISHES = {"any", "any", "same", "earlier", "later"};
    private static final LocalDate MATCH_DATE = LocalDate.of(2026, 3, 1);

    private WarmUpPool() {
    }

    /** {@code size} made-up people; the same size always gives the same pool. */
    static Pool of(int size) {
        Random random = new Random(size);
        List<Participant> people = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int place = random.nextInt(COUNTRIES.length);
            List<String> languages = random.nextInt(10) < 8 ? List.of("en")
                    : List.of("en", OTHER_LANGUAGES[random.nextInt(OTHER_LANGUAGES.length)]);
            List<String> interests = new ArrayList<>();
            for (int k = 1 + random.nextInt(4); interests.size() < k; ) {
                String interest = "interest-" + random.nextInt(30);
                if (!interests.contains(interest)) {
                    interests.add(interest);
                }
            }
            Participant.Preferences prefers = new Participant.Preferences(
                    SECTOR_WISHES[random.nextInt(SECTOR_WISHES.length)], STAGE_WISHES[random.nextInt(STAGE_WISHES.length)],
                    random.nextInt(3) == 0 ? List.of(REGIONS[random.nextInt(REGIONS.length)]) : List.of(),
                    List.of());
            people.add(new Participant(String.format("warm-up-%05d", i), COUNTRIES[place], ZONES[place], languages,
                    SECTORS[random.nextInt(SECTORS.length)],
                    Participant.CAREER_STAGES.get(random.nextInt(Participant.CAREER_STAGES.size())), interests, prefers,
                    random.nextInt(5) < 2, random.nextInt(7) == 0 ? 2 : 1, List.of(),
                    MATCH_DATE.atStartOfDay().minusDays(random.nextInt(120)).toInstant(ZoneOffset.UTC)));
        }
        return new Pool("warm-up", MATCH_DATE, REGION_OF, people, List.of(), List.of());
    }
}
