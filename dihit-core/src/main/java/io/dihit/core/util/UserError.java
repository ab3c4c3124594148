package io.dihit.core.util;

/**
 * A mistake the user can fix (a missing file, a wrong folder, unusable input), with a message that says
 * what is wrong and how to fix it. The {@code dihit} command line prints it as one line, without a stack
 * trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
