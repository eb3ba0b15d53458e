package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matcher's guarantees on every pool family of the benchmark (issue 19), not only on the
 * realistic pool: the exact optimum (checked against every matching, enumerated, and against
 * Blossom V over every eligible pair), hard rules, readable logs and determinism.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PoolFamiliesTest {

    /** Pricing to the end, from each person's two best candidates: the result must be the optimum itself. */
    private final Matcher toTheEnd = new Matcher(MatcherOptions.DEFAULTS.withCandidatesPerPerson(2).withSpread(0).withPricingGap(0));

    static Stream<String> families() {
        return PoolFamilies.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void small_pools_reach_the_optimum_of_every_matching(String family) {
        for (long seed = 1; seed <= 12; seed++) {
            // given a small pool of the family, everyone with one partner
            Pool pool = PricedMatchingTest.pairsOnly(PoolFamilies.of(family, 8 + (int) (seed % 5), seed));
            Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);

            // when it is matched
            MatchResult result = toTheEnd.match(pool);

            // then no matching has more pairs, or as many pairs and a higher score
            double[] best = Exhaustive.best(cohort.size, (x, y) -> cohort.eligible(x, y) ? cohort.score(x, y) : -1);
            assertThat(new double[] {result.stats().pairs(), result.stats().totalScore()})
                    .as("%s seed %d", family, seed).containsExactly(best);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void pools_of_hundreds_reach_the_optimum_over_every_eligible_pair(String family) {
        // given a pool of 300, everyone with one partner, and Blossom V's optimum over all its eligible pairs
        Pool pool = PricedMatchingTest.pairsOnly(PoolFamilies.of(family, 300, 7));
        long[] optimum = ExactOptimum.of(new Cohort(pool, ScoreWeights.DEFAULTS));

        // when it is matched to the end, and with the default options
        MatchResult exact = toTheEnd.match(pool);
        MatchResult defaults = new Matcher().match(pool);

        // then the first is the optimum, the second has as many people and is within 0.2% of it
        assertThat(new long[] {exact.stats().matched(), exact.stats().totalScore()}).containsExactly(optimum);
        assertThat(defaults.stats().matched()).isEqualTo(optimum[0]);
        assertThat(defaults.stats().totalScore()).isGreaterThanOrEqualTo(Math.round(Math.ceil(0.998 * optimum[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void no_result_breaks_a_hard_rule_and_the_log_shows_finite_figures(String family) {
        for (long seed = 1; seed <= 3; seed++) {
            // given a pool of the family, groups of three allowed
            Pool pool = PoolFamilies.of(family, 400, seed);
            List<String> log = new ArrayList<>();

            // when it is matched
            MatchResult result = new Matcher().match(pool, log::add);

            // then every rule holds, and the log a coordinator reads has numbers, never Infinity or NaN
            HardRuleCheck.assertValid(pool, result);
            assertThat(log).noneMatch(line -> line.contains("Infinity") || line.contains("NaN"));
            assertThat(log).last().asString().startsWith("done in").contains("solves").containsPattern("proven|no proven gap|nobody");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void a_pool_solved_in_parts_has_as_many_people_in_pairs_as_the_whole_pool_can(String family) {
        // given a pool of 1,200 of the family, everyone with one partner, solved in six parts (as 100,000 are
        // solved in ten), and the most people any matching over all its eligible pairs puts in pairs
        Pool pool = PricedMatchingTest.pairsOnly(PoolFamilies.of(family, 1_200, 4));
        long most = ExactOptimum.mostMatched(new Cohort(pool, ScoreWeights.DEFAULTS));

        // when it is matched
        MatchResult result = new Matcher(MatcherOptions.DEFAULTS.withChunkSize(200)).match(pool);

        // then the augmenting paths across parts leave no one out who could have been matched
        assertThat(result.stats().matched()).isEqualTo(most);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void the_same_pool_gives_the_same_bytes(String family) {
        Pool pool = PoolFamilies.of(family, 400, 3);
        MatchingJson json = new MatchingJson();

        byte[] first = json.writeResult(new Matcher().match(pool));

        assertThat(json.writeResult(new Matcher().match(pool))).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void a_round_of_hundreds_is_proven_close_to_the_optimum(String family) {
        // given a pool of 1,000 of the family
        Pool pool = PoolFamilies.of(family, 1_000, 2);
        List<String> log = new ArrayList<>();

        // when it is matched with the defaults
        new Matcher().match(pool, log::add);

        // then the summary proves the gap (a single part is always priced) unless more people were matched after pricing
        String summary = log.get(log.size() - 1);
        assertThat(summary).containsPattern("proven within 0\\.(0|1)[0-9]*% of the optimum|augmenting paths matched more");
    }
}
