package dev.hookline.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs captured requests through the processor's topology offline (TopologyTestDriver, no
 * broker): record times and the wall clock follow the capture, and at the end the clock moves
 * past every time-out so that calls whose end was never reported are closed. Every output
 * record goes to the sink as {@code {"topic":..,"key":..,"value":{..}}}, in the order produced.
 */
public final class Replayer {

    /** The topics the topology writes, in the order their records are drained after each input. */
    static final List<TopicSpec<?>> OUTPUTS = List.of(Topics.PHONE_EVENTS, Topics.PHONE_EVENTS_DLQ, Topics.CALL_STATE,
            Topics.CALL_SESSIONS, Topics.LINE_STATUS, Topics.DEVICE_STATE);

    private Replayer() {
    }

    public static void replay(ProcessorConfig config, List<RawPhoneRequest> requests, Consumer<ObjectNode> sink) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("hookline-replay");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hookline-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("processing.exception.handler.global.enabled", "true");
        Instant start = requests.isEmpty() ? Instant.EPOCH : requests.get(0).getReceivedAt();
        String prefix = config.topicPrefix();
        try (TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(config), props, start)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.PHONE_RAW.name(prefix),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            List<Output<?>> outputs = new ArrayList<>();
            for (TopicSpec<?> spec : OUTPUTS) {
                outputs.add(Output.of(spec, driver, prefix));
            }
            Instant clock = start;
            for (RawPhoneRequest request : requests) {
                if (request.getReceivedAt().isAfter(clock)) {
                    driver.advanceWallClockTime(Duration.between(clock, request.getReceivedAt()));
                    clock = request.getReceivedAt();
                    drain(outputs, sink);
                }
                input.pipeInput(request.getDeviceId(),
                        Topics.PHONE_RAW.valueSerde().encode(Topics.PHONE_RAW.name(prefix), request), request.getReceivedAt());
                drain(outputs, sink);
            }
            driver.advanceWallClockTime(config.callTimeout().plus(config.quietAfter()).plus(config.punctuateInterval()).plusSeconds(1));
            drain(outputs, sink);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static void drain(List<Output<?>> outputs, Consumer<ObjectNode> sink) {
        for (Output<?> output : outputs) {
            output.drainTo(sink);
        }
    }

    private record Output<V extends SpecificRecord>(TopicSpec<V> spec, TestOutputTopic<String, V> topic) {
        static <V extends SpecificRecord> Output<V> of(TopicSpec<V> spec, TopologyTestDriver driver, String prefix) {
            return new Output<>(spec, driver.createOutputTopic(spec.name(prefix), spec.keySerde().deserializer(),
                    spec.valueSerde().deserializer()));
        }

        void drainTo(Consumer<ObjectNode> sink) {
            for (TestRecord<String, V> record : topic.readRecordsToList()) {
                ObjectNode line = AvroJson.MAPPER.createObjectNode();
                line.put("topic", spec.name());
                line.put("key", record.key());
                line.set("value", AvroJson.toJson(record.value()));
                sink.accept(line);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }
}
