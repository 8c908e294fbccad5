package dev.hookline.schema.format;

/** The schema registry did not answer, refused a request, or answered something unusable. */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
