package dev.hookline.gateway.spool;

/**
 * The spool holds {@link SpoolOptions#maxBytes()} of unacknowledged entries, or its writer is
 * too far behind a slow disk: the caller should refuse the request (HTTP 503 with Retry-After). Thrown often under overload, so it carries no
 * stack trace.
 */
public final class SpoolFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long usedBytes;
    private final long maxBytes;

    SpoolFullException(long usedBytes, long neededBytes, long maxBytes) {
        super("spool full: " + usedBytes + " of " + maxBytes + " bytes hold unacknowledged entries, "
                + neededBytes + " more needed", null, false, false);
        this.usedBytes = usedBytes;
        this.maxBytes = maxBytes;
    }

    /** The disk is slower than the appends: {@code queuedBytes} wait in memory for the writer. */
    SpoolFullException(long queuedBytes, long neededBytes) {
        super("spool writer behind: " + queuedBytes + " bytes wait to be written, " + neededBytes + " more needed",
                null, false, false);
        this.usedBytes = queuedBytes;
        this.maxBytes = -1;
    }

    public long usedBytes() {
        return usedBytes;
    }

    /** The bound that was reached; -1 when the writer's queue, not the disk bound, is full. */
    public long maxBytes() {
        return maxBytes;
    }
}
