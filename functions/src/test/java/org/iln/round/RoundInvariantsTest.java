package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundInvariantsTest {

    @Test
    void nobody_in_two_active_partnerships_counts_nobody() {
        assertThat(RoundInvariants.inTwoActivePartnerships(List.of(
                pair("a", "b", "ha", "hb", PartnershipStore.PairStatus.ACTIVE),
                pair("c", "d", "hc", "hd", PartnershipStore.PairStatus.ACTIVE)))).isZero();
    }

    @Test
    void a_person_whose_first_partnership_was_dissolved_is_not_counted() {
        assertThat(RoundInvariants.inTwoActivePartnerships(List.of(
                pair("a", "b", "ha", "hb", PartnershipStore.PairStatus.DISSOLVED),
                pair("a", "c", "ha", "hc", PartnershipStore.PairStatus.ACTIVE)))).isZero();
    }

    @Test
    void the_same_person_under_two_applications_in_two_active_partnerships_is_counted_once() {
        // a restart with a new address key used to create a second application for the same address
        assertThat(RoundInvariants.inTwoActivePartnerships(List.of(
                pair("a", "b", "ha", "hb", PartnershipStore.PairStatus.ACTIVE),
                pair("a2", "c", "ha", "hc", PartnershipStore.PairStatus.ACTIVE)))).isEqualTo(1);
    }

    private static PartnershipStore.Pair pair(String one, String two, String hashOne, String hashTwo,
                                              PartnershipStore.PairStatus status) {
        return new PartnershipStore.Pair(one + "+" + two, List.of(one, two), Map.of(one, hashOne, two, hashTwo),
                Set.of(), status, false, 10, List.of());
    }
}
