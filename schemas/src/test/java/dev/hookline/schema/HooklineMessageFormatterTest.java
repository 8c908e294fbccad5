package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.format.HooklineMessageFormatter;
import dev.hookline.schema.format.JsonCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console consumer's formatter: every topic's values, in each registry-less format, print as
 * the json format writes them; what cannot be shown prints an error line instead of vanishing.
 * (The avro-registry path is run against a real registry in the deploy module's ITs.)
 */
class HooklineMessageFormatterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMESTAMP = Samples.T0.toEpochMilli();

    static Stream<Arguments> valuesInEachFormat() {
        return Samples.all().stream().flatMap(value -> Stream.of(ValueFormat.AVRO_SINGLE_OBJECT, ValueFormat.JSON)
                .map(format -> Arguments.of(value.getClass().getSimpleName(), format, value)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("valuesInEachFormat")
    void shouldPrintEveryTopicsValueAsTheJsonFormatWritesItWhateverItsFormat(String type, ValueFormat format,
                                                                             SpecificRecord value) throws Exception {
        TopicSpec<SpecificRecord> spec = specOf(value);

        JsonNode line = single(print(Map.of(), record(spec.name(), 7, encode(spec, format, value))));

        assertThat(fieldNames(line)).containsExactly("topic", "partition", "offset", "timestamp", "key", "value");
        assertThat(line.get("topic").textValue()).isEqualTo(spec.name());
        assertThat(line.get("partition").intValue()).isEqualTo(2);
        assertThat(line.get("offset").longValue()).isEqualTo(7);
        assertThat(line.get("timestamp").textValue()).isEqualTo(Samples.T0.toString());
        assertThat(line.get("key").textValue()).isEqualTo(Samples.DEVICE);
        assertThat(line.get("value")).isEqualTo(MAPPER.readTree(json(spec, value)));
    }

    @Test
    void shouldPrintTheValueAloneWithoutMetadataTheSameForEachFormat() throws Exception {
        CallSession session = Samples.callSession().build();
        Map<String, String> config = Map.of(HooklineMessageFormatter.PRINT_METADATA, "false");

        String out = print(config,
                record(Topics.CALL_SESSIONS.name(), 0, encode(Topics.CALL_SESSIONS, ValueFormat.AVRO_SINGLE_OBJECT, session)),
                record(Topics.CALL_SESSIONS.name(), 1, encode(Topics.CALL_SESSIONS, ValueFormat.JSON, session)),
                record(Topics.CALL_SESSIONS.name(), 2, null));

        String expected = new String(json(Topics.CALL_SESSIONS, session), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo(expected + "\n" + expected + "\nnull\n");
    }

    @Test
    void shouldPrintATombstoneAndAMissingKeyAndTimestampAsNull() throws Exception {
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>(Topics.DEVICE_STATE.name(), 0, 3,
                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, 0, 0, null, null, new RecordHeaders(),
                Optional.empty());

        JsonNode line = single(print(Map.of(), tombstone));

        assertThat(line.get("value").isNull()).isTrue();
        assertThat(line.get("key").isNull()).isTrue();
        assertThat(line.get("timestamp").isNull()).isTrue();
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void shouldKnowAPrefixedTopicByItsPrefix() throws Exception {
        CallSession session = Samples.callSession().build();
        ConsumerRecord<byte[], byte[]> prefixed = record("site-a." + Topics.CALL_SESSIONS.name(), 0,
                encode(Topics.CALL_SESSIONS, ValueFormat.JSON, session));

        JsonNode known = single(print(Map.of(HooklineMessageFormatter.TOPIC_PREFIX, "site-a."), prefixed));
        JsonNode unknown = single(print(Map.of(), prefixed));

        assertThat(known.get("value").get("sessionId").textValue()).isEqualTo(session.getSessionId());
        assertThat(unknown.get("value").isNull()).isTrue();
        assertThat(unknown.get("error").textValue()).contains("site-a.call.sessions.v1 is not a Hookline topic")
                .contains("call.sessions.v1").contains("topic.prefix");
    }

    @Test
    void shouldPrintAnErrorLineForEachValueItCannotReadAndGoOn() throws Exception {
        String topic = Topics.CALL_SESSIONS.name();
        ObjectNode broken = (ObjectNode) MAPPER.readTree(json(Topics.CALL_SESSIONS, Samples.callSession().build()));
        broken.put("startedAt", "yesterday");
        CallSession good = Samples.callSession().build();

        List<JsonNode> lines = lines(print(Map.of(HooklineMessageFormatter.PRINT_METADATA, "false"),
                record(topic, 0, "plain text".getBytes(StandardCharsets.UTF_8)),
                record(topic, 1, MAPPER.writeValueAsBytes(broken)),
                record(topic, 2, new byte[] {0, 0, 0, 0, 7, 2}),
                record(topic, 3, new byte[] {(byte) 0xC3, 1, 9}),
                record(topic, 4, encode(Topics.CALL_SESSIONS, ValueFormat.JSON, good))));

        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 4)).allSatisfy(line -> {
            assertThat(line.get("topic").textValue()).as("an error line says which record").isEqualTo(topic);
            assertThat(line.get("value").isNull()).isTrue();
            assertThat(line.get("error").textValue()).contains(topic);
        });
        assertThat(lines.get(0).get("error").textValue()).contains("first byte 0x70");
        assertThat(lines.get(1).get("error").textValue()).contains("startedAt");
        assertThat(lines.get(2).get("error").textValue()).contains("avro-registry").contains("registry.url");
        assertThat(lines.get(3).get("offset").longValue()).isEqualTo(3);
        assertThat(lines.get(4).get("sessionId").textValue()).as("the next record prints as usual")
                .isEqualTo(good.getSessionId());
    }

    @Test
    void shouldIgnoreTheConsoleConsumersOwnPropertiesAndRefuseABadRegistryUrl() {
        Map<String, String> consoleConsumers = new HashMap<>();
        consoleConsumers.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        consoleConsumers.put("print.timestamp", "true");
        new HooklineMessageFormatter().configure(consoleConsumers);

        assertThatThrownBy(() -> new HooklineMessageFormatter().configure(Map.of("registry.url", "ftp://registry")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> new HooklineMessageFormatter().configure(Map.of(HooklineMessageFormatter.PRINT_METADATA, "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HooklineMessageFormatter.PRINT_METADATA);
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static TopicSpec<SpecificRecord> specOf(SpecificRecord value) {
        return (TopicSpec<SpecificRecord>) Topics.ALL.stream()
                .filter(spec -> spec.valueSerde().type() == value.getClass())
                .findFirst().orElseThrow();
    }

    private static <V extends SpecificRecord> byte[] encode(TopicSpec<V> spec, ValueFormat format, V value) {
        return ValueFormats.of(format, Optional.empty()).codec(spec).encode(spec.name(), value);
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> byte[] json(TopicSpec<V> spec, V value) {
        return new JsonCodec<>((Class<V>) value.getClass()).encode(spec.name(), value);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, byte[] value) {
        return new ConsumerRecord<>(topic, 2, offset, TIMESTAMP, TimestampType.CREATE_TIME, 0, 0,
                Samples.DEVICE.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
    }

    @SafeVarargs
    private static String print(Map<String, String> config, ConsumerRecord<byte[], byte[]>... records) {
        HooklineMessageFormatter formatter = new HooklineMessageFormatter();
        formatter.configure(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                formatter.writeTo(record, out);
            }
        }
        formatter.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        assertThat(out).endsWith("\n");
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    private static JsonNode single(String out) throws Exception {
        List<JsonNode> lines = lines(out);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
