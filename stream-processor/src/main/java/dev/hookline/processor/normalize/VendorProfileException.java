package dev.hookline.processor.normalize;

/** A vendor data file is missing, unreadable or invalid; the message names the file and the problem. */
public final class VendorProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VendorProfileException(String message) {
        super(message);
    }

    public VendorProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
