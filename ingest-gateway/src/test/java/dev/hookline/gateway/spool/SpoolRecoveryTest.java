package dev.hookline.gateway.spool;

import static dev.hookline.gateway.spool.SpoolTest.bytes;
import static dev.hookline.gateway.spool.SpoolTest.durable;
import static dev.hookline.gateway.spool.SpoolTest.sequences;
import static dev.hookline.gateway.spool.SpoolTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What open does with files a crash, a torn write or a damaged disk left behind. */
@Timeout(60)
class SpoolRecoveryTest {

    /** No group-commit window: these tests append one entry at a time. */
    private static final SpoolOptions OPTIONS = SpoolTest.OPTIONS.withGroupCommitWindow(Duration.ZERO);

    /** Every test entry: a 10-byte value, no key, so frames are 30 bytes and offsets easy. */
    private static final int FRAME = Frames.frameBytes(null, new byte[10]);

    @TempDir
    Path dir;

    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Spool spool : opened) {
            spool.close();
        }
    }

    private Spool open() throws IOException {
        Spool spool = Spool.open(dir, OPTIONS);
        opened.add(spool);
        return spool;
    }

    /** Appends values "value-0001".. "value-N" (10 bytes each) and closes the spool. */
    private void writeEntries(int count) throws Exception {
        try (Spool spool = Spool.open(dir, OPTIONS)) {
            for (int i = 1; i <= count; i++) {
                durable(spool.append(null, value(i)));
            }
        }
    }

    private static byte[] value(int i) {
        return bytes(String.format("value-%04d", i));
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".spool")).sorted().toList();
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static void overwrite(Path file, long position, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(data), position);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        byte[] all = Files.readAllBytes(file);
        overwrite(file, position, new byte[] {(byte) ~all[(int) position]});
    }

    @Test
    void aTornLastFrameIsDroppedAndTheRestKept() throws Exception {
        writeEntries(10);
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(10L * FRAME - 3);
        }

        Spool spool = open();

        assertThat(spool.recoveredTornBytes()).isEqualTo(FRAME - 3);
        assertThat(sequences(spool.peek(100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(Files.size(segment)).isEqualTo(9L * FRAME);
        // The torn entry's sequence is free again (it was never acknowledged) and the file is whole.
        assertThat(durable(spool.append(null, value(99)))).isEqualTo(10);
        spool.close();
        Spool reopened = open();
        assertThat(reopened.recoveredTornBytes()).isZero();
        assertThat(values(reopened.peek(100))).hasSize(10).endsWith("value-0099");
    }

    @Test
    void garbageAfterTheLastFrameIsDropped() throws Exception {
        writeEntries(5);
        Path segment = onlySegment();
        Files.write(segment, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, StandardOpenOption.APPEND);

        Spool spool = open();

        assertThat(spool.recoveredTornBytes()).isEqualTo(11);
        assertThat(values(spool.peek(100))).containsExactly("value-0001", "value-0002", "value-0003", "value-0004", "value-0005");
    }

    @Test
    void aZeroFilledTailIsDropped() throws Exception {
        // What some file systems leave after a power loss: the size grew, the data never came.
        writeEntries(5);
        Files.write(onlySegment(), new byte[4096], StandardOpenOption.APPEND);

        Spool spool = open();

        assertThat(spool.recoveredTornBytes()).isEqualTo(4096);
        assertThat(spool.depthEntries()).isEqualTo(5);
    }

    @Test
    void aCorruptedCrcInTheLastSegmentDropsThatFrameAndEverythingAfter() throws Exception {
        writeEntries(10);
        flipByte(onlySegment(), 4L * FRAME + Frames.MIN_FRAME_BYTES + 2); // a value byte of entry 5

        Spool spool = open();

        assertThat(spool.recoveredTornBytes()).isEqualTo(6L * FRAME);
        assertThat(sequences(spool.peek(100))).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aFrameWithAnotherSequenceThanItsPlaceIsDetected() throws Exception {
        writeEntries(3);
        Path segment = onlySegment();
        byte[] first = new byte[FRAME];
        System.arraycopy(Files.readAllBytes(segment), 0, first, 0, FRAME);
        overwrite(segment, 2L * FRAME, first); // entry 1's valid frame where entry 3 belongs

        Spool spool = open();

        assertThat(spool.recoveredTornBytes()).isEqualTo(FRAME);
        assertThat(sequences(spool.peek(100))).containsExactly(1L, 2L);
    }

    @Test
    void aCorruptFrameInAnEarlierSegmentRefusesToOpenAndNamesTheFile() throws Exception {
        writeEntries(400); // 30-byte frames, 4096-byte segments: 3 segments
        List<Path> segments = segmentFiles();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
        Path damaged = segments.get(1);
        flipByte(damaged, 5L * FRAME + 9);

        assertThatThrownBy(this::open)
                .isInstanceOf(SpoolCorruptException.class)
                .hasMessageContaining(damaged.toString())
                .hasMessageContaining("CRC32C mismatch")
                .satisfies(e -> {
                    assertThat(((SpoolCorruptException) e).file()).isEqualTo(damaged);
                    assertThat(((SpoolCorruptException) e).offset()).isEqualTo(5L * FRAME);
                });
        assertThat(Files.readAllBytes(damaged)).hasSize(136 * FRAME); // nothing was truncated
    }

    @Test
    void movingACorruptSegmentAsideOpensWithoutItsEntries() throws Exception {
        writeEntries(400);
        List<Path> segments = segmentFiles();
        flipByte(segments.get(1), 9);
        assertThatThrownBy(this::open).isInstanceOf(SpoolCorruptException.class);

        Files.move(segments.get(1), dir.resolve("aside.bad"));
        Spool spool = open();

        List<Long> sequences = sequences(spool.peek(1000));
        assertThat(sequences).hasSize(400 - 136).startsWith(1L).endsWith(400L).doesNotContain(137L, 272L);
    }

    @Test
    void anEmptyLastSegmentFromACrashAtCreationIsRemoved() throws Exception {
        writeEntries(3);
        Path empty = Files.createFile(dir.resolve(SegmentFile.fileName(4)));

        Spool spool = open();

        assertThat(empty).doesNotExist();
        assertThat(spool.recoveredTornBytes()).isZero();
        assertThat(durable(spool.append(null, value(4)))).isEqualTo(4);
        assertThat(sequences(spool.peek(10))).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void segmentsWhollyAcknowledgedBeforeACrashAreDeletedOnOpen() throws Exception {
        writeEntries(400);
        Path first = segmentFiles().get(0);
        new Checkpoint(dir, true).write(200); // as if the crash came between checkpoint and deletion

        Spool spool = open();

        assertThat(first).doesNotExist();
        assertThat(sequences(spool.peek(1000))).hasSize(200).startsWith(201L);
    }

    @Test
    void anEntryCorruptedAfterOpenFailsItsPeekWithTheFileNamed() throws Exception {
        writeEntries(3);
        Spool spool = open();
        flipByte(onlySegment(), FRAME + Frames.MIN_FRAME_BYTES);

        assertThatThrownBy(() -> spool.peek(10))
                .isInstanceOf(SpoolCorruptException.class).hasMessageContaining(onlySegment().toString());
    }
}
