package dev.hookline.gateway.provisioning;

/** A provisioning snippet could not be produced; the message says why and what to change. */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
