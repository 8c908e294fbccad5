package dev.hookline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Bounded reads for tests: a consumer polled until a condition holds or a deadline passes. */
public final class Polling {

    private static final Duration POLL = Duration.ofMillis(200);

    private Polling() {
    }

    /**
     * Polls until {@code done} holds for everything read so far.
     *
     * @return every record read, in poll order
     * @throws AssertionError when {@code timeout} passes first, naming how many records were read
     */
    public static <K, V> List<ConsumerRecord<K, V>> pollUntil(
            Consumer<K, V> consumer, Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        List<ConsumerRecord<K, V>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; read " + read.size() + " records");
            }
            consumer.poll(POLL).forEach(read::add);
        }
        return read;
    }
}
