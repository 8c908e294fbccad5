package dev.hookline.gateway.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes raw requests with an idempotent, acks=all producer. {@link KafkaProducer#send} may
 * block (metadata, full buffer), so it runs on one dedicated thread fed by a bounded queue, never
 * on an event loop; one thread also keeps each device's requests in arrival order. A full queue
 * fails the request at once rather than making a phone wait.
 */
public final class KafkaRawPublisher implements RawPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ThreadPoolExecutor sender;
    private final AtomicLong lastSuccessNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong lastFailureNanos = new AtomicLong(Long.MIN_VALUE);

    public KafkaRawPublisher(Map<String, Object> kafkaSettings, String topic, int queueCapacity) {
        this.producer = new KafkaProducer<>(producerSettings(kafkaSettings), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "hookline-kafka-send");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Durable and ordered by default; a user's {@code kafka.*} settings come on top. */
    static Map<String, Object> producerSettings(Map<String, Object> user) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "hookline-gateway");
        settings.putAll(user);
        // These two are what "durable" means here; a user setting cannot weaken them.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    @Override
    public CompletableFuture<Void> publish(String key, byte[] value) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            sender.execute(() -> send(key, value, stored));
        } catch (RejectedExecutionException full) {
            stored.completeExceptionally(new RejectedExecutionException("the Kafka send queue is full", full));
        }
        return stored;
    }

    private void send(String key, byte[] value, CompletableFuture<Void> stored) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    lastSuccessNanos.set(System.nanoTime());
                    stored.complete(null);
                } else {
                    lastFailureNanos.set(System.nanoTime());
                    stored.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            lastFailureNanos.set(System.nanoTime());
            stored.completeExceptionally(e);
        }
    }

    /** Ready when the last outcome was a success, or nothing has failed yet. */
    @Override
    public boolean ready() {
        long failure = lastFailureNanos.get();
        return failure == Long.MIN_VALUE || lastSuccessNanos.get() - failure > 0;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
