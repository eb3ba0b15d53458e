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
}
