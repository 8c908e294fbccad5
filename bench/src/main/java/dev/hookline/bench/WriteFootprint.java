package dev.hookline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a run wrote to Kafka, per topic: records (transaction markers not counted), their key and
 * value bytes, and the bytes the broker's log grew by (batch headers, markers and compression
 * included: what the broker stores, replicates and serves). Take a snapshot before the run and
 * one after; {@link #since} reads the records in between.
 */
public final class WriteFootprint {

    /** One topic's part of a run. */
    public record Written(long records, long payloadBytes, long logBytes) {

        public Written plus(Written other) {
            return new Written(records + other.records, payloadBytes + other.payloadBytes, logBytes + other.logBytes);
        }
    }

    /** Log end offsets and log sizes of the topics a run may write, at one moment. */
    public record Snapshot(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> sizes) {
    }

    private WriteFootprint() {
    }

    public static Snapshot snapshot(Admin admin, Predicate<String> topics) throws Exception {
        Set<String> names = admin.listTopics().names().get().stream().filter(topics).collect(Collectors.toSet());
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(names).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        Map<TopicPartition, Long> sizes = new HashMap<>();
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (ends.containsKey(replica.getKey())) {
                        sizes.merge(replica.getKey(), replica.getValue().size(), Long::sum);
                    }
                }
            }
        }
        return new Snapshot(ends, sizes);
    }

    /**
     * Per topic, what was written between {@code before} and now (topics created since count from
     * their start); {@code topics} chooses which.
     */
    public static Map<String, Written> since(String bootstrap, Admin admin, Snapshot before, Predicate<String> topics)
            throws Exception {
        Snapshot after = snapshot(admin, topics);
        Map<String, Written> written = new TreeMap<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Map.Entry<TopicPartition, Long> end : after.ends().entrySet()) {
                TopicPartition partition = end.getKey();
                long from = before.ends().getOrDefault(partition, 0L);
                long logBytes = after.sizes().getOrDefault(partition, 0L) - before.sizes().getOrDefault(partition, 0L);
                long[] counted = count(consumer, partition, from, end.getValue());
                written.merge(partition.topic(), new Written(counted[0], counted[1], logBytes), Written::plus);
            }
        }
        return written;
    }

    /** Records and key+value bytes in [from, to) of one partition (markers take offsets but are not records). */
    private static long[] count(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from, long to) {
        long records = 0;
        long bytes = 0;
        if (to <= from) {
            return new long[] {0, 0};
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (consumer.position(partition) < to && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < to) {
                    records++;
                    bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
                }
            }
        }
        return new long[] {records, bytes};
    }

    public static Written total(Map<String, Written> written) {
        return written.values().stream().reduce(new Written(0, 0, 0), Written::plus);
    }
}
