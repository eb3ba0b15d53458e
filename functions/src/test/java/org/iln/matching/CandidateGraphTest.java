package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The augmenting-path search's lists against the definition: a person's best k among everyone
 * eligible, highest score first, equal scores in the order of the pair's hash.
 */
class CandidateGraphTest {

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 5, 50, 300})
    void the_lists_for_augmenting_paths_are_the_best_k_of_everyone_eligible_whatever_groups_are_skipped(int k) {
        for (String family : List.of("uniform", "trap", "language-clustered", "scarce-language", "near-impossible")) {
            // given a pool of the family, with a few people pinned elsewhere (not among the members)
            Cohort cohort = new Cohort(PoolFamilies.of(family, 400, 3), ScoreWeights.DEFAULTS);
            int[] members = IntStream.range(0, cohort.size).filter(q -> q % 17 != 0).toArray();
            PartnerGroups groups = CandidateGraph.groups(cohort, members);

            for (int p = 0; p < cohort.size; p += 7) {
                // when the person's list is found by looking at their partner groups only
                int[] found = CandidateGraph.bestForWithSpreadTies(cohort, groups, p, k);

                // then it holds the same people as sorting every eligible member
                int person = p;
                Comparator<Integer> best = Comparator.<Integer>comparingInt(q -> -cohort.score(person, q))
                        .thenComparingInt(q -> CandidateGraph.mix(CandidateGraph.mix(person) ^ q))
                        .thenComparingInt(q -> q);
                int[] expected = IntStream.of(members).filter(q -> cohort.eligible(person, q)).boxed()
                        .sorted(best).limit(k).mapToInt(Integer::intValue).toArray();
                assertThat(found).as("%s, person %d", family, p).containsExactlyInAnyOrder(expected);
            }
        }
    }
}
