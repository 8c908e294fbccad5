package dev.hookline.gateway.guard;

/** Why a request was turned away: counted by this name, never published. */
public enum Rejection {
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    BAD_TOKEN(401, "Unauthorized"),
    SOURCE_NOT_ALLOWED(403, "Forbidden"),
    /** One phone (its MAC) sent more than its own limit. */
    DEVICE_RATE_LIMITED(429, "Too Many Requests"),
    /** One source address, all its phones together, sent more than the flood guard allows. */
    ADDRESS_RATE_LIMITED(429, "Too Many Requests"),
    MALFORMED(400, "Bad Request");

    private final int status;
    private final String reason;

    Rejection(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The label for protocol errors found while reading (414, 431, 413, 408, ...). */
    public static String labelForStatus(int status) {
        return switch (status) {
            case 400 -> "malformed";
            case 403 -> "source_not_allowed";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 505 -> "http_version";
            default -> "status_" + status;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
