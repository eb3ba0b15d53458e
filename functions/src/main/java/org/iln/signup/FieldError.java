package org.iln.signup;

import java.util.Objects;

/**
 * One problem with one submitted field, worded for the person who filled the form; never
 * repeats what they typed.
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
