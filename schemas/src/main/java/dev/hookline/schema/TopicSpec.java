package dev.hookline.schema;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalogue: its fixed name, key and value serdes, cleanup policy and
 * retention. Partitions are a deployment choice and are given when topics are created.
 *
 * @param name      the topic name without a deployment prefix
 * @param valueSerde the value's Avro serde
 * @param compacted whether the topic is compacted (latest value per key) rather than deleted by age
 * @param retention how long records are kept on a delete topic; empty on a compacted one
 * @param keyFormat a description of the key, for people
 */
public record TopicSpec<V extends SpecificRecord>(
        String name, AvroSerde<V> valueSerde, boolean compacted, Optional<Duration> retention, String keyFormat) {

    public static <V extends SpecificRecord> TopicSpec<V> deleted(
            String name, Class<V> value, Duration retention, String keyFormat) {
        return new TopicSpec<>(name, AvroSerde.of(value), false, Optional.of(retention), keyFormat);
    }

    public static <V extends SpecificRecord> TopicSpec<V> compacted(String name, Class<V> value, String keyFormat) {
        return new TopicSpec<>(name, AvroSerde.of(value), true, Optional.empty(), keyFormat);
    }

    /** Keys of every topic are UTF-8 strings. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public String cleanupPolicy() {
        return compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    /** The topic-level configs to create the topic with. */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy());
        }
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.orElseThrow().toMillis()));
    }

    /**
     * The request to create this topic with the catalogue's settings; an empty replication
     * factor leaves it to the cluster's {@code default.replication.factor}. With three replicas
     * or more, {@code min.insync.replicas} is 2: an acks=all write is then on two brokers before
     * it is acknowledged, so losing one broker loses nothing, and one broker down still takes
     * writes.
     */
    public NewTopic newTopic(String prefix, int partitions, Optional<Short> replicationFactor) {
        Map<String, String> configs = new HashMap<>(configs());
        if (replicationFactor.isPresent() && replicationFactor.get() >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(name(prefix), Optional.of(partitions), replicationFactor).configs(configs);
    }

    /** The topic's name with a deployment prefix in front (empty prefix for none). */
    public String name(String prefix) {
        return prefix == null || prefix.isEmpty() ? name : prefix + name;
    }
}
