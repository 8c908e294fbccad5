package dev.hookline.schema.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Hookline's topics in Kafka's own console consumer, for people who already have Kafka's tools
 * and not {@code hookline tail}:
 * {@code kafka-console-consumer.sh --topic call.sessions.v1 --formatter dev.hookline.schema.format.HooklineMessageFormatter}
 * with this module's jar (or {@code hookline.jar}) on the {@code CLASSPATH}.
 *
 * <p>One JSON line per record: {@code topic}, {@code partition}, {@code offset}, {@code timestamp}
 * (ISO-8601, null when the record has none), {@code key} (UTF-8 text) and {@code value}, the value
 * as the json format writes it, whichever format it was written in (so {@code jq} reads every
 * topic the same way). With {@code print.metadata=false} the line is the value alone ({@code null}
 * for a tombstone). The record type comes from the topic's name ({@code topic.prefix} for a
 * prefixed deployment); avro-registry values need {@code registry.url} (and the other
 * {@code registry.*} settings of {@link FormatConfig}).
 *
 * <p>A record it cannot show is never skipped and never stops the consumer: it prints the full line
 * with {@code "value": null} and an {@code error} naming the reason (also with
 * {@code print.metadata=false}, so the line says which record it is), and so does a record of a
 * topic not in the catalogue.
 */
public final class HooklineMessageFormatter implements MessageFormatter {

    public static final String PRINT_METADATA = "print.metadata";
    public static final String TOPIC_PREFIX = "topic.prefix";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ConfigDef DEFINITION = FormatConfig.define(new ConfigDef()
            .define(PRINT_METADATA, Type.BOOLEAN, true, Importance.MEDIUM,
                    "true: a JSON object with topic, partition, offset, timestamp, key and value; false: the value alone.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM,
                    "The deployment's topic prefix, so that a prefixed topic's record type is known."));

    private boolean printMetadata = true;
    private String prefix = "";
    private ValueFormats formats = ValueFormats.singleObject();
    private final Map<String, JsonCodec<?>> jsonByTopic = new ConcurrentHashMap<>();

    /** Takes the properties given with {@code --formatter-property} (or {@code --formatter-config}); ignores others. */
    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(DEFINITION, configs, false);
        printMetadata = config.getBoolean(PRINT_METADATA);
        prefix = config.getString(TOPIC_PREFIX).trim();
        try {
            // The write format is irrelevant here: the codecs are only read with, and they read every format.
            formats = ValueFormats.of(ValueFormat.AVRO_SINGLE_OBJECT, FormatConfig.registry(config));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
        byte[] line = line(record);
        output.write(line, 0, line.length);
    }

    /** The record's line, newline included: the value as JSON, or where the record is and why it cannot be shown. */
    byte[] line(ConsumerRecord<byte[], byte[]> record) {
        Optional<TopicSpec<?>> spec = Topics.byName(record.topic(), prefix);
        if (spec.isEmpty()) {
            return render(record, null, record.topic() + " is not a Hookline topic"
                    + (prefix.isEmpty() ? "" : " with topic.prefix '" + prefix + "'") + "; known topics: "
                    + Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.joining(", "))
                    + (prefix.isEmpty() ? " (set topic.prefix for a prefixed deployment)" : ""));
        }
        byte[] value;
        try {
            value = asJson(spec.get(), record);
        } catch (RuntimeException e) {
            // SerializationException says which topic and why; anything else is a surprise worth its class name.
            String reason = e instanceof SerializationException ? e.getMessage() : e.toString();
            return render(record, null, reason);
        }
        return render(record, value, null);
    }

    /** The value decoded in whatever format it is in and written again in the json format; null for a tombstone. */
    private <V extends SpecificRecord> byte[] asJson(TopicSpec<V> spec, ConsumerRecord<byte[], byte[]> record) {
        V value = formats.codec(spec).decode(record.topic(), record.value());
        if (value == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        JsonCodec<V> json = (JsonCodec<V>) jsonByTopic.computeIfAbsent(spec.name(),
                name -> new JsonCodec<>(spec.valueSerde().type()));
        return json.encode(record.topic(), value);
    }

    private byte[] render(ConsumerRecord<byte[], byte[]> record, byte[] value, String error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            if (printMetadata || error != null) {
                json.writeStartObject();
                json.writeStringField("topic", record.topic());
                json.writeNumberField("partition", record.partition());
                json.writeNumberField("offset", record.offset());
                json.writeFieldName("timestamp");
                if (record.timestamp() < 0) {
                    json.writeNull();
                } else {
                    json.writeString(Instant.ofEpochMilli(record.timestamp()).toString());
                }
                json.writeStringField("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
                json.writeFieldName("value");
                writeValue(json, value);
                if (error != null) {
                    json.writeStringField("error", error);
                }
                json.writeEndObject();
            } else {
                writeValue(json, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** JsonCodec's bytes as they are: one compact UTF-8 object, no newline in it. */
    private static void writeValue(JsonGenerator json, byte[] value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeRawValue(new String(value, StandardCharsets.UTF_8));
        }
    }
}
