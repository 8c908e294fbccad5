package dev.hookline.gateway.spool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments that still hold unacknowledged entries, oldest first, and the acknowledged
 * sequence. The writer publishes durable entries here; the replayer reads and acknowledges.
 * Every method holds this object's monitor.
 */
final class SegmentLog {

    /** Entries and frame bytes an acknowledgement released. */
    record Released(long entries, long bytes) {
        static final Released NONE = new Released(0, 0);
    }

    private final ArrayDeque<SegmentFile> segments;
    private final Checkpoint checkpoint;
    private long acknowledged;
    private long lastDurable;
    private boolean closed;

    SegmentLog(List<SegmentFile> recovered, Checkpoint checkpoint, long acknowledged, long lastDurable) {
        this.segments = new ArrayDeque<>(recovered);
        this.checkpoint = checkpoint;
        this.acknowledged = acknowledged;
        this.lastDurable = lastDurable;
    }

    /** The segment the writer continues, if recovery left one it may append to. */
    synchronized SegmentFile openTail() {
        SegmentFile last = segments.peekLast();
        return last == null || last.sealed() ? null : last;
    }

    /**
     * Makes a written and synced batch visible: new segments join the log, earlier ones are
     * sealed, entries join their segment's index. {@code batch} is in sequence order.
     */
    synchronized void publish(List<SegmentFile> newSegments, List<PendingAppend> batch) throws IOException {
        for (SegmentFile segment : newSegments) {
            SegmentFile previous = segments.peekLast();
            if (previous != null) {
                previous.seal();
            }
            segments.addLast(segment);
        }
        for (PendingAppend append : batch) {
            append.segment.addDurable(append.offset, (long) append.offset + append.frameBytes);
            lastDurable = append.sequence;
        }
        deleteAcknowledgedSegments();
    }

    /** Up to {@code max} durable entries after the acknowledged sequence, oldest first. */
    synchronized List<SpoolEntry> peek(int max) throws IOException {
        checkOpen();
        List<SpoolEntry> entries = new ArrayList<>(Math.min(max, 1024));
        for (SegmentFile segment : segments) {
            if (entries.size() >= max) {
                break;
            }
            if (segment.count() == 0 || segment.lastSequence() <= acknowledged) {
                continue;
            }
            int from = (int) Math.max(0, acknowledged + 1 - segment.firstSequence);
            entries.addAll(segment.read(from, max - entries.size()));
        }
        return entries;
    }

    /** Durably records that every entry up to {@code upTo} is done with, then frees their space. */
    synchronized Released acknowledge(long upTo) throws IOException {
        checkOpen();
        if (upTo <= acknowledged) {
            return Released.NONE;
        }
        if (upTo > lastDurable) {
            throw new IllegalArgumentException("cannot acknowledge up to " + upTo + ": the last durable entry is " + lastDurable);
        }
        long entries = 0;
        long bytes = 0;
        for (SegmentFile segment : segments) {
            long from = Math.max(acknowledged + 1, segment.firstSequence);
            long to = Math.min(upTo, segment.lastSequence());
            if (from <= to) {
                entries += to - from + 1;
                bytes += segment.bytes((int) (from - segment.firstSequence), (int) (to - segment.firstSequence));
            }
        }
        checkpoint.write(upTo);
        acknowledged = upTo;
        deleteAcknowledgedSegments();
        return new Released(entries, bytes);
    }

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (SegmentFile segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Sealed segments wholly acknowledged; the one the writer appends to stays. */
    private void deleteAcknowledgedSegments() throws IOException {
        while (!segments.isEmpty() && segments.peekFirst().sealed() && segments.peekFirst().lastSequence() <= acknowledged) {
            segments.pollFirst().delete();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("spool is closed");
        }
    }
}
