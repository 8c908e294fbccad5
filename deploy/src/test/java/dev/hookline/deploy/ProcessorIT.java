package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.deploy.cli.ReplayCommandAccess;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.CaptureExpectations;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream processor on a real broker, exactly once: the public capture in phone.raw.v1 (with
 * its own times, hours ago, so the time-out closes the calls whose end never came) becomes the
 * expected call sessions and line states.
 */
@WithKafka
class ProcessorIT {

    private static final Path CAPTURE = Path.of("..", "ingest-gateway", "src", "test", "resources", "captures",
            "calls-public.jsonl");
    private static final Path EXPECTED = Path.of("..", "stream-processor", "src", "test", "resources", "captures",
            "calls-public.expected.json");

    @TempDir
    Path temp;

    @Test
    void shouldTurnThePublicCaptureIntoTheExpectedSessionsAndLineStates(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("processor", 3);
        produce(kafka, prefix, ReplayCommandAccess.read(CAPTURE));
        JsonNode expected = AvroJson.MAPPER.readTree(Files.readString(EXPECTED));

        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, "processor-it-" + prefix.replace(".", ""));
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.PUNCTUATE_INTERVAL_MS, 2000L);
        settings.put(ProcessorConfig.QUIET_AFTER_MS, 3000L);
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", temp.resolve("state").toString());
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        settings.put("kafka.commit.interval.ms", "200");
        List<String> failures = List.of("not run");
        try (StreamProcessorApp app = new StreamProcessorApp(new ProcessorConfig(settings)).start(Duration.ofSeconds(60))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!failures.isEmpty() && System.nanoTime() < deadline) {
                assertThat(app.state()).as("processor state").isNotIn(org.apache.kafka.streams.KafkaStreams.State.ERROR,
                        org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING);
                Thread.sleep(1000);
                List<ObjectNode> output = new ArrayList<>();
                output.addAll(readAll(kafka, Topics.CALL_SESSIONS, prefix));
                output.addAll(readAll(kafka, Topics.LINE_STATUS, prefix));
                failures = CaptureExpectations.check(expected, output);
            }
        }
        assertThat(failures).as("differences from calls-public.expected.json").isEmpty();
    }

    @Test
    void shouldEmitEverySessionExactlyOnceAcrossAProcessorKilledMidStream(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("processor-kill", 3);
        List<RawPhoneRequest> requests = ReplayCommandAccess.read(CAPTURE);
        JsonNode expected = AvroJson.MAPPER.readTree(Files.readString(EXPECTED));
        String applicationId = "processor-kill-" + prefix.replace(".", "");
        Path state = temp.resolve("state");
        int half = requests.size() / 2;

        // The capture's times are hours old: time-outs must follow them while they flow (stream time),
        // or the calls open at the split would be closed as UNKNOWN by the 2 s punctuations.
        Process first = startProcessor(kafka, prefix, applicationId, state, temp.resolve("first.log"), 2_000);
        try {
            produce(kafka, prefix, requests.subList(0, half));
            awaitRecords(kafka, Topics.PHONE_EVENTS, prefix, half / 2, Duration.ofSeconds(60));
        } finally {
            first.destroyForcibly().waitFor(); // kill -9: no clean shutdown, no final commit
        }
        produce(kafka, prefix, requests.subList(half, requests.size()));

        Process second = startProcessor(kafka, prefix, applicationId, state, temp.resolve("second.log"), 2_000);
        List<String> failures = List.of("not run");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!failures.isEmpty() && System.nanoTime() < deadline) {
                assertThat(second.isAlive()).as("restarted processor alive").isTrue();
                Thread.sleep(1000);
                List<ObjectNode> output = new ArrayList<>();
                output.addAll(readAll(kafka, Topics.CALL_SESSIONS, prefix));
                output.addAll(readAll(kafka, Topics.LINE_STATUS, prefix));
                failures = CaptureExpectations.check(expected, output);
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
        // The checker also fails on any session seen twice ("unexpected session").
        assertThat(failures).as("differences from calls-public.expected.json after a kill -9").isEmpty();
    }

    private static Process startProcessor(KafkaBroker kafka, String prefix, String applicationId, Path state, Path log,
                                          long punctuateMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-jar", Path.of("target", "hookline.jar").toString(), "processor",
                "--bootstrap-server", kafka.bootstrapServers(),
                "--set", "topic.prefix=" + prefix, "--set", "application.id=" + applicationId,
                "--set", "punctuate.interval.ms=" + punctuateMillis, "--set", "timeout.quiet.after.ms=3000",
                "--set", "kafka.state.dir=" + state, "--set", "query.port=0",
                "--set", "kafka.commit.interval.ms=100",
                // A killed member is noticed sooner than with the processor's 10 s default.
                "--set", "kafka.session.timeout.ms=6000"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void produce(KafkaBroker kafka, String prefix, List<RawPhoneRequest> requests) throws Exception {
        try (KafkaProducer<String, RawPhoneRequest> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.PHONE_RAW.keySerde().serializer(), Topics.PHONE_RAW.valueSerde().serializer())) {
            for (RawPhoneRequest request : requests) {
                producer.send(new ProducerRecord<>(Topics.PHONE_RAW.name(prefix), null,
                        request.getReceivedAt().toEpochMilli(), request.getDeviceId(), request)).get();
            }
        }
    }

    private static void awaitRecords(KafkaBroker kafka, TopicSpec<?> spec, String prefix, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readAll(kafka, spec, prefix).size() < count) {
            assertThat(System.nanoTime()).as("records on " + spec.name(prefix)).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Every committed record of a topic so far, as replay prints it. */
    private static <V extends SpecificRecord> List<ObjectNode> readAll(KafkaBroker kafka, TopicSpec<V> spec, String prefix) {
        List<ObjectNode> lines = new ArrayList<>();
        String topic = spec.name(prefix);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(kafka.consumerProps("processor-it-reader"),
                spec.keySerde().deserializer(), spec.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    ObjectNode line = AvroJson.MAPPER.createObjectNode();
                    line.put("topic", spec.name());
                    line.put("key", record.key());
                    line.set("value", AvroJson.toJson(record.value()));
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
