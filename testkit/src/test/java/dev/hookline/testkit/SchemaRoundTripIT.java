package dev.hookline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema of the catalogue through a real broker: one sample per topic, all written in
 * ONE transaction with the topics' own serdes, read back read_committed, checked per topic.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRoundTripIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private String prefix;
    private Map<String, List<ConsumerRecord<byte[], byte[]>>> readBack;

    @BeforeAll
    void writeEverySampleInOneTransactionAndReadBack(KafkaBroker kafka) {
        prefix = kafka.createTopics("roundtrip", 1);
        List<Sample<?>> samples = SampleRecords.all();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                kafka.transactionalProducerProps("roundtrip-" + prefix), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            samples.forEach(sample -> producer.send(sample.toBytes(prefix)));
            producer.commitTransaction();
        }

        Map<String, Object> props = kafka.consumerProps("roundtrip-reader-" + prefix);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = samples.stream().map(s -> new TopicPartition(s.topic(prefix), 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readBack = Polling.pollUntil(consumer, read -> read.size() >= samples.size(), READ_TIMEOUT).stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::topic));
        }
    }

    static Stream<Named<Sample<?>>> samples() {
        return SampleRecords.all().stream().map(sample -> Named.of(sample.spec().name(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void topicHoldsExactlyItsSample(Sample<?> sample) {
        String topic = sample.topic(prefix);
        assertThat(readBack.get(topic)).as("records read from %s", topic).hasSize(1);

        ConsumerRecord<byte[], byte[]> record = readBack.get(topic).get(0);
        assertThat(sample.spec().keySerde().deserializer().deserialize(topic, record.key())).isEqualTo(sample.key());
        assertThat(sample.spec().valueSerde().decode(topic, record.value())).isEqualTo(sample.value());
    }
}
