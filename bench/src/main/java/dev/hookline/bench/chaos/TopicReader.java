package dev.hookline.bench.chaos;

import dev.hookline.schema.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One topic read from its beginning, read_committed as the services read, and kept: each
 * {@link #catchUp()} reads on to the topic's end as of then.
 */
final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    TopicReader(String bootstrap, TopicSpec<V> spec) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, spec.keySerde().deserializer(), spec.valueSerde().deserializer());
        String topic = spec.name("");
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record up to the topic's end as of now. */
    List<ConsumerRecord<String, V>> catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to " + end + " within 120 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    List<V> values() {
        return catchUp().stream().map(ConsumerRecord::value).toList();
    }

    /** The last value of each key, as a compacted topic keeps it. */
    Map<String, V> latest() {
        Map<String, V> last = new HashMap<>();
        for (ConsumerRecord<String, V> record : catchUp()) {
            if (record.value() == null) {
                last.remove(record.key());
            } else {
                last.put(record.key(), record.value());
            }
        }
        return last;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
