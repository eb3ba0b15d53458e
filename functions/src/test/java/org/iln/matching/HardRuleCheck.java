package org.iln.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a result against the pool with no help from the matcher's own code. */
final class HardRuleCheck {

    private HardRuleCheck() {
    }

    static void assertValid(Pool pool, MatchResult result) {
        Map<String, Participant> byId = new HashMap<>();
        pool.participants().forEach(p -> byId.put(p.id(), p));
        Set<String> seen = new HashSet<>();
        for (MatchResult.Partnership partnership : result.partnerships()) {
            List<String> members = partnership.members();
            assertThat(members).hasSizeBetween(2, 3).isSorted();
            for (String id : members) {
                assertThat(seen.add(id)).as("%s is placed once", id).isTrue();
            }
            if (members.size() == 3) {
                assertThat(members).as("a group of three has a host").anyMatch(id -> byId.get(id).maxPartners() == 2);
            }
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    assertPairAllowed(pool, byId.get(members.get(i)), byId.get(members.get(j)));
                }
            }
        }
        for (MatchResult.Unmatched u : result.unmatched()) {
            assertThat(seen.add(u.id())).as("%s is placed once", u.id()).isTrue();
            assertThat(u.reason()).isNotBlank();
        }
        assertThat(seen).isEqualTo(byId.keySet());
        for (List<String> pin : pool.pins()) {
            assertThat(result.partnerships()).anyMatch(p -> p.members().containsAll(pin) && p.pinned());
        }
        assertThat(result.stats().matched() + result.stats().unmatched()).isEqualTo(pool.participants().size());
    }

    private static void assertPairAllowed(Pool pool, Participant a, Participant b) {
        String pair = a.id() + "-" + b.id();
        assertThat(a.country()).as("%s: different countries", pair).isNotEqualTo(b.country());
        assertThat(a.languages()).as("%s: a common language", pair).containsAnyElementsOf(b.languages());
        assertThat(a.previousPartners()).as("%s: not partners before", pair).doesNotContain(b.id());
        assertThat(b.previousPartners()).as("%s: not partners before", pair).doesNotContain(a.id());
        assertThat(a.prefers().excludeCountries()).as("%s: not excluded", pair).doesNotContain(b.country());
        assertThat(b.prefers().excludeCountries()).as("%s: not excluded", pair).doesNotContain(a.country());
        for (List<String> forbid : pool.forbids()) {
            assertThat(Set.copyOf(forbid)).as("%s: not forbidden", pair).isNotEqualTo(Set.of(a.id(), b.id()));
        }
    }
}
