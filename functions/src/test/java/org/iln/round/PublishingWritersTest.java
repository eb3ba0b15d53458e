package org.iln.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PublishingWritersTest {

    @Test
    void every_partnership_is_written_once_and_the_outcomes_are_counted() {
        // given
        List<Integer> plan = IntStream.range(0, 100).boxed().toList();
        Set<Integer> written = ConcurrentHashMap.newKeySet();

        // when
        var counts = new PublishingWriters(16).each(plan, i -> {
            assertThat(written.add(i)).as("written twice: " + i).isTrue();
            return i % 10 == 0 ? PartnershipStore.Written.MEMBER_UNAVAILABLE : PartnershipStore.Written.WRITTEN;
        });

        // then
        assertThat(written).hasSize(100);
        assertThat(counts).containsEntry(PartnershipStore.Written.WRITTEN, 90)
                .containsEntry(PartnershipStore.Written.MEMBER_UNAVAILABLE, 10);
    }

    @Test
    void a_failed_write_is_thrown_only_after_every_other_write_has_finished() {
        // given: the fifth write fails
        List<Integer> plan = IntStream.range(0, 40).boxed().toList();
        Set<Integer> written = ConcurrentHashMap.newKeySet();

        // when / then: the failure reaches the caller (so PUBLISHED is not written), the rest were written
        assertThatThrownBy(() -> new PublishingWriters(4).each(plan, i -> {
            if (i == 5) {
                throw new IllegalStateException("throttled");
            }
            written.add(i);
            return PartnershipStore.Written.WRITTEN;
        })).hasMessage("throttled");
        assertThat(written).hasSize(39).doesNotContain(5);
    }

    @Test
    void fewer_than_one_writer_is_refused_naming_the_argument() {
        assertThatThrownBy(() -> new PublishingWriters(0)).hasMessageContaining("threads");
    }
}
