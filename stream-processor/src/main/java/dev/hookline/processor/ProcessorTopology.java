package dev.hookline.processor;

import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.processor.state.ServingPartitions;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology: phone.raw.v1 -> normalize (dead letters aside) -> de-duplicate ->
 * phone.events.v1 and, per phone (one store entry each), calls, lines and device state. Every processor, store and sink
 * is named, so the topology and its state stay stable across releases.
 */
public final class ProcessorTopology {

    public static final String SOURCE = "raw-source";
    public static final String NORMALIZE = "normalize";
    public static final String PHONES = "phones";
    public static final String EVENTS_SINK = "events-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String SESSIONS_SINK = "sessions-sink";
    public static final String CALL_STATE_SINK = "call-state-sink";
    public static final String LINE_STATUS_SINK = "line-status-sink";
    public static final String DEVICE_STATE_SINK = "device-state-sink";
    /** One entry per phone ({@link PhoneState}): the query API reads it too. */
    public static final String PHONES_STORE = "phone-state-store";

    private ProcessorTopology() {
    }

    public static Topology build(ProcessorConfig config) {
        return build(config, ProcessorMetrics.discarded(), new ServingPartitions());
    }

    /**
     * @param serving told which partitions' phone state is restored and processing, for the query API
     * @throws dev.hookline.vendor.VendorFileException when a descriptor in the {@code vendors.dir} folder is invalid
     */
    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics, ServingPartitions serving) {
        return build(config, Normalizer.load(config.vendorDir()), metrics, serving);
    }

    /** @param normalizer reads the vendors (of the built-in descriptors and {@code vendors.dir}) */
    public static Topology build(ProcessorConfig config, Normalizer normalizer, ProcessorMetrics metrics,
                                 ServingPartitions serving) {
        String prefix = config.topicPrefix();
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.PHONE_RAW.name(prefix));
        topology.addProcessor(NORMALIZE, () -> new NormalizeProcessor(normalizer, metrics), SOURCE);
        topology.addSink(DLQ_SINK, Topics.PHONE_EVENTS_DLQ.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.PHONE_EVENTS_DLQ), NORMALIZE);
        topology.addProcessor(PHONES, () -> new PhoneProcessor(config, metrics, serving), NORMALIZE);
        // Caching turns several writes of one phone within a commit interval into one RocksDB
        // write and one changelog record.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PHONES_STORE),
                Serdes.String(), new PhoneStateSerde()).withCachingEnabled(), PHONES);
        topology.addSink(EVENTS_SINK, Topics.PHONE_EVENTS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.PHONE_EVENTS), PHONES);
        topology.addSink(SESSIONS_SINK, Topics.CALL_SESSIONS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.CALL_SESSIONS), PHONES);
        topology.addSink(CALL_STATE_SINK, Topics.CALL_STATE.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.CALL_STATE), PHONES);
        topology.addSink(LINE_STATUS_SINK, Topics.LINE_STATUS.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.LINE_STATUS), PHONES);
        topology.addSink(DEVICE_STATE_SINK, Topics.DEVICE_STATE.name(prefix), Serdes.String().serializer(),
                valueSerializer(Topics.DEVICE_STATE), PHONES);
        return topology;
    }

    /** The processors forward plain objects; each sink knows which record type its topic holds. */
    @SuppressWarnings("unchecked")
    private static <V extends org.apache.avro.specific.SpecificRecord> Serializer<Object> valueSerializer(TopicSpec<V> spec) {
        Serializer<V> serializer = spec.valueSerde().serializer();
        return (topic, value) -> serializer.serialize(topic, (V) value);
    }
}
