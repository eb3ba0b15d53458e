package org.iln.survey;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import org.iln.programme.Programme.Round;

/**
 * When a round's survey takes answers: from the round's end date (the night its mail goes out)
 * until {@link #OPEN_FOR} after it, both days included. The one place the closing date is set.
 */
public final class Survey {

    /** How long after the round's end answers can be given and edited. */
    public static final Period OPEN_FOR = Period.ofWeeks(4);

    private Survey() {
    }

    /** The last day answers are taken, or null when the round has no end date. */
    public static LocalDate closesOn(Round round) {
        Objects.requireNonNull(round, "round");
        return round.ends() == null ? null : round.ends().plus(OPEN_FOR);
    }

    /** Whether the round's survey takes answers on {@code day}. */
    public static boolean isOpenOn(Round round, LocalDate day) {
        LocalDate closes = closesOn(round);
        return closes != null && !day.isBefore(round.ends()) && !day.isAfter(closes);
    }
}
