package dev.hookline.deploy;

import dev.hookline.schema.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A topic read from its beginning to its end as of now, read_committed as the services read. */
final class TopicContents {

    private TopicContents() {
    }

    static <V extends SpecificRecord> List<V> values(String bootstrap, TopicSpec<V> spec, String prefix) {
        return records(bootstrap, spec, prefix).stream().map(ConsumerRecord::value).toList();
    }

    static <V extends SpecificRecord> List<ConsumerRecord<String, V>> records(String bootstrap, TopicSpec<V> spec, String prefix) {
        return records(bootstrap, spec.name(prefix), spec.valueSerde().deserializer());
    }

    /** The records as they are stored, whatever their format. */
    static List<ConsumerRecord<String, byte[]>> bytes(String bootstrap, String topic) {
        return records(bootstrap, topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    static <V> List<ConsumerRecord<String, V>> records(String bootstrap, String topic,
                                                        org.apache.kafka.common.serialization.Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
