package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The islands' promise against the exact oracle: a best matching over the pairs they keep is a
 * best matching over every eligible pair, as many people and as high a score.
 */
class IslandsTest {

    private static final List<String> TOPICS = List.of("open-access", "outreach", "cataloguing", "archives", "research-data");

    @Test
    void a_shore_person_keeps_as_many_of_the_islanders_as_the_shore_has_people() {
        // given five people in Brazil who speak only Portuguese, and two in Portugal who also speak English
        Participant[] people = {
            People.withInterests(People.person("br-1", "BR", "pt"), "outreach"),
            People.withInterests(People.person("br-2", "BR", "pt"), "archives"),
            People.withInterests(People.person("br-3", "BR", "pt"), "outreach", "archives"),
            People.withInterests(People.person("br-4", "BR", "pt")),
            People.withInterests(People.person("br-5", "BR", "pt")),
            People.withInterests(People.person("pt-1", "PT", "pt", "en"), "outreach", "archives"),
            People.withInterests(People.person("pt-2", "PT", "pt", "en"), "outreach", "archives"),
        };
        Cohort cohort = new Cohort(People.pool(people), ScoreWeights.DEFAULTS);

        // when the islands are found
        Islands islands = Islands.of(cohort, IntStream.range(0, cohort.size).toArray());

        // then each of the two keeps the two Brazilians they score best with, and nobody keeps the rest
        int[] brazil = IntStream.range(0, 5).map(i -> cohort.indexOf("br-" + (i + 1))).toArray();
        for (String shore : List.of("pt-1", "pt-2")) {
            int u = cohort.indexOf(shore);
            assertThat(IntStream.of(brazil).filter(v -> islands.eligible(cohort, u, v)).mapToObj(v -> cohort.ids[v]))
                    .as(shore).containsExactlyInAnyOrder("br-1", "br-3");
        }
        assertThat(islands).hasToString("5 on islands, 4 of their pairs kept");
    }

    @Test
    void a_best_matching_of_the_pairs_kept_is_a_best_matching_of_every_eligible_pair() {
        Random random = new Random(11);
        int pruned = 0;
        for (int trial = 0; trial < 300; trial++) {
            // given a small pool with one or two islands (Portuguese in Brazil, Japanese in Japan),
            // a few abroad who share their language, English speakers, and some previous partners
            Pool pool = islandPool(random);
            Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);

            // when the islands are found
            Islands islands = Islands.of(cohort, IntStream.range(0, cohort.size).toArray());

            // then no matching over every eligible pair beats the best over the pairs kept, in people or in score
            double[] overAll = Exhaustive.best(cohort.size, (x, y) -> cohort.eligible(x, y) ? cohort.score(x, y) : -1);
            double[] overKept = Exhaustive.best(cohort.size,
                    (x, y) -> islands.eligible(cohort, x, y) ? cohort.score(x, y) : -1);
            assertThat(overKept).as("trial %d", trial).containsExactly(overAll);
            boolean somePairLeftOut = IntStream.range(0, cohort.size).anyMatch(x -> IntStream.range(0, cohort.size)
                    .anyMatch(y -> cohort.eligible(x, y) && !islands.eligible(cohort, x, y)));
            pruned += somePairLeftOut ? 1 : 0;
        }
        // and the islands did leave pairs out in most pools, so the check had something to check
        assertThat(pruned).isGreaterThan(200);
    }

    private static Pool islandPool(Random random) {
        List<Participant> people = new ArrayList<>();
        int brazil = 3 + random.nextInt(5);
        int japan = random.nextBoolean() ? 2 + random.nextInt(3) : 0;
        int abroad = 1 + random.nextInt(3);
        int english = random.nextInt(3);
        for (int i = 0; i < brazil; i++) {
            people.add(People.person("br-" + i, "BR", "pt"));
        }
        for (int i = 0; i < japan; i++) {
            people.add(People.person("jp-" + i, "JP", "ja"));
        }
        for (int i = 0; i < abroad; i++) {
            // some speak both island languages: on both shores
            List<String> languages = new ArrayList<>(List.of("en", "pt"));
            if (japan > 0 && random.nextBoolean()) {
                languages.add("ja");
            }
            people.add(People.person("ab-" + i, List.of("PT", "AO", "US").get(random.nextInt(3)), languages.toArray(String[]::new)));
        }
        for (int i = 0; i < english; i++) {
            people.add(People.person("en-" + i, List.of("GB", "AU").get(i % 2), "en"));
        }
        for (int i = 0; i < people.size(); i++) {
            Participant p = People.withInterests(people.get(i), TOPICS.get(random.nextInt(5)), TOPICS.get(random.nextInt(5)));
            // a previous partner now and then, so that eligibility is not decided by languages alone
            int previous = random.nextInt(people.size());
            people.set(i, random.nextInt(6) == 0 && previous != i ? People.withPrevious(p, people.get(previous).id()) : p);
        }
        return People.pool(people.toArray(Participant[]::new));
    }
}
