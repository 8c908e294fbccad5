package dev.hookline.gateway.publish;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Requests published on an event loop are handed over once per loop iteration, as one batch:
 * waking the send thread for every request cost more CPU than sending it (bench/gateway.sh).
 */
public final class KafkaRawPublisher implements RawPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ThreadPoolExecutor sender;
    private final int queueCapacity;
    /** Requests handed to the send thread and not yet given to the producer; at most queueCapacity. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong lastSuccessNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong lastFailureNanos = new AtomicLong(Long.MIN_VALUE);
    /** Requests an event loop published in its current iteration, not yet handed to the send thread. */
    private final ThreadLocal<List<Send>> loopBatch = new ThreadLocal<>();

    public KafkaRawPublisher(Map<String, Object> kafkaSettings, String topic, int queueCapacity) {
        this.producer = new KafkaProducer<>(producerSettings(kafkaSettings), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.queueCapacity = queueCapacity;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "hookline-kafka-send");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Durable and ordered by default; a user's {@code kafka.*} settings come on top. */
    public static Map<String, Object> producerSettings(Map<String, Object> user) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Phones wait for the acknowledgement: 1 ms beside 5 answered a third more requests per
        // second at about the same CPU per request, p50 6 ms instead of 9 (bench/gateway.sh, A/B).
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        // A batch that expired in the producer would leave a gap its partition's later batches
        // then fill past: the gateway times requests out itself (publish.timeout.ms, then the
        // spool), so the producer keeps retrying what it holds until Kafka takes it or it closes.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "hookline-gateway");
        settings.putAll(user);
        // These are what "durable and in order" means here; a user setting cannot weaken them.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // One request in flight per broker. With more, a batch refused as NOT_LEADER_OR_FOLLOWER
        // while its partition's leadership settles can be followed by a later batch the broker
        // takes as the producer's first (it accepts any first sequence): the earlier batch is then
        // OUT_OF_ORDER_SEQUENCE for ever, and a phone's later request is in Kafka before it
        // (seen in a test on a new partition). A request carries every partition's batch.
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return settings;
    }

    @Override
    public CompletableFuture<Void> publish(String key, byte[] value) {
        Send send = new Send(key, value, new CompletableFuture<>());
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            handOver(List.of(send));
            return send.stored();
        }
        List<Send> batch = loopBatch.get();
        if (batch == null) {
            List<Send> started = new ArrayList<>();
            loopBatch.set(started);
            // Runs after the I/O of this loop iteration, so every request read in it joins the batch.
            context.runOnContext(ignored -> {
                loopBatch.remove();
                handOver(started);
            });
            batch = started;
        }
        batch.add(send);
        return send.stored();
    }

    private void handOver(List<Send> sends) {
        int admitted = reserve(sends.size());
        if (admitted < sends.size()) {
            reject(sends.subList(admitted, sends.size()), new RejectedExecutionException("the Kafka send queue is full"));
        }
        if (admitted == 0) {
            return;
        }
        List<Send> accepted = sends.subList(0, admitted);
        try {
            sender.execute(() -> {
                queued.addAndGet(-accepted.size());
                accepted.forEach(this::send);
            });
        } catch (RejectedExecutionException closed) {
            queued.addAndGet(-accepted.size());
            reject(accepted, closed);
        }
    }

    /** Takes room for up to {@code wanted} requests in the send queue; returns how many fit. */
    private int reserve(int wanted) {
        while (true) {
            int current = queued.get();
            int granted = Math.min(wanted, queueCapacity - current);
            if (granted <= 0) {
                return 0;
            }
            if (queued.compareAndSet(current, current + granted)) {
                return granted;
            }
        }
    }

    /**
     * Publishes {@code entries} in order, for the spool's replay: from the calling thread, with
     * no room taken in the send queue (the replay batch is bounded) and no entry sent after one
     * the producer refused. A refused entry (send queue closed, metadata or buffer time-out)
     * fails every entry after it unsent, so nothing of the batch can reach Kafka ahead of an
     * earlier entry that did not. Once in the producer, entries of one partition stay in order
     * and without gaps: idempotence, and a delivery time-out that never expires a batch.
     */
    public List<CompletableFuture<Void>> publishInOrder(List<Map.Entry<String, byte[]>> entries) {
        List<CompletableFuture<Void>> results = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        try {
            sender.execute(() -> {
                for (int i = 0; i < entries.size(); i++) {
                    CompletableFuture<Void> stored = results.get(i);
                    send(new Send(entries.get(i).getKey(), entries.get(i).getValue(), stored));
                    if (stored.isCompletedExceptionally()) {
                        failRest(results, i + 1);
                        return;
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            failRest(results, 0);
        }
        return results;
    }

    private static void failRest(List<CompletableFuture<Void>> results, int from) {
        RejectedExecutionException notSent = new RejectedExecutionException("not sent: an earlier entry of its batch failed");
        results.subList(from, results.size()).forEach(result -> result.completeExceptionally(notSent));
    }

    private static void reject(List<Send> sends, RuntimeException error) {
        sends.forEach(send -> send.stored().completeExceptionally(error));
    }

    private record Send(String key, byte[] value, CompletableFuture<Void> stored) {
    }

    private void send(Send send) {
        CompletableFuture<Void> stored = send.stored();
        try {
            producer.send(new ProducerRecord<>(topic, send.key(), send.value()), (metadata, error) -> {
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
