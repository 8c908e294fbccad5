package dev.hookline.dispatcher.secrets;

/**
 * The secrets file cannot be used. The message names the file and the place in the JSON; it
 * never holds a value from the file, and no cause is attached (a parser's message can quote
 * the input, and the input is passwords).
 */
public final class SecretsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretsFileException(String message) {
        super(message);
    }
}
