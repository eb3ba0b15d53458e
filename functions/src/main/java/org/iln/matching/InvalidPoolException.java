package org.iln.matching;

/** A pool that cannot be matched as given; the message names the record and the field or rule. */
public final class InvalidPoolException extends RuntimeException {

    public InvalidPoolException(String message) {
        super(message);
    }

    public InvalidPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
