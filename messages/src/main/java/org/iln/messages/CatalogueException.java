package org.iln.messages;

/** A catalogue that cannot be used: a language without a file, a missing or unknown key, a malformed pattern. */
public final class CatalogueException extends RuntimeException {

    CatalogueException(String message) {
        super(message);
    }

    CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
