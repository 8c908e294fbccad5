package dev.hookline.dispatcher.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic on its own thread, without a consumer group, from the
 * beginning or from a point in time, and keeps reading. "Caught up" once it has read up to the
 * end offsets seen at start: the local view is then as complete as it was when we started.
 * Partitions added to the topic later are not read (restart to pick them up).
 */
public final class CatchUpReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private Map<TopicPartition, Long> targets;

    /**
     * @param kafka        client settings (bootstrap servers, security, ...); group and commit settings are overridden
     * @param fromMillis   read records from this time on; 0 reads from the beginning
     * @param onRecord     called on the reader's thread for every record (tombstones have a null value)
     */
    public CatchUpReader(String name, Map<String, Object> kafka, String topic, long fromMillis,
                         Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-dispatcher-" + name);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            start(fromMillis);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        this.thread = new Thread(this::run, "dispatcher-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Assigns every partition and seeks; runs on the caller's thread so a missing topic fails start. */
    private void start(long fromMillis) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; create the topics first");
        }
        consumer.assign(partitions);
        targets = new HashMap<>(consumer.endOffsets(partitions));
        if (fromMillis <= 0) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, fromMillis));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            consumer.seek(partition, offset == null ? targets.get(partition) : offset.offset());
        }
    }

    private void run() {
        try {
            checkCaughtUp();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        onRecord.accept(record);
                    } catch (RuntimeException e) {
                        // One bad record must not stop the view; its content is not logged (it may be anything).
                        LOG.warn("Skipped record {}-{}@{}: {}", topic, record.partition(), record.offset(), e.toString());
                    }
                }
                checkCaughtUp();
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Reading {} stopped on an unexpected error", topic, e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void checkCaughtUp() {
        if (caughtUp.getCount() == 0) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return;
            }
        }
        LOG.info("Read {} up to the end offsets seen at start", topic);
        caughtUp.countDown();
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until caught up; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
