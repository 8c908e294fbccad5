package dev.hookline.deploy;

/**
 * An error the user can act on: its message names the cause and the option to change.
 * The command line prints only the message (no stack trace unless {@code --verbose}).
 */
public class HooklineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HooklineException(String message) {
        super(message);
    }

    public HooklineException(String message, Throwable cause) {
        super(message, cause);
    }
}
