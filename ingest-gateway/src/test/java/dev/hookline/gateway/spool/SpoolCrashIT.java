package dev.hookline.gateway.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM appends flat out and is killed with SIGKILL; every entry it was told
 * is durable must then be in the spool, in order and intact. Three rounds on the same spool, so
 * recovery of a killed spool is itself killed and recovered.
 */
@Timeout(60)
class SpoolCrashIT {

    private static final int ROUNDS = 3;
    private static final int DURABLE_BEFORE_KILL = 5_000;
    private static final Duration KILL_AFTER = Duration.ofMillis(700);

    @TempDir
    Path work;

    record Durable(long sequence, long counter) {
    }

    @Test
    void everyEntryReportedDurableSurvivesKillMinus9() throws Exception {
        Path spoolDir = work.resolve("spool");
        long lastSequenceBefore = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Path out = work.resolve("child-" + round + ".out");
            Path err = work.resolve("child-" + round + ".err");
            Process child = start(spoolDir, round * 1_000_000_000L, out, err);
            try {
                awaitDurableLines(child, out, err);
                Thread.sleep(KILL_AFTER.toMillis());
                assertThat(child.isAlive()).as("child alive before the kill; stderr:\n%s", read(err)).isTrue();
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }

            List<Durable> reported = new ArrayList<>();
            long ackIntent = 0;
            for (String line : completeLines(out)) {
                String[] words = line.split(" ");
                if (words[0].equals("DURABLE")) {
                    reported.add(new Durable(Long.parseLong(words[1]), Long.parseLong(words[2])));
                } else if (words[0].equals("ACKING")) {
                    ackIntent = Math.max(ackIntent, Long.parseLong(words[1]));
                }
            }
            lastSequenceBefore = verify(spoolDir, reported, ackIntent, lastSequenceBefore, round);
        }
    }

    /** Checks the spool against what the child reported; returns the highest reported sequence. */
    private static long verify(Path spoolDir, List<Durable> reported, long ackIntent, long lastSequenceBefore, int round)
            throws IOException {
        assertThat(reported).as("round %d: entries reported durable", round).hasSizeGreaterThanOrEqualTo(DURABLE_BEFORE_KILL);
        assertThat(reported).extracting(Durable::sequence).as("round %d: reported in append order", round)
                .isSorted().allMatch(s -> s > lastSequenceBefore);

        List<SpoolEntry> entries;
        try (Spool spool = Spool.open(spoolDir, SpoolCrashChild.OPTIONS)) {
            entries = spool.peek(Integer.MAX_VALUE);
            assertThat(spool.depthEntries()).isEqualTo(entries.size());
        }
        Map<Long, SpoolEntry> bySequence = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            SpoolEntry entry = entries.get(i);
            if (i > 0) {
                assertThat(entry.sequence()).as("round %d: sequences consecutive", round)
                        .isEqualTo(entries.get(i - 1).sequence() + 1);
            }
            long counter = Long.parseLong(new String(entry.key(), UTF_8).substring(1));
            assertThat(entry.value()).as("round %d: value of entry %d intact", round, entry.sequence())
                    .isEqualTo(SpoolCrashChild.value(counter));
            bySequence.put(entry.sequence(), entry);
        }

        int mustBePresent = 0;
        for (Durable durable : reported) {
            SpoolEntry entry = bySequence.get(durable.sequence());
            if (durable.sequence() > ackIntent) {
                mustBePresent++;
                assertThat(entry).as("round %d: entry %d reported durable, never acknowledged", round, durable.sequence())
                        .isNotNull();
            }
            if (entry != null) {
                assertThat(entry.key()).isEqualTo(SpoolCrashChild.key(durable.counter()));
            }
        }
        assertThat(mustBePresent).as("round %d: durable entries after the last acknowledgement", round).isPositive();
        return reported.get(reported.size() - 1).sequence();
    }

    private static Process start(Path spoolDir, long firstCounter, Path out, Path err) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SpoolCrashChild.class.getName(), spoolDir.toString(), Long.toString(firstCounter))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
    }

    private static void awaitDurableLines(Process child, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (completeLines(out).stream().filter(l -> l.startsWith("DURABLE ")).count() >= DURABLE_BEFORE_KILL) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("child exited with " + child.exitValue() + "; stderr:\n" + read(err));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("child reported fewer than " + DURABLE_BEFORE_KILL + " durable entries in 20 s; stderr:\n"
                + read(err));
    }

    /** Lines ended by a newline: the kill may cut the last one short. */
    private static List<String> completeLines(Path out) throws IOException {
        String text = read(out);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, UTF_8) : "";
    }
}
