package dev.hookline.dispatcher.kafka;

import dev.hookline.schema.CommandResult;
import dev.hookline.schema.Topics;
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
 * Publishes one CommandResult per command to phone.command-results.v1, keyed by device id, with
 * the command's {@link SourcePosition} in a header. {@code send} can block (metadata, a full
 * buffer), so it runs on the publisher's own thread, never on the dispatch event loop; results
 * are sent in the order they are handed in, so one phone's results stay in order.
 */
public final class ResultPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dispatcher-results");
        thread.setDaemon(true);
        return thread;
    });

    public ResultPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** An idempotent, acks=all producer; user settings cannot weaken that (no duplicate or lost results on retries). */
    public static ResultPublisher create(Map<String, Object> kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "hookline-dispatcher-results");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new ResultPublisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()), topic);
    }

    /** Completes when Kafka acknowledged the result; fails when it could not be written. */
    public CompletableFuture<Void> publish(CommandResult result, SourcePosition position) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> send(result, position, acked));
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new IllegalStateException("the result publisher is closed"));
        }
        return acked;
    }

    private void send(CommandResult result, SourcePosition position, CompletableFuture<Void> acked) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, result.getDeviceId(),
                    Topics.PHONE_COMMAND_RESULTS.valueSerde().encode(topic, result));
            record.headers().add(SourcePosition.HEADER, position.encode());
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
    }

    /** Sends what was handed in and waits for Kafka's acknowledgements, up to {@code timeout}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
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
