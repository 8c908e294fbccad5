package dev.hookline.gateway.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Spool} bounds and syncs its data.
 *
 * @param maxBytes          most bytes of accepted, not yet acknowledged entries (frames included);
 *                          an append beyond it fails with {@link SpoolFullException}. Disk use is at
 *                          most this plus one segment of acknowledged entries not yet deleted.
 * @param segmentBytes      size at which the writer starts a new segment file; also the largest
 *                          entry (frame) accepted
 * @param groupCommitWindow how long the writer may wait, after the first pending append, for more
 *                          appends to share one fsync. Zero (the default) still groups: what queues
 *                          during one fsync shares the next. A window only pays where fsync is
 *                          much cheaper than the gap between appends and fsyncs must be few; it
 *                          adds its whole length to every append's latency
 * @param fsync             false only in tests that do not care about power loss: skips every fsync
 */
public record SpoolOptions(long maxBytes, int segmentBytes, Duration groupCommitWindow, boolean fsync) {

    public SpoolOptions {
        Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (segmentBytes < Frames.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be at least " + Frames.MIN_FRAME_BYTES + ": " + segmentBytes);
        }
        if (groupCommitWindow.isNegative()) {
            throw new IllegalArgumentException("groupCommitWindow must not be negative: " + groupCommitWindow);
        }
    }

    /**
     * 1 GiB bound, 64 MiB segments, no group-commit window, fsync on. No window because, measured
     * with {@code SpoolThroughput} (test sources) where an fsync takes about 0.25 ms, 64 callers
     * each awaiting durability made 87,000 appends/s without one and 20,000/s with 2 ms.
     */
    public static SpoolOptions defaults() {
        return new SpoolOptions(1L << 30, 64 << 20, Duration.ZERO, true);
    }

    public SpoolOptions withMaxBytes(long maxBytes) {
        return new SpoolOptions(maxBytes, segmentBytes, groupCommitWindow, fsync);
    }

    public SpoolOptions withSegmentBytes(int segmentBytes) {
        return new SpoolOptions(maxBytes, segmentBytes, groupCommitWindow, fsync);
    }

    public SpoolOptions withGroupCommitWindow(Duration groupCommitWindow) {
        return new SpoolOptions(maxBytes, segmentBytes, groupCommitWindow, fsync);
    }

    public SpoolOptions withFsync(boolean fsync) {
        return new SpoolOptions(maxBytes, segmentBytes, groupCommitWindow, fsync);
    }

    /** The largest frame an append may produce: it must fit in one segment and in the bound. */
    int maxFrameBytes() {
        return (int) Math.min(segmentBytes, maxBytes);
    }
}
