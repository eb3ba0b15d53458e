package org.iln.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One part of the cold start's warm-up: whoever needs it first takes it on, and it is built once
 * however the two threads meet (the race itself runs in {@link ColdStartTest}).
 */
class ColdStartPartTest {

    private final AtomicInteger builds = new AtomicInteger();

    @Test
    void a_part_the_request_needs_first_is_built_by_the_request_and_the_warm_up_leaves_it() {
        // given
        ColdStart.Part<Object> part = new ColdStart.Part<>("thing", this::build);

        // when
        Object requested = part.get();
        Object prepared = part.prepare();
        part.abandon();

        // then
        assertThat(prepared).isNull();
        assertThat(part.get()).isSameAs(requested);
        assertThat(builds).hasValue(1);
    }

    @Test
    void a_part_the_warm_up_built_is_what_the_request_gets() {
        // given
        ColdStart.Part<Object> part = new ColdStart.Part<>("thing", this::build);

        // when
        Object prepared = part.prepare();
        part.abandon();

        // then
        assertThat(part.get()).isSameAs(prepared).isNotNull();
        assertThat(part.get()).isSameAs(prepared);
        assertThat(builds).hasValue(1);
    }

    @Test
    void a_part_the_warm_up_failed_to_build_is_built_once_by_the_request() {
        // given: the first build fails, as a step of the warm-up
        ColdStart.Part<Object> part = new ColdStart.Part<>("thing", () -> {
            if (builds.getAndIncrement() == 0) {
                throw new IllegalStateException("not now");
            }
            return new Object();
        });

        // when
        Object prepared = part.prepare();
        Object requested = part.get();

        // then
        assertThat(prepared).isNull();
        assertThat(requested).isNotNull();
        assertThat(part.get()).isSameAs(requested);
        assertThat(builds).hasValue(2);
    }

    @Test
    void a_part_nobody_took_before_the_warm_up_ended_is_built_by_the_request() {
        // given
        ColdStart.Part<Object> part = new ColdStart.Part<>("thing", this::build);
        part.abandon();

        // when
        Object requested = part.get();

        // then
        assertThat(requested).isNotNull();
        assertThat(part.get()).isSameAs(requested);
        assertThat(builds).hasValue(1);
    }

    private Object build() {
        builds.incrementAndGet();
        return new Object();
    }
}
