package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One append-only segment file, named by the sequence of its first entry, and the index of the
 * offsets of its durable entries. Entries in a segment have consecutive sequences. Payloads are
 * not kept in memory: {@link #read} reads them back from the file.
 *
 * <p>Threads: the write fields are the writer thread's alone; the index fields are guarded by the
 * {@link SegmentLog} monitor. Reads and writes use positional I/O, so they may overlap.
 */
final class SegmentFile {

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.spool");

    final Path path;
    final long firstSequence;
    private final FileChannel channel;

    // Writer thread only.
    private long writePosition;
    private long nextWriteSequence;

    // Guarded by the SegmentLog monitor.
    private int[] offsets;
    private int count;
    private long durableEnd;
    private boolean sealed;

    private SegmentFile(Path path, long firstSequence, FileChannel channel, int[] offsets, int count, long end) {
        this.path = path;
        this.firstSequence = firstSequence;
        this.channel = channel;
        this.offsets = offsets.length == 0 ? new int[16] : offsets;
        this.count = count;
        this.durableEnd = end;
        this.writePosition = end;
        this.nextWriteSequence = firstSequence + count;
    }

    static String fileName(long firstSequence) {
        return String.format("%020d.spool", firstSequence);
    }

    static OptionalLong firstSequenceOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** A new, empty segment; its directory entry is made durable before any entry is acknowledged. */
    static SegmentFile create(Path dir, long firstSequence, boolean fsync) throws IOException {
        Path path = dir.resolve(fileName(firstSequence));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (fsync) {
            Durable.syncDirectory(dir);
        }
        return new SegmentFile(path, firstSequence, channel, new int[0], 0, 0);
    }

    /** An existing segment whose first {@code count} frames recovery found valid, ending at {@code end}. */
    static SegmentFile recovered(Path path, long firstSequence, FileChannel channel, int[] offsets, int count, long end) {
        return new SegmentFile(path, firstSequence, channel, offsets, count, end);
    }

    // ---- writer thread ----

    long writePosition() {
        return writePosition;
    }

    long nextWriteSequence() {
        return nextWriteSequence;
    }

    /** Appends the buffer's remaining bytes at the end of what was written. */
    void write(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            writePosition += channel.write(buf, writePosition);
        }
    }

    /** The writer has placed entry {@code sequence} here (perhaps still in its buffer). */
    void placed(long sequence) {
        nextWriteSequence = sequence + 1;
    }

    void force() throws IOException {
        channel.force(false);
    }

    // ---- under the SegmentLog monitor ----

    /** Records that the frame at [offset, end) is durable: it is the next entry of this segment. */
    void addDurable(int offset, long end) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
        durableEnd = end;
    }

    int count() {
        return count;
    }

    long lastSequence() {
        return firstSequence + count - 1;
    }

    boolean sealed() {
        return sealed;
    }

    /** The writer has moved on to a later segment: no entry will be added here. */
    void seal() {
        sealed = true;
    }

    /** Bytes of the frames of entries {@code from} to {@code to} (indexes, both inclusive). */
    long bytes(int from, int to) {
        long end = to + 1 < count ? offsets[to + 1] : durableEnd;
        return end - offsets[from];
    }

    /** Reads up to {@code max} durable entries from index {@code from} on, checking each frame. */
    List<SpoolEntry> read(int from, int max) throws IOException {
        int to = (int) Math.min((long) from + max, count) - 1;
        long start = offsets[from];
        ByteBuffer buf = ByteBuffer.allocate((int) bytes(from, to));
        while (buf.hasRemaining()) {
            if (channel.read(buf, start + buf.position()) < 0) {
                throw new SpoolCorruptException(path, start + buf.position(), "file ends before its indexed entries", "");
            }
        }
        List<SpoolEntry> entries = new ArrayList<>(to - from + 1);
        for (int i = from; i <= to; i++) {
            int pos = (int) (offsets[i] - start);
            String problem = Frames.problem(buf, pos, buf.limit() - pos, firstSequence + i);
            if (problem != null) {
                throw new SpoolCorruptException(path, offsets[i], problem + " on read", "");
            }
            entries.add(Frames.decode(buf, pos));
        }
        return entries;
    }

    // ---- any thread, once no one else uses the segment ----

    void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
