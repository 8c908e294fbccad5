package dev.hookline.dispatcher.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dispatcher's one Kafka producer (idempotent, acks=all), sending on its own thread:
 * {@code send} can block (metadata, a full buffer) and must never run on the dispatch event
 * loop. Records are sent in the order handed in, so one phone's records stay in order.
 */
public final class Publisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dispatcher-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public Publisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** User settings cannot weaken idempotence or acks=all: no result may be lost or doubled by a retry. */
    public static Publisher create(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "hookline-dispatcher");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new Publisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Completes when Kafka acknowledged the record; fails when it could not be written. */
    public CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(error);
                        }
                    });
                } catch (RuntimeException e) {
                    acked.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new IllegalStateException("the publisher is closed"));
        }
        return acked;
    }

    /** Sends what was handed in and waits for Kafka's acknowledgements, up to 30 s. */
    @Override
    public void close() {
        Duration timeout = Duration.ofSeconds(30);
        sender.shutdown();
        try {
            if (!sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    /** Drops whatever is not yet acknowledged, as a crash would (tests use it to simulate one). */
    public void abort() {
        sender.shutdownNow();
        producer.close(Duration.ZERO);
    }
}
