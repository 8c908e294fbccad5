package dev.hookline.processor;

import dev.hookline.processor.identity.AddressBookUpdater;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.processor.state.ServingPartitions;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.DeviceAddress;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormats;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology: phone.raw.v1 -> normalize (dead letters aside) -> identify (a request
 * without a MAC becomes the phone last seen with one at its address: through a repartition topic
 * keyed by the MAC, to the partition that owns that phone) -> per phone, one store entry each:
 * de-duplication, phone.events.v1, calls, lines and device state. The address book is a global
 * store read from device.addresses.v1, which the identify step writes. Every processor, store,
 * sink and internal topic is named, so the topology and its state stay stable across releases.
 */
public final class ProcessorTopology {

    public static final String SOURCE = "raw-source";
    public static final String NORMALIZE = "normalize";
    public static final String IDENTIFY = "identify";
    /** Names the repartition topic too: {@code <application.id>-phone-attributed-repartition}. */
    public static final String ATTRIBUTED = "phone-attributed";
    /** The first node of the repartition (Kafka Streams names it after the repartition topic). */
    static final String ATTRIBUTED_IN = ATTRIBUTED + "-repartition-filter";
    /** Where a phone's own and its attributed events meet, in front of the per-phone step. */
    public static final String PHONE_EVENTS_IN = "phone-events-in";
    public static final String PHONES = "phones";
    public static final String EVENTS_SINK = "events-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String SESSIONS_SINK = "sessions-sink";
    public static final String CALL_STATE_SINK = "call-state-sink";
    public static final String LINE_STATUS_SINK = "line-status-sink";
    public static final String DEVICE_STATE_SINK = "device-state-sink";
    public static final String ADDRESSES_SINK = "addresses-sink";
    public static final String ADDRESSES_SOURCE = "addresses-source";
    /** One entry per phone ({@link PhoneState}): the query API reads it too. */
    public static final String PHONES_STORE = "phone-state-store";
    /** device.addresses.v1 on every instance: address -> the phone last seen there with its MAC. */
    public static final String ADDRESSES_STORE = "device-address-store";

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
        return build(config, config.formats(), normalizer, metrics, serving);
    }

    /**
     * @param formats the topics' value formats: each sink writes its topic's, each source reads any
     */
    public static Topology build(ProcessorConfig config, ValueFormats formats, Normalizer normalizer,
                                 ProcessorMetrics metrics, ServingPartitions serving) {
        String prefix = config.topicPrefix();
        StreamsBuilder builder = new StreamsBuilder();
        // Caching turns several writes of one phone within a commit interval into one RocksDB
        // write and one changelog record.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PHONES_STORE),
                Serdes.String(), new PhoneStateSerde()).withCachingEnabled());
        // A global store is restored from its topic, which is its changelog: no logging of its own.
        // Its store holds the topic's bytes as they are (a global store restores by copying them), so
        // store and source share the topic's codec, which reads every format.
        ValueCodec<DeviceAddress> addresses = formats.codec(Topics.DEVICE_ADDRESSES);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ADDRESSES_STORE),
                        Serdes.String(), addresses).withLoggingDisabled(),
                Topics.DEVICE_ADDRESSES.name(prefix),
                Consumed.with(Serdes.String(), addresses).withName(ADDRESSES_SOURCE),
                () -> new AddressBookUpdater(ADDRESSES_STORE));

        KStream<String, byte[]> raw = builder.stream(Topics.PHONE_RAW.name(prefix),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE));
        KStream<String, Object> normalized = raw.process(
                () -> new NormalizeProcessor(normalizer, formats.codec(Topics.PHONE_RAW), metrics), Named.as(NORMALIZE));
        normalized.to(Topics.PHONE_EVENTS_DLQ.name(prefix), produced(formats, Topics.PHONE_EVENTS_DLQ, DLQ_SINK));

        KStream<String, Object> identified = normalized.process(
                () -> new IdentifyProcessor(config.addressAttribution(), metrics), Named.as(IDENTIFY));
        identified.to(Topics.DEVICE_ADDRESSES.name(prefix), produced(formats, Topics.DEVICE_ADDRESSES, ADDRESSES_SINK));
        // Internal: always single-object, whatever the public topics' format.
        // Its partition count follows phone.raw.v1's, so a MAC lands on the partition number
        // its own requests have there: the task that owns the phone's store entry.
        KStream<String, Object> attributed = identified.repartition(Repartitioned.<String, Object>as(ATTRIBUTED)
                .withKeySerde(Serdes.String()).withValueSerde(objectSerde(Topics.PHONE_EVENTS.valueSerde())));
        KStream<String, Object> phoneEvents = identified.merge(attributed, Named.as(PHONE_EVENTS_IN));

        KStream<String, Object> phones = phoneEvents.process(() -> new PhoneProcessor(config, metrics, serving),
                Named.as(PHONES), PHONES_STORE);
        phones.to(Topics.PHONE_EVENTS.name(prefix), produced(formats, Topics.PHONE_EVENTS, EVENTS_SINK));
        phones.to(Topics.CALL_SESSIONS.name(prefix), produced(formats, Topics.CALL_SESSIONS, SESSIONS_SINK));
        phones.to(Topics.CALL_STATE.name(prefix), produced(formats, Topics.CALL_STATE, CALL_STATE_SINK));
        phones.to(Topics.LINE_STATUS.name(prefix), produced(formats, Topics.LINE_STATUS, LINE_STATUS_SINK));
        phones.to(Topics.DEVICE_STATE.name(prefix), produced(formats, Topics.DEVICE_STATE, DEVICE_STATE_SINK));
        return builder.build();
    }

    private static <V extends SpecificRecord> Produced<String, Object> produced(
            ValueFormats formats, TopicSpec<V> spec, String name) {
        return Produced.with(Serdes.String(), objectSerde(formats.codec(spec))).withName(name);
    }

    /** The processors forward plain objects; each sink and source knows which record type its topic holds. */
    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> Serde<Object> objectSerde(ValueCodec<V> codec) {
        Serializer<V> serializer = codec.serializer();
        Deserializer<V> deserializer = codec.deserializer();
        return Serdes.serdeFrom((topic, value) -> serializer.serialize(topic, (V) value),
                (topic, bytes) -> deserializer.deserialize(topic, bytes));
    }
}
