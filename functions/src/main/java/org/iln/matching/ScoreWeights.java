package org.iln.matching;

/**
 * The one place the partnership score is weighed: every term of a pair's score, in whole points,
 * so that scores add up exactly.
 *
 * <p>A pair's score is {@code base} + {@code sharedInterest} per shared interest + for each
 * member and each preference they stated (sector, career stage, regions) {@code preferenceMet}
 * when the partner meets it, or minus {@code preferenceUnmet} when not (nothing if the member is
 * open to any match) + {@code closeTimeZones} minus {@code perHourApart} per hour between their
 * UTC offsets (never below zero) + for each member one point per {@code daysPerWaitingPoint}
 * days waited, up to {@code maxWaitingPoints}. A score below zero counts as zero.
 *
 * @param base points for any eligible pair, so that a pair with nothing in common still scores
 * @param sharedInterest points per shared interest
 * @param preferenceMet points per stated preference the partner meets, from each side
 * @param preferenceUnmet points lost per stated preference the partner misses, unless open to any
 * @param closeTimeZones points for partners in the same UTC offset
 * @param perHourApart points lost per hour of offset difference, down to zero
 * @param daysPerWaitingPoint days of waiting worth one point
 * @param maxWaitingPoints most waiting points one member can bring
 */
public record ScoreWeights(
        int base,
        int sharedInterest,
        int preferenceMet,
        int preferenceUnmet,
        int closeTimeZones,
        int perHourApart,
        int daysPerWaitingPoint,
        int maxWaitingPoints) {

    /** The weights used unless a coordinator tunes them. */
    public static final ScoreWeights DEFAULTS = new ScoreWeights(20, 10, 8, 4, 12, 1, 15, 8);

    public ScoreWeights {
        if (base < 0 || sharedInterest < 0 || preferenceMet < 0 || preferenceUnmet < 0 || closeTimeZones < 0
                || perHourApart < 0 || maxWaitingPoints < 0) {
            throw new IllegalArgumentException("score weights must not be negative");
        }
        if (daysPerWaitingPoint <= 0) {
            throw new IllegalArgumentException("daysPerWaitingPoint must be positive");
        }
    }

    /** The largest score any pair can reach under these weights. */
    int maxScore(int maxSharedInterests) {
        return base + sharedInterest * maxSharedInterests + 6 * preferenceMet + closeTimeZones + 2 * maxWaitingPoints;
    }
}
