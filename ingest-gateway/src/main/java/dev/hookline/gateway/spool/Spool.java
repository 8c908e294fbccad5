package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, crash-safe, append-only spool of opaque entries on local disk: where the gateway
 * keeps accepted requests while Kafka cannot take them.
 *
 * <p>{@link #append} never blocks on I/O: a writer thread batches appends, writes them and
 * fsyncs once per batch, and only then completes their futures, so a completed future means the
 * entry survives a crash of the process or the machine. Entries get increasing sequences in the
 * order {@code append} was called. A replayer {@link #peek}s the oldest unacknowledged entries and
 * {@link #acknowledge}s them once Kafka has them; acknowledged segments are deleted. After a crash
 * the entries after the last acknowledgement come back (at-least-once).
 *
 * <p>Files in the directory: {@code <first sequence, 20 digits>.spool} segments of frames (see
 * {@code Frames}), {@code checkpoint} (the acknowledged sequence) and {@code spool.lock}, which
 * keeps a second process from opening the same spool. On open every frame is checked; see
 * {@code Recovery} for what happens to a bad one.
 *
 * <p>Memory: the index holds one int per unacknowledged entry; payloads stay on disk until
 * peeked, except those still queued for the writer (bounded by {@code maxBytes}).
 *
 * <p>{@code append}, the depth getters and {@code close} may be called from any thread.
 * {@code peek} and {@code acknowledge} do blocking I/O: call them from a worker thread, not an
 * event loop.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String LOCK_FILE = "spool.lock";
    /**
     * Most bytes waiting in memory for the writer. {@code maxBytes} bounds the disk; this bounds
     * the heap when the disk stalls: appends are then refused as if the spool were full.
     */
    private static final long MAX_QUEUED_BYTES = 32L << 20;

    private final Path dir;
    private final SpoolOptions options;
    private final FileChannel lockChannel;
    private final SegmentLog log;
    private final SpoolWriter writer;
    private final long tornBytes;
    private final long maxQueuedBytes;

    // Admission state, guarded by itself: sequences are assigned and entries queued together,
    // so the queue (and the files) keep the order of append calls.
    private final Object admission = new Object();
    private long nextSequence;
    private long depthEntries;
    private long depthBytes;
    private long queuedBytes;
    private boolean closed;
    private IOException failure;

    private Spool(Path dir, SpoolOptions options, FileChannel lockChannel, Recovery.Result recovered, long acknowledged) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.tornBytes = recovered.tornBytes();
        this.maxQueuedBytes = Math.max(MAX_QUEUED_BYTES, options.maxFrameBytes());
        this.nextSequence = recovered.lastSequence() + 1;
        this.depthEntries = recovered.unackedEntries();
        this.depthBytes = recovered.unackedBytes();
        this.log = new SegmentLog(recovered.segments(), new Checkpoint(dir, options.fsync()), acknowledged,
                recovered.lastSequence());
        this.writer = new SpoolWriter(dir, options, log, new WriterListener());
    }

    /**
     * Opens (creating if needed) the spool in {@code dir} and recovers its entries.
     *
     * @throws SpoolCorruptException if a segment other than the last is corrupt (names the file)
     * @throws IOException           if the directory cannot be used or another process has it open
     */
    public static Spool open(Path dir, SpoolOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Files.createDirectories(dir);
        FileChannel lockChannel = lock(dir);
        try {
            Checkpoint checkpoint = new Checkpoint(dir, options.fsync());
            long acknowledged = checkpoint.read();
            Recovery.Result recovered = Recovery.recover(dir, acknowledged, options.fsync());
            Spool spool = new Spool(dir, options, lockChannel, recovered, acknowledged);
            spool.writer.start();
            LOG.info("Spool {} open: {} unacknowledged entries ({} bytes), next sequence {}{}", dir,
                    recovered.unackedEntries(), recovered.unackedBytes(), recovered.lastSequence() + 1,
                    recovered.tornBytes() > 0 ? ", dropped a torn tail of " + recovered.tornBytes() + " bytes" : "");
            return spool;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("spool " + dir + " is in use by another process");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("spool " + dir + " is already open in this JVM", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Queues one entry. The future completes with the entry's sequence once it is durable, on
     * the writer thread (do not block in its callbacks). It fails at once with
     * {@link SpoolFullException} when the entry would take the spool past {@code maxBytes} (or
     * the writer is 32 MiB behind, so a stalled disk cannot fill the heap), with
     * {@link IllegalArgumentException} when the entry is larger than a segment or the bound, with
     * {@link IllegalStateException} after {@link #close}, and with an {@link IOException} once a
     * write has failed. The arrays are written later: do not change them after the call.
     *
     * @param key   may be null
     * @param value not null, may be empty
     */
    public CompletableFuture<Long> append(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        int frameBytes = Frames.frameBytes(key, value);
        if (frameBytes > options.maxFrameBytes()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "entry of " + frameBytes + " bytes exceeds the largest allowed, " + options.maxFrameBytes()));
        }
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (admission) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("spool " + dir + " is closed"));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(new IOException("spool " + dir + " failed a write earlier", failure));
            }
            if (depthBytes + frameBytes > options.maxBytes()) {
                return CompletableFuture.failedFuture(new SpoolFullException(depthBytes, frameBytes, options.maxBytes()));
            }
            if (queuedBytes + frameBytes > maxQueuedBytes) {
                return CompletableFuture.failedFuture(new SpoolFullException(queuedBytes, frameBytes));
            }
            queuedBytes += frameBytes;
            depthBytes += frameBytes;
            depthEntries++;
            writer.enqueue(new PendingAppend(nextSequence++, key, value, frameBytes, future));
        }
        return future;
    }

    /**
     * Up to {@code max} of the oldest durable, unacknowledged entries, in sequence order; it
     * removes nothing. Entries still on their way to disk are not returned yet.
     *
     * @throws SpoolCorruptException if an entry no longer passes its checksum
     */
    public List<SpoolEntry> peek(int max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return log.peek(max);
    }

    /**
     * Marks every entry up to {@code sequence} (inclusive) as delivered: records it durably in the
     * checkpoint, frees its room against {@code maxBytes} and deletes segments wholly delivered.
     * Acknowledging an earlier sequence again does nothing.
     *
     * @throws IllegalArgumentException if {@code sequence} is beyond the last durable entry
     */
    public void acknowledge(long sequence) throws IOException {
        SegmentLog.Released released = log.acknowledge(sequence);
        synchronized (admission) {
            depthEntries -= released.entries();
            depthBytes -= released.bytes();
        }
    }

    /** The options this spool was opened with. */
    public SpoolOptions options() {
        return options;
    }

    /** True when every accepted entry has been acknowledged. */
    public boolean isEmpty() {
        return depthEntries() == 0;
    }

    /** Accepted entries not yet acknowledged, those still on their way to disk included. */
    public long depthEntries() {
        synchronized (admission) {
            return depthEntries;
        }
    }

    /** Bytes (frames) of accepted entries not yet acknowledged: what counts against {@code maxBytes}. */
    public long depthBytes() {
        synchronized (admission) {
            return depthBytes;
        }
    }

    /** Bytes dropped from a torn tail of the last segment when this spool was opened. */
    public long recoveredTornBytes() {
        return tornBytes;
    }

    /** For tests: holding its monitor stalls the writer as a hung disk would, after its write. */
    SegmentLog segmentLog() {
        return log;
    }

    /** fsyncs of segment files so far (for tests of group commit). */
    long syncs() {
        return writer.syncs();
    }

    /**
     * Writes and syncs every entry already accepted, stops the writer and releases the directory.
     * Idempotent. Not from an append's callback: the writer thread cannot wait for itself.
     */
    @Override
    public void close() throws IOException {
        if (writer.isWriterThread()) {
            throw new IllegalStateException("close the spool from another thread than its writer's");
        }
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.stop();
        try {
            log.close();
        } finally {
            lockChannel.close(); // releases the lock
        }
    }

    private final class WriterListener implements SpoolWriter.Listener {

        @Override
        public void dequeued(long frameBytes) {
            synchronized (admission) {
                queuedBytes -= frameBytes;
            }
        }

        @Override
        public void failed(IOException cause) {
            synchronized (admission) {
                failure = cause;
            }
        }
    }
}
