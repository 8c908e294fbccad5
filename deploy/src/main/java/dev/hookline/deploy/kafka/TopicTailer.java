package dev.hookline.deploy.kafka;

import dev.hookline.schema.format.ValueFormats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.deploy.HooklineException;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from every partition without a consumer group (nothing committed, nothing
 * left behind on the cluster) and turns each record into one JSON object: key, partition,
 * offset, timestamp and the decoded value. A value that cannot be decoded is reported in
 * {@code error}, never skipped.
 */
public final class TopicTailer {

    private final Properties clientProperties;
    private final TopicSpec<?> spec;
    private final String topic;
    private final ValueFormats formats;

    /** A tailer of topic, reading Avro single-object and json values (no registry). */
    public TopicTailer(Properties clientProperties, TopicSpec<?> spec, String topic) {
        this(clientProperties, spec, topic, ValueFormats.singleObject());
    }

    /** @param formats its registry, if any, reads avro-registry values too */
    public TopicTailer(Properties clientProperties, TopicSpec<?> spec, String topic, ValueFormats formats) {
        this.clientProperties = clientProperties;
        this.spec = spec;
        this.topic = topic;
        this.formats = formats;
    }

    /**
     * Prints records until {@code max} were printed (0 for no limit), until no record came for
     * {@code idle} (null for no limit), or until {@code stop} says so.
     *
     * @return how many records were printed
     */
    public long tail(boolean fromBeginning, long max, Duration idle, BooleanSupplier stop, Consumer<JsonNode> sink) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, props);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long printed = 0;
            long lastRecordAt = System.nanoTime();
            while (!stop.getAsBoolean() && (max <= 0 || printed < max)) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    sink.accept(toJson(record));
                    lastRecordAt = System.nanoTime();
                    if (++printed == max) {
                        break;
                    }
                }
                if (idle != null && System.nanoTime() - lastRecordAt > idle.toNanos()) {
                    break;
                }
            }
            return printed;
        } catch (KafkaException e) {
            throw new HooklineException("cannot read " + topic + " from "
                    + props.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + " (" + KafkaErrors.cause(e)
                    + "); check --bootstrap-server", e);
        }
    }

    /**
     * Every partition of {@code topic}, or a {@link HooklineException} saying how to create it
     * (shared by the commands that read a topic without a consumer group).
     */
    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic, Properties props) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new HooklineException("topic " + topic + " does not exist on "
                    + props.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + "; run 'hookline topics create' or check --topic-prefix");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    /** The JSON line for one record. */
    public ObjectNode toJson(ConsumerRecord<String, byte[]> record) {
        ObjectNode line = AvroJson.MAPPER.createObjectNode();
        line.put("topic", record.topic());
        line.put("key", record.key());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        try {
            SpecificRecord value = formats.codec(spec).decode(record.topic(), record.value());
            line.set("value", AvroJson.toJson(value));
        } catch (SerializationException e) {
            line.putNull("value");
            line.put("error", e.getMessage());
        }
        return line;
    }
}
