package dev.hookline.vendor;

/** A vendor descriptor that cannot be used; the message names the file, the key and the reason. */
public final class VendorFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VendorFileException(String message) {
        super(message);
    }

    public VendorFileException(String message, Throwable cause) {
        super(message, cause);
    }

    static VendorFileException at(String file, String key, String reason) {
        return new VendorFileException("vendor file " + file + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
    }
}
