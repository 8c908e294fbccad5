package dev.hookline.deploy.kafka;

import dev.hookline.schema.format.ValueFormats;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.deploy.HooklineException;
import dev.hookline.schema.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic read from its beginning to where it ends now, without a consumer group (nothing
 * committed, nothing left behind), read_committed as the services read. Bounded: at most
 * {@code maxRecords} values.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    /**
     * Hands every decodable value to {@code sink}, in partition order.
     *
     * @return how many records were read (decoded or not)
     */
    public static <V extends SpecificRecord> long read(Properties clientProperties, TopicSpec<V> spec, String topic,
                                                       long maxRecords, Consumer<V> sink, Consumer<String> undecodable) {
        return read(clientProperties, spec, ValueFormats.singleObject(), topic, maxRecords, sink, undecodable);
    }

    /** As {@link #read(Properties, TopicSpec, String, long, Consumer, Consumer)}, reading avro-registry values too when formats has a registry. */
    public static <V extends SpecificRecord> long read(Properties clientProperties, TopicSpec<V> spec, ValueFormats formats,
                                                       String topic, long maxRecords, Consumer<V> sink,
                                                       Consumer<String> undecodable) {
        ValueCodec<V> values = formats.codec(spec);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicTailer.partitionsOf(consumer, topic, props);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long read = 0;
            while (read < maxRecords && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition())) || read >= maxRecords) {
                        continue; // written after the snapshot began, or past the bound
                    }
                    read++;
                    try {
                        sink.accept(values.decode(record.topic(), record.value()));
                    } catch (SerializationException e) {
                        undecodable.accept(record.partition() + "@" + record.offset() + ": " + e.getMessage());
                    }
                }
            }
            return read;
        } catch (KafkaException e) {
            throw new HooklineException("cannot read " + topic + " from "
                    + props.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + " (" + KafkaErrors.cause(e)
                    + "); check --bootstrap-server", e);
        }
    }
}
