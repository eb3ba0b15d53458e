package org.iln.matching;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the pool, the result never breaks a hard rule and places everyone exactly once. */
class HardRulePropertyTest {

    private final Matcher matcher = new Matcher(MatcherOptions.DEFAULTS.withCandidatesPerPerson(3).withChunkSize(20));

    @Property(tries = 150)
    void no_result_breaks_a_hard_rule(@ForAll @IntRange(min = 0, max = 60) int size, @ForAll long seed) {
        Pool pool = RandomPools.small(new Random(seed), size, true);

        HardRuleCheck.assertValid(pool, matcher.match(pool));
    }

    @Property(tries = 50)
    void valid_pins_are_always_honoured(@ForAll @IntRange(min = 2, max = 40) int size, @ForAll long seed) {
        Random random = new Random(seed);
        Pool pool = RandomPools.small(random, size, true);
        Cohort cohort = new Cohort(pool, ScoreWeights.DEFAULTS);
        List<List<String>> pins = java.util.stream.IntStream.range(1, size)
                .filter(j -> cohort.eligible(0, j)).limit(1)
                .mapToObj(j -> List.of(cohort.ids[0], cohort.ids[j])).toList();
        Pool pinned = new Pool(pool.round(), pool.matchDate(), pool.regions(), pool.participants(), pins,
                pool.forbids().stream().filter(f -> !pins.isEmpty() && !f.containsAll(pins.get(0))).toList());

        HardRuleCheck.assertValid(pinned, matcher.match(pinned));
    }
}
