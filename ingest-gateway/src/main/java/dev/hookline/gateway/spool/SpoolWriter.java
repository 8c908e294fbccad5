package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the spool: it takes a batch of pending appends, writes their frames,
 * fsyncs once for the whole batch (group commit), publishes the entries and only then completes
 * their futures. A batch is what is queued when the writer gets to it, plus what arrives within
 * the group-commit window after its first append. Futures complete on this thread.
 */
final class SpoolWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolWriter.class);
    private static final PendingAppend STOP = new PendingAppend(-1, null, new byte[0], 0, null);
    private static final int BUFFER_BYTES = 1 << 20;
    private static final long MAX_BATCH_BYTES = 8L << 20;

    private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Path dir;
    private final SpoolOptions options;
    private final SegmentLog log;
    private final Listener listener;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final AtomicLong syncs = new AtomicLong();
    private final Thread thread;
    private SegmentFile active;
    private IOException failure;

    /** What the spool learns from the writer, on the writer thread. */
    interface Listener {
        /** A batch of this many frame bytes has left the queue, written or failed. */
        void dequeued(long frameBytes);

        /** A write failed: the spool must refuse appends from now on. */
        void failed(IOException cause);
    }

    SpoolWriter(Path dir, SpoolOptions options, SegmentLog log, Listener listener) {
        this.dir = dir;
        this.options = options;
        this.log = log;
        this.listener = listener;
        this.active = log.openTail();
        this.thread = new Thread(this, "spool-writer-" + dir.getFileName());
        // A forgotten close must not keep the JVM up; nothing unsynced was ever acknowledged.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Callers keep sequence order by enqueueing in the order they assigned sequences. */
    void enqueue(PendingAppend append) {
        queue.add(append);
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Writes everything enqueued before, then ends the thread and waits for it. */
    void stop() {
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** fsyncs of segment files so far: fewer than appends when group commit works. */
    long syncs() {
        return syncs.get();
    }

    @Override
    public void run() {
        List<PendingAppend> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                running = collect(batch);
            } catch (InterruptedException e) {
                // Nothing here interrupts the writer; if something does, fail safe, keep draining.
                fail(new IOException("spool writer interrupted", e));
            }
            if (!batch.isEmpty()) {
                process(batch);
                batch.clear();
            }
        }
        closeUnpublished();
    }

    /** A segment created by a batch that then failed is in no log that would close it. */
    private void closeUnpublished() {
        if (active != null && failure != null) {
            try {
                active.close();
            } catch (IOException e) {
                LOG.warn("Could not close spool segment {}", active.path, e);
            }
        }
    }

    /** Fills {@code batch}; false once STOP was taken (the batch then holds all before it). */
    private boolean collect(List<PendingAppend> batch) throws InterruptedException {
        PendingAppend first = queue.take();
        if (first == STOP) {
            return false;
        }
        batch.add(first);
        long bytes = first.frameBytes;
        long deadline = System.nanoTime() + options.groupCommitWindow().toNanos();
        while (bytes < MAX_BATCH_BYTES) {
            PendingAppend next = queue.poll();
            if (next == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
                    break;
                }
            }
            if (next == STOP) {
                return false;
            }
            batch.add(next);
            bytes += next.frameBytes;
        }
        return true;
    }

    private void process(List<PendingAppend> batch) {
        long bytes = 0;
        for (PendingAppend append : batch) {
            bytes += append.frameBytes;
        }
        if (failure != null) {
            listener.dequeued(bytes);
            batch.forEach(a -> a.future.completeExceptionally(failure));
            return;
        }
        try {
            List<SegmentFile> newSegments = write(batch);
            log.publish(newSegments, batch);
        } catch (IOException | RuntimeException e) {
            IOException cause = e instanceof IOException io ? io : new IOException("spool writer failed", e);
            LOG.error("Spool writer failed in {}; the spool refuses appends until reopened", dir, cause);
            fail(cause);
            listener.dequeued(bytes);
            batch.forEach(a -> a.future.completeExceptionally(cause));
            return;
        }
        listener.dequeued(bytes);
        for (PendingAppend append : batch) {
            append.future.complete(append.sequence);
        }
    }

    /** Writes and syncs the batch, rolling segments as needed; returns the segments it created. */
    private List<SegmentFile> write(List<PendingAppend> batch) throws IOException {
        List<SegmentFile> newSegments = new ArrayList<>(1);
        for (PendingAppend append : batch) {
            if (needsNewSegment(append)) {
                if (active != null) {
                    flush();
                    // Synced before the next exists: only the last segment can have a torn tail.
                    sync(active);
                }
                active = SegmentFile.create(dir, append.sequence, options.fsync());
                newSegments.add(active);
            }
            if (append.frameBytes > buffer.remaining()) {
                flush();
            }
            append.segment = active;
            append.offset = (int) (active.writePosition() + buffer.position());
            if (append.frameBytes > buffer.capacity()) {
                ByteBuffer large = ByteBuffer.allocate(append.frameBytes);
                Frames.encode(large, append.sequence, append.key, append.value);
                active.write(large.flip());
            } else {
                Frames.encode(buffer, append.sequence, append.key, append.value);
            }
            active.placed(append.sequence);
        }
        flush();
        sync(active);
        return newSegments;
    }

    private boolean needsNewSegment(PendingAppend append) {
        if (active == null || active.nextWriteSequence() != append.sequence) {
            return true;
        }
        long size = active.writePosition() + buffer.position();
        return size > 0 && size + append.frameBytes > options.segmentBytes();
    }

    /** Writes the buffered frames to the active segment. */
    private void flush() throws IOException {
        if (buffer.position() > 0) {
            active.write(buffer.flip());
            buffer.clear();
        }
    }

    private void sync(SegmentFile segment) throws IOException {
        if (options.fsync()) {
            segment.force();
            syncs.incrementAndGet();
        }
    }

    private void fail(IOException cause) {
        if (failure == null) {
            failure = cause;
            listener.failed(cause);
        }
    }
}
