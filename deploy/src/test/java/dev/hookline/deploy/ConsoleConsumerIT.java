package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.HooklineMessageFormatter;
import dev.hookline.schema.format.JsonCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.SampleRecords;
import dev.hookline.testkit.WithKafka;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own console consumer ({@code kafka-console-consumer.sh}'s class, from kafka-tools) with
 * {@link HooklineMessageFormatter}, as a child JVM the way a user runs it: a topic holding values in
 * avro-single-object and json (and one that is neither) prints one JSON line per record, the
 * value as the json format writes it.
 */
@WithKafka
class ConsoleConsumerIT {

    private static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonCodec<CallSession> JSON = new JsonCodec<>(CallSession.class);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path temp;

    @Test
    void shouldPrintEachRecordInEitherFormatAsOneJsonLineAndAnUnreadableOneAsAnError(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("console", 1);
        String topic = Topics.CALL_SESSIONS.name(prefix);
        List<CallSession> sessions = sessions(4);
        List<ProducerRecord<byte[], byte[]>> written = write(kafka, topic, sessions, true);

        ToolRun run = consoleConsumer(testClasspath(), kafka, topic, written.size(),
                "--formatter-property", HooklineMessageFormatter.TOPIC_PREFIX + "=" + prefix).succeeded();

        List<String> lines = run.out().lines().toList();
        assertThat(lines).as("stdout holds the records' lines and nothing else; stderr:\n" + run.err())
                .hasSize(written.size());
        for (int offset = 0; offset < written.size(); offset++) {
            JsonNode line = MAPPER.readTree(lines.get(offset));
            ProducerRecord<byte[], byte[]> record = written.get(offset);
            if (offset == 2) {
                assertThat(line.get("offset").asLong()).isEqualTo(offset);
                assertThat(line.get("value").isNull()).isTrue();
                assertThat(line.get("error").asText()).contains(topic).contains("first byte 0x6e");
                continue;
            }
            CallSession session = sessions.get(offset < 2 ? offset : offset - 1);
            // Text, not trees: the fields' order and the value's exact form are part of what users get.
            assertThat(lines.get(offset)).as("line " + offset)
                    .isEqualTo(MAPPER.writeValueAsString(expected(record, offset, session)));
        }
        assertThat(run.err()).contains("Processed a total of " + written.size() + " messages");
    }

    @Test
    void shouldRunWithTheShadedHooklineJarInFrontOfKafkasClasspathPrintingValuesOnly(KafkaBroker kafka) throws Exception {
        Path hooklineJar = Path.of("target", "hookline.jar").toAbsolutePath();
        assertThat(hooklineJar).as("the shaded jar, built by the package phase").exists();
        String prefix = kafka.createTopics("console-jar", 1);
        String topic = Topics.CALL_SESSIONS.name(prefix);
        List<CallSession> sessions = sessions(2);
        write(kafka, topic, sessions, false);

        // What CLASSPATH=hookline.jar kafka-console-consumer.sh does: the jar first, then Kafka's libraries.
        ToolRun run = consoleConsumer(hooklineJar + File.pathSeparator + testClasspath(), kafka, topic, sessions.size(),
                "--formatter-property", HooklineMessageFormatter.TOPIC_PREFIX + "=" + prefix,
                "--formatter-property", HooklineMessageFormatter.PRINT_METADATA + "=false").succeeded();

        assertThat(run.out()).as(run.err()).isEqualTo(
                json(sessions.get(0)) + "\n" + json(sessions.get(1)) + "\n");
    }

    /** Sessions of one phone, each a second after the one before. */
    private static List<CallSession> sessions(int count) {
        List<CallSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(CallSession.newBuilder(SampleRecords.callSession())
                    .setSessionId("session-" + i)
                    .setStartedAt(T0.plusSeconds(i))
                    .setEndedAt(T0.plusSeconds(i + 1))
                    .build());
        }
        return sessions;
    }

    /**
     * Writes the sessions alternately in avro-single-object and json (with a value in neither
     * format third, when asked), keyed by device id, each with its own timestamp.
     */
    private static List<ProducerRecord<byte[], byte[]>> write(KafkaBroker kafka, String topic, List<CallSession> sessions,
                                                             boolean withUnreadable) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        byte[] key = SampleRecords.DEVICE_ID.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < sessions.size(); i++) {
            if (withUnreadable && records.size() == 2) {
                records.add(new ProducerRecord<>(topic, 0, T0.toEpochMilli(), key,
                        "not a value".getBytes(StandardCharsets.UTF_8)));
            }
            ValueFormat format = i % 2 == 0 ? ValueFormat.AVRO_SINGLE_OBJECT : ValueFormat.JSON;
            byte[] value = ValueFormats.of(format, Optional.empty()).codec(Topics.CALL_SESSIONS).encode(topic, sessions.get(i));
            records.add(new ProducerRecord<>(topic, 0, T0.plusSeconds(i).toEpochMilli(), key, value));
        }
        try (var producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }
        return records;
    }

    private static JsonNode expected(ProducerRecord<byte[], byte[]> record, long offset, CallSession session) throws Exception {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", 0);
        line.put("offset", offset);
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", new String(record.key(), StandardCharsets.UTF_8));
        line.set("value", MAPPER.readTree(json(session)));
        return line;
    }

    private static String json(CallSession session) {
        return new String(JSON.encode("t", session), StandardCharsets.UTF_8);
    }

    private ToolRun consoleConsumer(String classpath, KafkaBroker kafka, String topic, int records, String... formatterOptions)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // Kafka's tools log to stderr; the testkit's test logging on this classpath would log to stdout.
                "-Dlog4j2.configurationFile=" + Path.of("target", "classes", "log4j2.xml").toAbsolutePath(),
                "-cp", classpath, CONSOLE_CONSUMER,
                "--bootstrap-server", kafka.bootstrapServers(), "--topic", topic, "--from-beginning",
                "--max-messages", Integer.toString(records), "--timeout-ms", "60000",
                "--formatter", HooklineMessageFormatter.class.getName()));
        command.addAll(List.of(formatterOptions));
        return ToolRun.of(temp, RUN, command);
    }

    /** This JVM's test classpath (Failsafe runs the tests from a manifest-only jar, so java.class.path is not it). */
    private static String testClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(classpath).as("the test classpath has kafka-tools").contains("kafka-tools");
        assertThat(Files.exists(Path.of("target", "classes", "log4j2.xml"))).isTrue();
        return classpath;
    }
}
