package dev.hookline.gateway.spool;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The process {@link SpoolCrashIT} kills: appends as fast as it can until SIGKILL, while a
 * replayer peeks and acknowledges now and then. Prints to stdout, one a line:
 * <ul>
 *   <li>{@code DURABLE <sequence> <counter>} after the append of entry {@code counter} completed;
 *   <li>{@code ACKING <sequence>} before it calls {@code acknowledge(sequence)}, so the test knows
 *       the highest sequence whose entry may legitimately be gone.
 * </ul>
 * Arguments: the spool directory, and the first counter (distinct per run).
 */
public final class SpoolCrashChild {

    static final SpoolOptions OPTIONS = SpoolOptions.defaults()
            .withMaxBytes(16 << 20).withSegmentBytes(256 << 10).withGroupCommitWindow(Duration.ofMillis(2));

    private SpoolCrashChild() {
    }

    static byte[] key(long counter) {
        return ("k" + counter).getBytes(UTF_8);
    }

    /** 20 to 300 bytes that only this counter produces. */
    static byte[] value(long counter) {
        SplittableRandom random = new SplittableRandom(counter);
        byte[] value = new byte[20 + random.nextInt(281)];
        random.nextBytes(value);
        return value;
    }

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), OPTIONS);
        long counter = Long.parseLong(args[1]);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        daemon("printer", () -> print(lines));
        daemon("replayer", () -> replay(spool));
        Semaphore inFlight = new Semaphore(4096);
        while (true) {
            inFlight.acquire();
            long current = counter++;
            CompletableFuture<Long> append = spool.append(key(current), value(current));
            append.whenComplete((sequence, failure) -> {
                inFlight.release();
                if (failure == null) {
                    lines.add("DURABLE " + sequence + " " + current);
                } else if (!(failure instanceof SpoolFullException)) {
                    failure.printStackTrace();
                    System.exit(3);
                }
            });
            if (append.isCompletedExceptionally()) {
                Thread.sleep(1); // full: let the replayer catch up rather than spin
            }
        }
    }

    /** Batches lines into one write per wake-up: a println per entry would slow the writer thread. */
    private static void print(BlockingQueue<String> lines) {
        List<String> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch);
                for (String line : batch) {
                    text.append(line).append('\n');
                }
                System.out.print(text);
                System.out.flush();
                batch.clear();
                text.setLength(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Acknowledges slower than entries come in, so the spool holds many when the kill comes. */
    private static void replay(Spool spool) {
        try {
            while (true) {
                Thread.sleep(20);
                List<SpoolEntry> entries = spool.peek(2000);
                if (!entries.isEmpty()) {
                    long last = entries.get(entries.size() - 1).sequence();
                    System.out.println("ACKING " + last);
                    System.out.flush();
                    spool.acknowledge(last);
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(4);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
