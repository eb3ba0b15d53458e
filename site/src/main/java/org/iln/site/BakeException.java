package org.iln.site;

/**
 * Thrown when the site cannot be baked; the message names the file and the field to fix.
 *
 * <p>One message line per problem, each {@code <file>: <field> <what is wrong>}, with paths
 * relative to the site folder, so a coordinator can go straight to the line to change.
 */
public final class BakeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A bake failure with a message naming the file and field at fault. */
    public BakeException(String message) {
        super(message);
    }

    /** A bake failure caused by an I/O or rendering error. */
    public BakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
