package dev.hookline.gateway.spool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A quick, JMH-free measure of durable appends per second (not run by the build):
 * {@code callers} threads each append and wait for durability before the next append, as
 * requests waiting for their 200 do, for {@code seconds}, with 200-byte entries.
 * Arguments: callers (64), seconds (5), group-commit window in ms (2), spool directory (a temp dir).
 */
public final class SpoolThroughput {

    private SpoolThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration window = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 2);
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("spool-throughput");
        SpoolOptions options = SpoolOptions.defaults().withGroupCommitWindow(window);
        LongAdder appended = new LongAdder();
        try (Spool spool = Spool.open(dir, options)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread thread = new Thread(() -> {
                    byte[] value = new byte[200 - Frames.MIN_FRAME_BYTES];
                    while (System.nanoTime() < end) {
                        spool.append(null, value).join();
                        appended.increment();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long count = appended.sum();
            System.out.printf("callers=%d window=%s: %d durable appends in %d s = %.0f/s, %d fsyncs (%.1f appends per fsync)%n",
                    callers, window, count, seconds, count / (double) seconds, spool.syncs(),
                    count / (double) Math.max(1, spool.syncs()));
        }
    }
}
