package dev.hookline.schema.format;

/**
 * The registry could not be asked (no answer, refused credentials, a server error), as opposed
 * to answering that something does not exist. A reader must not treat the value it was decoding
 * as bad: this is not a {@link org.apache.kafka.common.errors.SerializationException}, so it
 * stops the reader (which resumes from the same record once restarted) rather than sending a
 * good record to a dead-letter topic.
 */
public final class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
