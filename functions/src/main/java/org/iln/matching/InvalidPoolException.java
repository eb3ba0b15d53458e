package org.iln.matching;

import java.util.Optional;

/**
 * A pool that cannot be matched as given; the message names the record and the field or rule (in
 * English, for logs and the CLI). A refusal a coordinator caused (a pin) also carries its
 * {@link Reason}, so the coordinators' mail words it in their language.
 */
public final class InvalidPoolException extends RuntimeException {

    private final transient Reason reason;

    public InvalidPoolException(String message) {
        this(message, (Reason) null);
    }

    public InvalidPoolException(String message, Throwable cause) {
        super(message, cause);
        this.reason = null;
    }

    InvalidPoolException(String message, Reason reason) {
        super(message);
        this.reason = reason;
    }

    /** The refusal as a {@link Reason}, for the coordinators, when they caused it (a pin). */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * The refusal of {@code pool} worded for coordinators: {@code refusal} itself when it has its
     * reason, else, when a pin of the pool breaks a hard rule (the matcher's refusal names it in
     * English only), the same refusal with that rule as a {@link Reason}.
     */
    public static InvalidPoolException explained(InvalidPoolException refusal, Pool pool) {
        if (refusal.reason != null || pool.pins().isEmpty()) {
            return refusal;
        }
        Cohort cohort = new Cohort(pool, MatcherOptions.DEFAULTS.weights());
        for (java.util.List<String> pin : pool.pins()) {
            String rule = Reasons.brokenRule(cohort, cohort.indexOf(pin.get(0)), cohort.indexOf(pin.get(1)));
            if (rule != null) {
                InvalidPoolException worded = new InvalidPoolException(refusal.getMessage(),
                        Reason.pinRefused(pin.get(0), pin.get(1), rule));
                worded.initCause(refusal);
                return worded;
            }
        }
        return refusal;
    }
}
