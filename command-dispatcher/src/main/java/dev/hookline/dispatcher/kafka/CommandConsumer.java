package dev.hookline.dispatcher.kafka;

import dev.hookline.schema.format.RegistryUnavailableException;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.dispatcher.dispatch.CompletionSink;
import dev.hookline.dispatcher.dispatch.PendingCommand;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of phone.commands.v1 (consumer group, manual commits, read_committed), on its own
 * thread: hands commands to the dispatcher, pauses while too many are in flight, and commits an
 * offset only once every command before it has its result acknowledged ({@link OffsetTracker}).
 * Completions arrive from other threads through a queue; the KafkaConsumer is touched by this
 * thread alone.
 */
public final class CommandConsumer implements CompletionSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private record Completion(TopicPartition partition, long offset, boolean done) {
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final int maxInFlight;
    private final long commitIntervalNanos;
    private final Duration shutdownTimeout;
    private final OffsetTracker tracker = new OffsetTracker();
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** phone.commands.v1's values, in any format. */
    private final ValueCodec<PhoneCommand> values;
    private Consumer<List<PendingCommand>> dispatch;
    private volatile int inFlight;
    private volatile int partitionCount;
    private volatile boolean assigned;
    private volatile boolean closing;
    private volatile boolean aborting;
    private volatile Throwable failure;
    private boolean paused;
    private long lastCommitNanos = System.nanoTime();

    /**
     * @param kafka       consumer settings (bootstrap servers, security, ...); commit and isolation settings are overridden
     * @param maxInFlight commands read but not answered at most; consumption pauses there
     */
    public CommandConsumer(Map<String, Object> kafka, String groupId, String topic, ValueCodec<PhoneCommand> values,
                           int maxInFlight, Duration commitInterval, Duration shutdownTimeout) {
        this.topic = topic;
        this.values = values;
        this.maxInFlight = maxInFlight;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.shutdownTimeout = shutdownTimeout;
        this.consumer = new KafkaConsumer<>(consumerSettings(kafka, groupId, maxInFlight), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "dispatcher-commands");
    }

    /** The command consumer's settings: the user's {@code kafka.*} ones, with Hookline's defaults and rules. */
    static Map<String, Object> consumerSettings(Map<String, Object> kafka, String groupId, int maxInFlight) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A new group starts at the oldest command: every command gets a result (EXPIRED if stale).
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, maxInFlight));
        // Commands are small: with the default 1 MB per partition one fetch fills the in-flight
        // limit from a single partition and the phones of the others wait (measured in
        // bench/results/dispatcher.md). 32 KB (about 150 commands) lets every partition in.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-dispatcher-commands");
        // An instance killed without leaving the group keeps its partitions until its session
        // times out, and their commands wait meanwhile (60 s to expire by default): with Kafka's
        // 45 s, a 10 min chaos soak saw 190 of 467 commands EXPIRED behind killed dispatchers
        // (bench/results/chaos.md); a 180 s soak, 82 of 163, and with 10 s on the same seed, none.
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    /** Starts consuming; commands go to {@code dispatch}, in the order read per partition. */
    public void start(Consumer<List<PendingCommand>> dispatch) {
        this.dispatch = dispatch;
        thread.start();
    }

    /** Whether a command of this partition may still start: it is ours and we are not closing. */
    public boolean owns(TopicPartition partition) {
        return !closing && !aborting && failure == null && owned.contains(partition);
    }

    /**
     * Whether this instance consumes the partition a record keyed {@code key} goes to (the
     * producer's default partitioning: murmur2 of the key).
     */
    public boolean ownsKey(String key) {
        int partitions = partitionCount;
        if (partitions == 0) {
            return false;
        }
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        return owns(new TopicPartition(topic, partition));
    }

    /** Whether the group gave this consumer its partitions (possibly none) at least once. */
    public boolean assigned() {
        return assigned;
    }

    public int inFlight() {
        return inFlight;
    }

    /** Why consumption stopped on its own, if it did. */
    public Throwable failure() {
        return failure;
    }

    public boolean running() {
        return thread.isAlive() && failure == null;
    }

    @Override
    public void completed(TopicPartition partition, long offset, boolean done) {
        completions.add(new Completion(partition, offset, done));
    }

    @Override
    public void failed(Throwable error) {
        if (closing || aborting) {
            // Commands that outlived the shutdown time-out find the publisher closed: expected, and not committed.
            LOG.debug("A result was not written while stopping: {}", error.toString());
            return;
        }
        if (failure == null) {
            failure = error;
            LOG.error("A command result could not be written to Kafka; the dispatcher stops consuming ({})", error.toString());
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closing && !aborting && failure == null) {
                drain();
                commitIfDue();
                flowControl();
                handOver(consumer.poll(POLL).records(topic));
            }
            if (!aborting) {
                finish();
            }
        } catch (RuntimeException e) {
            if (!aborting) {
                failure = e;
                LOG.error("The command consumer stopped on an unexpected error", e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(aborting ? Duration.ZERO : Duration.ofSeconds(5)));
        }
    }

    private void handOver(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<PendingCommand> batch = new ArrayList<>();
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            tracker.add(partition, record.offset());
            PhoneCommand command = decode(record);
            if (command == null) {
                tracker.complete(partition, record.offset());
                continue;
            }
            batch.add(new PendingCommand(partition, record.offset(), command, now));
        }
        if (!batch.isEmpty()) {
            inFlight += batch.size();
            dispatch.accept(batch);
        }
    }

    /** The command, or null for a record that is not one (logged, then skipped: it has no id to answer). */
    private PhoneCommand decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("Skipped an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
        try {
            return values.decode(record.topic(), record.value());
        } catch (RegistryUnavailableException e) {
            throw e; // the command is fine: stop here (not committed) and read it again after a restart
        } catch (RuntimeException e) {
            LOG.warn("Skipped a record that is not a PhoneCommand at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /** Applies the completions that arrived, waiting up to {@code waitMillis} for the first. */
    private void drain(long waitMillis) {
        try {
            Completion completion = waitMillis > 0 ? completions.poll(waitMillis, TimeUnit.MILLISECONDS) : completions.poll();
            while (completion != null) {
                inFlight--;
                if (completion.done()) {
                    tracker.complete(completion.partition(), completion.offset());
                } else {
                    tracker.abandon(completion.partition(), completion.offset());
                }
                completion = completions.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        drain(0);
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommitNanos < commitIntervalNanos) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.takeCommittable();
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    LOG.warn("Committing offsets failed (they are committed again later): {}", error.toString());
                }
            });
        }
    }

    /** Pauses every partition at the in-flight bound; resumes at half of it, so it does not flap. */
    private void flowControl() {
        if (!paused && inFlight >= maxInFlight) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.debug("{} commands in flight: consumption paused", inFlight);
        } else if (paused && inFlight <= maxInFlight / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
            LOG.debug("{} commands in flight: consumption resumed", inFlight);
        }
    }

    /** Waits (bounded) for the commands of {@code partitions} already started, then commits them. */
    private void settle(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (tracker.unfinished(partitions) > 0 && System.nanoTime() < deadline) {
            drain(20);
        }
        int left = tracker.unfinished(partitions);
        if (left > 0) {
            LOG.warn("{} commands still running after {} ms; they are left uncommitted and will be read again",
                    left, shutdownTimeout.toMillis());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.positions(partitions);
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("The final commit failed; commands after the last commit will be read again: {}", e.toString());
            }
        }
    }

    /** Graceful end: nothing new starts ({@link #owns} is false), running commands finish, offsets are committed. */
    private void finish() {
        Set<TopicPartition> partitions = tracker.partitions();
        settle(partitions);
        // Settled: the revocation that closing the consumer triggers has nothing left to do.
        tracker.remove(partitions);
    }

    /** Stops consuming; commands already sent get the shutdown time-out to finish. */
    @Override
    public void close() {
        closing = true;
        join();
    }

    /** Stops at once without committing, as a crash would (tests). */
    public void abort() {
        aborting = true;
        join();
    }

    private void join() {
        if (dispatch == null) {
            // Never started (start-up failed before): the consumer is still ours to close.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            dispatch = batch -> { };
            return;
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(shutdownTimeout.toMillis() + 20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps {@link #owned} and the tracker in step with the group's assignment. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            tracker.remove(partitions);
            owned.addAll(partitions);
            partitionCount = consumer.partitionsFor(topic).size();
            assigned = true;
            if (paused) {
                consumer.pause(partitions);
            }
            LOG.info("Commands: assigned {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            if (aborting || partitions.isEmpty()) {
                return;
            }
            settle(partitions);
            tracker.remove(partitions);
            LOG.info("Commands: revoked {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            tracker.remove(partitions);
            LOG.warn("Commands: lost {} (their commands will be read again by the next owner)", partitions);
        }
    }
}
