package dev.hookline.processor;

import dev.hookline.processor.calls.DeviceCallsSerde;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.AvroSerde;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology: phone.raw.v1 -> normalize (dead letters aside) -> de-duplicate ->
 * phone.events.v1 and, per phone, calls, lines and device state. Every processor, store and sink
 * is named, so the topology and its state stay stable across releases.
 */
public final class ProcessorTopology {

    public static final String SOURCE = "raw-source";
    public static final String NORMALIZE = "normalize";
    public static final String DEDUP = "dedup";
    public static final String CALLS = "calls";
    public static final String EVENTS_SINK = "events-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String SESSIONS_SINK = "sessions-sink";
    public static final String CALL_STATE_SINK = "call-state-sink";
    public static final String LINE_STATUS_SINK = "line-status-sink";
    public static final String DEVICE_STATE_SINK = "device-state-sink";
    public static final String DEDUP_STORE = "dedup-store";
    public static final String CALLS_STORE = "device-calls-store";
    public static final String DEVICES_STORE = "device-state-store";
    public static final String LINES_STORE = "line-status-store";

    private ProcessorTopology() {
    }

    public static Topology build(ProcessorConfig config) {
        Normalizer normalizer = Normalizer.load(config.vendorDir());
        String prefix = config.topicPrefix();
        Duration dedupWindow = config.dedupWindow();
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.PHONE_RAW.name(prefix));
        topology.addProcessor(NORMALIZE, () -> new NormalizeProcessor(normalizer), SOURCE);
        topology.addSink(DLQ_SINK, Topics.PHONE_EVENTS_DLQ.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.PHONE_EVENTS_DLQ), NORMALIZE);
        topology.addProcessor(DEDUP, () -> new DedupProcessor(dedupWindow), NORMALIZE);
        // Window size and retention: what the look-back needs, in the store's smallest segments.
        Duration retention = dedupWindow.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                ? dedupWindow.multipliedBy(2) : Duration.ofMinutes(1);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUP_STORE, retention, dedupWindow.isZero() ? Duration.ofMillis(1)
                        : dedupWindow, false),
                Serdes.String(), Serdes.Long()), DEDUP);
        topology.addSink(EVENTS_SINK, Topics.PHONE_EVENTS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.PHONE_EVENTS), DEDUP);
        // Caching the per-phone stores turns several writes of one key within a commit interval
        // into one RocksDB write and one changelog record.
        topology.addProcessor(CALLS, () -> new CallProcessor(config.callTimeout(), config.punctuateInterval(), config.quietAfter()), DEDUP);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CALLS_STORE),
                Serdes.String(), new DeviceCallsSerde()).withCachingEnabled(), CALLS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEVICES_STORE),
                Serdes.String(), AvroSerde.of(DeviceState.class)).withCachingEnabled(), CALLS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINES_STORE),
                Serdes.String(), AvroSerde.of(LineStatus.class)).withCachingEnabled(), CALLS);
        topology.addSink(SESSIONS_SINK, Topics.CALL_SESSIONS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.CALL_SESSIONS), CALLS);
        topology.addSink(CALL_STATE_SINK, Topics.CALL_STATE.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.CALL_STATE), CALLS);
        topology.addSink(LINE_STATUS_SINK, Topics.LINE_STATUS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.LINE_STATUS), CALLS);
        topology.addSink(DEVICE_STATE_SINK, Topics.DEVICE_STATE.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.DEVICE_STATE), CALLS);
        return topology;
    }

    /** The processors forward plain objects; each sink knows which record type its topic holds. */
    @SuppressWarnings("unchecked")
    private static <V extends org.apache.avro.specific.SpecificRecord> Serializer<Object> valueSerializer(TopicSpec<V> spec) {
        Serializer<V> serializer = spec.valueSerde().serializer();
        return (topic, value) -> serializer.serialize(topic, (V) value);
    }
}
