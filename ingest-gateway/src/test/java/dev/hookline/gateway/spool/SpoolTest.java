package dev.hookline.gateway.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SpoolTest {

    /** Small segments so tests roll them; a short window keeps sequential appends quick. */
    static final SpoolOptions OPTIONS = SpoolOptions.defaults()
            .withMaxBytes(1 << 20).withSegmentBytes(4096).withGroupCommitWindow(Duration.ofMillis(1));

    @TempDir
    Path dir;

    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Spool spool : opened) {
            spool.close();
        }
    }

    private Spool open(SpoolOptions options) throws IOException {
        Spool spool = Spool.open(dir, options);
        opened.add(spool);
        return spool;
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static long durable(CompletableFuture<Long> append) throws Exception {
        return append.get(10, TimeUnit.SECONDS);
    }

    static List<Long> sequences(List<SpoolEntry> entries) {
        return entries.stream().map(SpoolEntry::sequence).toList();
    }

    static List<String> values(List<SpoolEntry> entries) {
        return entries.stream().map(e -> new String(e.value(), UTF_8)).toList();
    }

    private static void appendAll(Spool spool, String... values) throws Exception {
        for (String value : values) {
            durable(spool.append(bytes("k-" + value), bytes(value)));
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Test
    void appendedEntriesArePeekedOldestFirstWithTheirKeysAndValues() throws Exception {
        Spool spool = open(OPTIONS);
        long first = durable(spool.append(bytes("phone-1"), bytes("a")));
        long second = durable(spool.append(bytes("phone-2"), bytes("b")));

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(spool.peek(10)).containsExactly(
                new SpoolEntry(1, bytes("phone-1"), bytes("a")),
                new SpoolEntry(2, bytes("phone-2"), bytes("b")));
    }

    @Test
    void peekRemovesNothingAndReturnsAtMostMax() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a", "b", "c");

        assertThat(values(spool.peek(2))).containsExactly("a", "b");
        assertThat(values(spool.peek(2))).containsExactly("a", "b");
        assertThat(spool.peek(0)).isEmpty();
    }

    @Test
    void acknowledgedEntriesAreNoLongerPeeked() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a", "b", "c");

        spool.acknowledge(2);

        assertThat(spool.peek(10)).extracting(SpoolEntry::sequence).containsExactly(3L);
        assertThat(values(spool.peek(10))).containsExactly("c");
    }

    @Test
    void acknowledgingAnEarlierSequenceAgainChangesNothing() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a", "b", "c");
        spool.acknowledge(2);

        spool.acknowledge(1);

        assertThat(values(spool.peek(10))).containsExactly("c");
        assertThat(spool.depthEntries()).isEqualTo(1);
    }

    @Test
    void acknowledgingBeyondTheLastDurableEntryIsRefused() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a");

        assertThatThrownBy(() -> spool.acknowledge(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last durable entry is 1");
        assertThat(values(spool.peek(10))).containsExactly("a");
    }

    @Test
    void nullKeyAndEmptyValueRoundTrip() throws Exception {
        Spool spool = open(OPTIONS);
        durable(spool.append(null, new byte[0]));
        spool.close();

        Spool reopened = open(OPTIONS);
        assertThat(reopened.peek(10)).containsExactly(new SpoolEntry(1, null, new byte[0]));
    }

    @Test
    void reopenAfterCloseKeepsUnacknowledgedEntriesAndDropsAcknowledgedOnes() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a", "b", "c", "d");
        spool.acknowledge(2);
        spool.close();

        Spool reopened = open(OPTIONS);

        assertThat(sequences(reopened.peek(10))).containsExactly(3L, 4L);
        assertThat(values(reopened.peek(10))).containsExactly("c", "d");
        assertThat(reopened.depthEntries()).isEqualTo(2);
        assertThat(reopened.depthBytes()).isEqualTo(2L * Frames.frameBytes(bytes("k-c"), bytes("c")));
    }

    @Test
    void sequencesContinueAfterReopenEvenWhenEverythingWasAcknowledged() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a", "b");
        spool.acknowledge(2);
        spool.close();

        Spool reopened = open(OPTIONS);
        long next = durable(reopened.append(null, bytes("c")));

        assertThat(next).isEqualTo(3);
        assertThat(reopened.isEmpty()).isFalse();
        assertThat(sequences(reopened.peek(10))).containsExactly(3L);
    }

    @Test
    void segmentsRollAtSegmentBytesAndWhollyAcknowledgedSegmentsAreDeleted() throws Exception {
        Spool spool = open(OPTIONS);
        byte[] value = new byte[1000]; // about 4 frames per 4096-byte segment
        for (int i = 0; i < 20; i++) {
            durable(spool.append(null, value));
        }
        List<Path> before = segmentFiles();
        assertThat(before).hasSizeGreaterThanOrEqualTo(5);
        assertThat(before.get(0).getFileName()).hasToString("00000000000000000001.spool");
        for (Path segment : before) {
            assertThat(Files.size(segment)).isLessThanOrEqualTo(OPTIONS.segmentBytes());
        }

        spool.acknowledge(10);

        List<Path> after = segmentFiles();
        assertThat(after).hasSizeLessThan(before.size()).isSubsetOf(before);
        assertThat(after.get(0).getFileName().toString()).isGreaterThan("00000000000000000001.spool");
        assertThat(sequences(spool.peek(100))).hasSize(10).startsWith(11L).endsWith(20L);

        spool.acknowledge(20);
        assertThat(segmentFiles()).hasSize(1); // the segment being written stays
        assertThat(spool.isEmpty()).isTrue();
    }

    @Test
    void depthCountsAcceptedEntriesAndBytesUntilAcknowledged() throws Exception {
        Spool spool = open(OPTIONS);
        assertThat(spool.isEmpty()).isTrue();
        appendAll(spool, "a", "bb", "ccc");
        int frameA = Frames.frameBytes(bytes("k-a"), bytes("a"));
        int frameB = frameA + 2; // one more byte in key and value
        int frameC = frameA + 4;

        assertThat(spool.depthEntries()).isEqualTo(3);
        assertThat(spool.depthBytes()).isEqualTo(frameA + frameB + frameC);

        spool.acknowledge(1);

        assertThat(spool.depthEntries()).isEqualTo(2);
        assertThat(spool.depthBytes()).isEqualTo(frameB + frameC);
        spool.acknowledge(3);
        assertThat(spool.isEmpty()).isTrue();
        assertThat(spool.depthBytes()).isZero();
    }

    @Test
    void fullSpoolRejectsWithSpoolFullExceptionAndAcceptsAgainAfterAcknowledge() throws Exception {
        byte[] value = new byte[80];
        int frame = Frames.frameBytes(null, value);
        Spool spool = open(OPTIONS.withMaxBytes(3L * frame));
        for (int i = 0; i < 3; i++) {
            durable(spool.append(null, value));
        }

        CompletableFuture<Long> rejected = spool.append(null, value);

        assertThat(rejected).isCompletedExceptionally();
        assertThatThrownBy(rejected::join).hasCauseInstanceOf(SpoolFullException.class);
        assertThat(spool.depthEntries()).isEqualTo(3);

        spool.acknowledge(1);

        assertThat(durable(spool.append(null, value))).isEqualTo(4);
        assertThat(sequences(spool.peek(10))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aWriterFarBehindAStalledDiskRefusesAppendsRatherThanFillTheHeap() throws Exception {
        Spool spool = open(SpoolOptions.defaults().withSegmentBytes(4 << 20).withGroupCommitWindow(Duration.ZERO));
        byte[] value = new byte[1 << 20]; // 31 such frames fit in the writer's 32 MiB queue
        List<CompletableFuture<Long>> accepted = new ArrayList<>();
        CompletableFuture<Long> refused;
        synchronized (spool.segmentLog()) { // the writer cannot publish: its batches stay queued
            for (int i = 0; i < 31; i++) {
                accepted.add(spool.append(null, value));
            }
            refused = spool.append(null, value);
        }

        assertThatThrownBy(refused::join).hasCauseInstanceOf(SpoolFullException.class)
                .cause().hasMessageContaining("writer behind");
        for (CompletableFuture<Long> append : accepted) {
            durable(append);
        }
        assertThat(accepted).noneMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(durable(spool.append(null, value))).isEqualTo(32);
    }

    @Test
    void entryLargerThanASegmentIsRejected() throws Exception {
        Spool spool = open(OPTIONS);

        CompletableFuture<Long> append = spool.append(null, new byte[OPTIONS.segmentBytes()]);

        assertThatThrownBy(append::join).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(spool.isEmpty()).isTrue();
    }

    @Test
    void entryLargerThanTheWriteBufferRoundTrips() throws Exception {
        SpoolOptions options = OPTIONS.withSegmentBytes(4 << 20).withMaxBytes(16 << 20);
        Spool spool = open(options);
        byte[] value = new byte[3 << 20];
        value[value.length - 1] = 42;
        appendAll(spool, "small");
        durable(spool.append(null, value));
        spool.close();

        List<SpoolEntry> entries = open(options).peek(10);

        assertThat(values(entries.subList(0, 1))).containsExactly("small");
        assertThat(entries.get(1).value()).isEqualTo(value);
    }

    @Test
    void concurrentAppendersFromSeveralThreadsAreAllDurableInPerThreadOrder() throws Exception {
        int threads = 6;
        int perThread = 500;
        Spool spool = open(OPTIONS.withSegmentBytes(16 << 10));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Long>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<Long>> appends = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        appends.add(spool.append(bytes("t" + thread), bytes(thread + ":" + i)));
                    }
                    return appends;
                }));
            }
            for (Future<List<CompletableFuture<Long>>> result : results) {
                for (CompletableFuture<Long> append : result.get(30, TimeUnit.SECONDS)) {
                    durable(append);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        spool.close();

        List<SpoolEntry> entries = open(OPTIONS.withSegmentBytes(16 << 10)).peek(Integer.MAX_VALUE);

        assertThat(entries).hasSize(threads * perThread);
        assertThat(sequences(entries)).isSorted().doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<String> ofThread = values(entries).stream().filter(v -> v.startsWith(prefix)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                expected.add(prefix + i);
            }
            assertThat(ofThread).as("entries of thread %d", t).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void appendsQueuedTogetherShareOneFsync() throws Exception {
        Spool spool = open(OPTIONS.withSegmentBytes(1 << 20).withGroupCommitWindow(Duration.ofMillis(2)));
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            appends.add(spool.append(null, bytes("v" + i)));
        }
        for (CompletableFuture<Long> append : appends) {
            durable(append);
        }

        assertThat(spool.syncs()).isPositive().isLessThan(100);
    }

    @Test
    void closeWritesEntriesStillQueued() throws Exception {
        Spool spool = open(OPTIONS.withGroupCommitWindow(Duration.ofMillis(50)));
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            appends.add(spool.append(null, bytes("v" + i)));
        }

        spool.close();

        assertThat(appends).allSatisfy(a -> assertThat(a).isCompleted().isNotCompletedExceptionally());
        assertThat(open(OPTIONS).depthEntries()).isEqualTo(100);
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() throws Exception {
        Spool spool = open(OPTIONS);
        appendAll(spool, "a");

        spool.close();
        spool.close();

        assertThatThrownBy(() -> spool.append(null, bytes("b")).join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> spool.peek(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
        Spool spool = open(OPTIONS);

        assertThatThrownBy(() -> Spool.open(dir, OPTIONS)).isInstanceOf(IOException.class).hasMessageContaining("already open");

        spool.close();
        assertThat(open(OPTIONS).isEmpty()).isTrue();
    }

    @Test
    void appendCallbacksMayNotCloseTheSpool() throws Exception {
        Spool spool = open(OPTIONS);

        CompletableFuture<Void> closing = spool.append(null, bytes("a")).thenAccept(seq -> {
            try {
                spool.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> closing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(durable(spool.append(null, bytes("b")))).isEqualTo(2);
    }
}
