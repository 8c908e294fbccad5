package dev.hookline.dispatcher.driver;

/**
 * A command's number, keys or account cannot be sent to this vendor. Drivers throw it from the
 * validation helpers and turn it into {@link Translation.Invalid}; the message becomes the
 * result's detail, so it never quotes the offending input (it may hold control characters).
 */
public final class InvalidCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCommandException(String reason) {
        // No stack trace: this is an expected outcome, not a bug.
        super(reason, null, false, false);
    }
}
