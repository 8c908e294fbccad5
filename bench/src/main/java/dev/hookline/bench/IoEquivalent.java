package dev.hookline.bench;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.ProcessorTopology;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The floor Hookline's contract sets: a topology that decodes each raw record and then writes
 * exactly what Hookline writes for it (the same topics, keys and value bytes, and a put of the
 * same phone-state bytes into a cached, logged store, so the changelog gets what Hookline's
 * gets), with no logic at all. What Hookline writes per record is learnt beforehand by running
 * Hookline's own topology over the same input in the test driver ({@link #plan}).
 */
final class IoEquivalent {

    /**
     * The topics Hookline's topology writes per event (besides its changelog). Not
     * device.addresses.v1: Hookline writes a phone's address once and then on a refresh, after
     * its global store has read it back, which the test driver does not do (it would plan one per
     * call), and the benchmark's phones all send their MAC, so the repartition topic stays empty.
     */
    static final List<TopicSpec<?>> OUTPUTS = List.of(Topics.PHONE_EVENTS, Topics.PHONE_EVENTS_DLQ, Topics.CALL_SESSIONS,
            Topics.CALL_STATE, Topics.LINE_STATUS, Topics.DEVICE_STATE);
    private static final String STORE = "io-equivalent-state";

    /** One record Hookline writes: which of {@link #OUTPUTS}, its key and value as written. */
    record Output(int topic, byte[] key, byte[] value) {
    }

    /** What Hookline does for one raw record: a state put (none when stateKey is null) and its outputs. */
    record Step(String stateKey, byte[] state, List<Output> outputs) {
    }

    private IoEquivalent() {
    }

    /**
     * Runs Hookline's topology over {@code input} in the test driver and notes, per raw record,
     * the records it wrote and the phone-state entry it stored (when that entry changed).
     * Indexed like {@code input}.
     */
    static Step[] plan(String prefix, List<RawPhoneRequest> input) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "io-equivalent-plan");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("hookline-plan").toString());
        ProcessorConfig config = new ProcessorConfig(Map.of(ProcessorConfig.TOPIC_PREFIX, prefix));
        Instant wallClock = input.isEmpty() ? Instant.now() : input.get(0).getReceivedAt();
        Step[] steps = new Step[input.size()];
        try (TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(config), props, wallClock)) {
            var raw = driver.createInputTopic(Topics.PHONE_RAW.name(prefix), new StringSerializer(), new ByteArraySerializer());
            List<org.apache.kafka.streams.TestOutputTopic<byte[], byte[]>> outputs = OUTPUTS.stream()
                    .map(spec -> driver.createOutputTopic(spec.name(prefix), new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                    .toList();
            KeyValueStore<String, Object> phones = driver.getKeyValueStore(ProcessorTopology.PHONES_STORE);
            for (int i = 0; i < input.size(); i++) {
                RawPhoneRequest request = input.get(i);
                String device = request.getDeviceId();
                byte[] before = PhoneStateSerde.toBytes((PhoneState) phones.get(device));
                raw.pipeInput(new TestRecord<>(device, Topics.PHONE_RAW.valueSerde().encode(Topics.PHONE_RAW.name(prefix), request),
                        request.getReceivedAt()));
                List<Output> written = new ArrayList<>();
                for (int topic = 0; topic < outputs.size(); topic++) {
                    for (TestRecord<byte[], byte[]> record : outputs.get(topic).readRecordsToList()) {
                        written.add(new Output(topic, record.key(), record.value()));
                    }
                }
                byte[] after = PhoneStateSerde.toBytes((PhoneState) phones.get(device));
                boolean stored = after != null && !Arrays.equals(before, after);
                steps[i] = new Step(stored ? device : null, stored ? after : null, written);
            }
        }
        return steps;
    }

    /** The topology: raw records in, each one's planned writes out, found by its request id "bench-INDEX". */
    static Topology topology(String prefix, Step[] plan) {
        Topology topology = new Topology();
        topology.addSource("raw", new StringDeserializer(), new ByteArrayDeserializer(), Topics.PHONE_RAW.name(prefix));
        topology.addProcessor("io", () -> new Writer(prefix, plan), "raw");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), "io");
        for (int topic = 0; topic < OUTPUTS.size(); topic++) {
            topology.addSink(sink(topic), OUTPUTS.get(topic).name(prefix), new ByteArraySerializer(), new ByteArraySerializer(), "io");
        }
        return topology;
    }

    private static String sink(int topic) {
        return "sink-" + topic;
    }

    /** Decodes the raw record (as Hookline must), then does what the plan says, nothing else. */
    private static final class Writer implements Processor<String, byte[], byte[], byte[]> {
        private final String topic;
        private final Step[] plan;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, byte[]> store;

        Writer(String prefix, Step[] plan) {
            this.topic = Topics.PHONE_RAW.name(prefix);
            this.plan = plan;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            RawPhoneRequest request = Topics.PHONE_RAW.valueSerde().decode(topic, record.value());
            Step step = plan[Integer.parseInt(request.getRequestId().substring("bench-".length()))];
            if (step.stateKey() != null) {
                store.put(step.stateKey(), step.state());
            }
            for (Output output : step.outputs()) {
                context.forward(new Record<>(output.key(), output.value(), record.timestamp()), sink(output.topic()));
            }
        }
    }
}
