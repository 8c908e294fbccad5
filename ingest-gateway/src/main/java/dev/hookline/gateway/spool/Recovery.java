package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the segment index from the files on open, checking every frame.
 *
 * <p>Corruption policy. Only the last segment can legitimately end in a bad frame: the writer
 * fsyncs a segment before it creates the next, so a crash tears at most the tail of the last one,
 * and nothing after the last fsync was acknowledged to anyone. That tail is truncated from the
 * first bad frame on and the count of dropped bytes logged and reported. A bad frame in any
 * earlier segment means the disk or someone damaged acknowledged data: open fails with a
 * {@link SpoolCorruptException} naming the file, rather than silently losing entries; an operator
 * may move the file aside (its entries are then lost, logged as missing) and open again.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int READ_CHUNK = 1 << 20;

    record Result(List<SegmentFile> segments, long lastSequence, long tornBytes, long unackedEntries, long unackedBytes) {
    }

    private Recovery() {
    }

    static Result recover(Path dir, long acknowledged, boolean fsync) throws IOException {
        List<Path> files = segmentFiles(dir);
        List<SegmentFile> segments = new ArrayList<>();
        long tornBytes = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long first = SegmentFile.firstSequenceOf(file).orElseThrow();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Scan scan;
                try {
                    scan = scan(channel, first);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                segments.add(SegmentFile.recovered(file, first, channel, scan.offsets, scan.count, scan.validEnd));
                if (scan.problem == null) {
                    continue;
                }
                if (i < files.size() - 1) {
                    throw new SpoolCorruptException(file, scan.validEnd, scan.problem, "It is not the last segment, so "
                            + "a crash cannot explain it. Move the file out of " + dir
                            + " to open the spool without its entries (they are then lost), or restore it");
                }
                long dropped = scan.size - scan.validEnd;
                channel.truncate(scan.validEnd);
                if (fsync) {
                    channel.force(true);
                }
                tornBytes += dropped;
                LOG.warn("Spool segment {}: dropped a torn tail of {} bytes at byte {} ({}); {} entries kept",
                        file, dropped, scan.validEnd, scan.problem, scan.count);
            }
        } catch (IOException | RuntimeException e) {
            for (SegmentFile segment : segments) {
                segment.close();
            }
            throw e;
        }
        reportGaps(segments, acknowledged);
        long lastSequence = acknowledged;
        for (SegmentFile segment : segments) {
            lastSequence = Math.max(lastSequence, segment.lastSequence());
        }
        deleteAcknowledged(segments, acknowledged);
        return summarize(segments, lastSequence, tornBytes, acknowledged);
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SegmentFile.firstSequenceOf(f).isPresent())
                    .sorted(Comparator.comparingLong(f -> SegmentFile.firstSequenceOf(f).orElseThrow()))
                    .toList();
        }
    }

    /** A missing segment (moved aside by an operator) loses entries: say which. */
    private static void reportGaps(List<SegmentFile> segments, long acknowledged) {
        for (int i = 1; i < segments.size(); i++) {
            long expected = segments.get(i - 1).lastSequence() + 1;
            long found = segments.get(i).firstSequence;
            if (found != expected && found - 1 > acknowledged) {
                LOG.error("Spool entries {} to {} are missing: no segment holds them (before {})",
                        Math.max(expected, acknowledged + 1), found - 1, segments.get(i).path);
            }
        }
    }

    /**
     * Deletes an empty last segment (a crash right after its creation, or a tail torn away
     * whole) and every segment from the front whose entries are all acknowledged (a crash
     * between the checkpoint and the deletion). The writer starts a new segment when needed.
     */
    private static void deleteAcknowledged(List<SegmentFile> segments, long acknowledged) throws IOException {
        if (!segments.isEmpty() && segments.get(segments.size() - 1).count() == 0) {
            segments.remove(segments.size() - 1).delete();
        }
        while (!segments.isEmpty() && segments.get(0).lastSequence() <= acknowledged) {
            segments.remove(0).delete();
        }
    }

    private static Result summarize(List<SegmentFile> segments, long lastSequence, long tornBytes, long acknowledged) {
        long entries = 0;
        long bytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            SegmentFile segment = segments.get(i);
            if (i < segments.size() - 1) {
                segment.seal();
            }
            int from = (int) Math.max(0, acknowledged + 1 - segment.firstSequence);
            if (from < segment.count()) {
                entries += segment.count() - from;
                bytes += segment.bytes(from, segment.count() - 1);
            }
        }
        return new Result(List.copyOf(segments), lastSequence, tornBytes, entries, bytes);
    }

    private record Scan(int[] offsets, int count, long validEnd, long size, String problem) {
    }

    /** Reads the file in chunks and checks frame after frame until the end or the first bad one. */
    private static Scan scan(FileChannel channel, long firstSequence) throws IOException {
        long size = channel.size();
        int[] offsets = new int[64];
        int count = 0;
        long pos = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(READ_CHUNK, Math.max(size, Frames.HEADER_BYTES)));
        long bufStart = 0;
        buf.limit(0);
        String problem = null;
        while (pos < size) {
            long available = size - pos;
            int headerBytes = (int) Math.min(Frames.HEADER_BYTES, available);
            if (pos + headerBytes > bufStart + buf.limit()) {
                buf = fill(channel, buf, pos, headerBytes);
                bufStart = pos;
            }
            int rel = (int) (pos - bufStart);
            if (available >= Frames.HEADER_BYTES) {
                int payload = buf.getInt(rel);
                int frame = Frames.HEADER_BYTES + payload;
                if (payload >= 0 && frame <= available && pos + frame > bufStart + buf.limit()) {
                    buf = fill(channel, buf, pos, frame);
                    bufStart = pos;
                    rel = 0;
                }
            }
            problem = Frames.problem(buf, rel, available, firstSequence + count);
            if (problem != null) {
                break;
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = (int) pos;
            pos += Frames.frameBytesAt(buf, rel);
        }
        return new Scan(offsets, count, pos, size, problem);
    }

    /** Refills {@code buf} from {@code pos} on with at least {@code needed} bytes (the file has them). */
    private static ByteBuffer fill(FileChannel channel, ByteBuffer buf, long pos, int needed) throws IOException {
        ByteBuffer target = needed > buf.capacity() ? ByteBuffer.allocate(needed) : buf;
        target.clear();
        while (target.position() < needed) {
            int n = channel.read(target, pos + target.position());
            if (n < 0) {
                throw new IOException("file shrank while being recovered");
            }
        }
        return target.flip();
    }
}
