package dev.hookline.processor.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.CallState;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueFormats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What changes, for the live view: the processor's own output topics (line.status, device.state,
 * call.state, call.sessions) and the command results, read from their end by a consumer without
 * a group on every partition. So each processor instance sees every phone's changes, whichever
 * instance owns the phone, and a browser connected to any instance gets them all. It runs only
 * while someone watches (started by the first listener, stopped a minute after the last).
 * The most recent finished calls are kept for a new listener.
 *
 * <p>A new listener gets those finished calls, then a {@code ready} event once the consumer
 * follows every partition: from then on every change committed to the topics reaches it. A
 * client must read the phones' state ({@code /api/phones}) only after {@code ready}. (Before,
 * nothing said when the consumer had found the topics' ends: a client of an instance whose
 * feed was just starting, such as one just restarted, could read the state and then miss
 * the changes committed before the consumer's seek to the end.)
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final long IDLE_STOP_NANOS = Duration.ofMinutes(1).toNanos();

    private final Map<String, Object> consumerSettings;
    private final String prefix;
    private final ValueFormats formats;
    private final int recentLimit;
    private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Listeners that still have to be given the recent sessions (by the feed's thread). */
    private final ConcurrentLinkedQueue<Consumer<LiveEvent>> joining = new ConcurrentLinkedQueue<>();
    private final Deque<JsonNode> recent = new ArrayDeque<>();
    private Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;

    /**
     * @param consumerSettings bootstrap servers, security: the processor's Kafka settings
     * @param recentLimit      finished calls kept for a new listener
     */
    public LiveFeed(Map<String, Object> consumerSettings, String prefix, ValueFormats formats, int recentLimit) {
        this.consumerSettings = consumerSettings;
        this.prefix = prefix;
        this.formats = formats;
        this.recentLimit = recentLimit;
    }

    /** Adds a listener (called on the feed's thread: hand off quickly); returns what removes it. */
    public synchronized Runnable listen(Consumer<LiveEvent> listener) {
        if (closed) {
            throw new IllegalStateException("the live feed is closed");
        }
        listeners.add(listener);
        joining.add(listener);
        if (thread == null || !thread.isAlive()) {
            thread = new Thread(this::run, "live-feed");
            thread.setDaemon(true);
            thread.start();
        }
        return () -> listeners.remove(listener);
    }

    public int listeners() {
        return listeners.size();
    }

    private void run() {
        Map<String, Object> props = new HashMap<>(consumerSettings);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-live-feed");
        long idleSince = -1;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            start(kafka);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(100))) {
                    deliver(record);
                }
                for (Consumer<LiveEvent> listener; (listener = joining.poll()) != null; ) {
                    for (JsonNode session : recentSessions()) {
                        listener.accept(new LiveEvent("session", session));
                    }
                    // Positioned (start() above) and listening since listen(): nothing committed from now on is missed.
                    listener.accept(LiveEvent.READY);
                }
                if (listeners.isEmpty()) {
                    idleSince = idleSince < 0 ? System.nanoTime() : idleSince;
                    if (System.nanoTime() - idleSince > IDLE_STOP_NANOS && stopIfIdle()) {
                        return;
                    }
                } else {
                    idleSince = -1;
                }
            }
        } catch (WakeupException closing) {
            // close()
        } catch (RuntimeException e) {
            LOG.warn("The live view's feed stopped: {}", e.toString());
        } finally {
            consumer = null;
        }
    }

    private synchronized boolean stopIfIdle() {
        if (!listeners.isEmpty()) {
            return false;
        }
        thread = null;
        return true;
    }

    /** Every partition from its end, but the finished calls from a little before it. */
    private void start(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec<?> spec : List.of(Topics.LINE_STATUS, Topics.DEVICE_STATE, Topics.CALL_STATE, Topics.CALL_SESSIONS,
                Topics.PHONE_COMMAND_RESULTS)) {
            String topic = spec.name(prefix);
            kafka.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> begins = kafka.beginningOffsets(partitions, Duration.ofSeconds(30));
        String sessions = Topics.CALL_SESSIONS.name(prefix);
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            long from = partition.topic().equals(sessions) ? Math.max(begins.get(partition), end - recentLimit) : end;
            kafka.seek(partition, from);
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        LiveEvent event;
        try {
            event = event(record);
        } catch (SerializationException e) {
            LOG.debug("The live view skips an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (event == null) {
            return;
        }
        if (event.type().equals("session")) {
            remember(event.data());
        }
        for (Consumer<LiveEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    private LiveEvent event(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.CALL_STATE.name(prefix))) {
            CallState call = formats.codec(Topics.CALL_STATE).decode(topic, record.value());
            return call == null ? new LiveEvent("call-ended", LiveJson.ended(record.key()))
                    : new LiveEvent("call", LiveJson.call(call));
        }
        if (record.value() == null) {
            return null;
        }
        if (topic.equals(Topics.LINE_STATUS.name(prefix))) {
            return json("line", Topics.LINE_STATUS, record);
        }
        if (topic.equals(Topics.DEVICE_STATE.name(prefix))) {
            return json("device", Topics.DEVICE_STATE, record);
        }
        if (topic.equals(Topics.CALL_SESSIONS.name(prefix))) {
            return json("session", Topics.CALL_SESSIONS, record);
        }
        return json("result", Topics.PHONE_COMMAND_RESULTS, record);
    }

    private <V extends SpecificRecord> LiveEvent json(String type, TopicSpec<V> spec, ConsumerRecord<String, byte[]> record) {
        return new LiveEvent(type, AvroJson.toJson(formats.codec(spec).decode(record.topic(), record.value())));
    }

    private synchronized void remember(JsonNode session) {
        recent.addLast(session);
        while (recent.size() > recentLimit) {
            recent.removeFirst();
        }
    }

    /** The most recent finished calls, newest last. */
    public synchronized List<JsonNode> recentSessions() {
        List<JsonNode> sessions = new ArrayList<>(recent);
        sessions.sort(Comparator.comparing(session -> session.path("endedAt").asText()));
        return sessions;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current != null) {
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
