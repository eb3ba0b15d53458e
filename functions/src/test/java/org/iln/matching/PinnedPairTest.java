package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.iln.messages.compiled.CompiledCatalogues;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A pin judged alone agrees with the matcher on the same pin: the same rule, or the same partnership. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PinnedPairTest {

    @Test
    void agrees_with_the_matcher_on_random_pairs_whether_they_break_a_rule_or_not() {
        Random random = new Random(1);
        int broken = 0;
        int paired = 0;
        for (int round = 0; round < 400; round++) {
            // given: two people of a random pool, pinned together
            Pool drawn = RandomPools.small(random, 2, false);
            List<String> pin = List.of("r0", "r1");
            Pool pool = new Pool(drawn.round(), drawn.matchDate(), drawn.regions(), drawn.participants(),
                    List.of(pin), drawn.forbids());

            // when
            PinnedPair.Judgement judged = PinnedPair.judge(pool);

            // then
            if (judged.partnership().isEmpty()) {
                broken++;
                assertThatThrownBy(() -> new Matcher().match(pool)).isInstanceOf(InvalidPoolException.class)
                        .hasMessageEndingWith("cannot be partners: " + Reason.word(judged.brokenRule(),
                                Reason.coordinators(), CompiledCatalogues.bundled().defaultCatalogue()));
                assertThat(judged.brokenRule()).startsWith("reason.rule.");
            } else {
                paired++;
                assertThat(new Matcher().match(pool).partnerships()).containsExactly(judged.partnership().get());
            }
        }
        assertThat(broken).isPositive();
        assertThat(paired).isPositive();
    }

    @Test
    void refuses_a_pool_that_is_not_two_people_pinned_together() {
        Pool three = RandomPools.small(new Random(2), 3, false);

        assertThatThrownBy(() -> PinnedPair.judge(three)).isInstanceOf(InvalidPoolException.class)
                .hasMessageContaining("pins");
    }
}
