package dev.hookline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * An aborted transaction's records stay invisible to read_committed consumers. A committed
 * marker written after them proves the consumer really read past them, and a read_uncommitted
 * consumer proves they really are in the log.
 */
@WithKafka
class AbortedTransactionIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final String MARKER = "committed-marker";

    @Test
    void abortedRecordsAreNeverReadCommitted(KafkaBroker kafka) {
        String prefix = kafka.createTopics("aborted", 1);
        String topic = Topics.PHONE_EVENTS.name(prefix);

        try (KafkaProducer<String, PhoneEvent> producer = new KafkaProducer<>(
                kafka.transactionalProducerProps("aborted-" + prefix),
                Topics.PHONE_EVENTS.keySerde().serializer(), Topics.PHONE_EVENTS.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 1; i <= 3; i++) {
                producer.send(event(topic, "aborted-" + i));
            }
            producer.flush(); // in the log before the abort, not just in the producer's buffer
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(event(topic, MARKER));
            producer.commitTransaction();
        }

        assertThat(eventIds(read(kafka, topic, "read_committed"))).containsExactly(MARKER);
        assertThat(eventIds(read(kafka, topic, "read_uncommitted")))
                .containsExactly("aborted-1", "aborted-2", "aborted-3", MARKER);
    }

    private static ProducerRecord<String, PhoneEvent> event(String topic, String eventId) {
        PhoneEvent event = PhoneEvent.newBuilder(SampleRecords.phoneEvent()).setEventId(eventId).build();
        return new ProducerRecord<>(topic, SampleRecords.DEVICE_ID, event);
    }

    /** Everything up to and including the committed marker, at the given isolation level. */
    private static List<ConsumerRecord<String, PhoneEvent>> read(KafkaBroker kafka, String topic, String isolation) {
        Map<String, Object> props = kafka.consumerProps("aborted-reader-" + isolation + "-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<String, PhoneEvent> consumer = new KafkaConsumer<>(props,
                Topics.PHONE_EVENTS.keySerde().deserializer(), Topics.PHONE_EVENTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return Polling.pollUntil(consumer,
                    read -> read.stream().anyMatch(r -> MARKER.equals(r.value().getEventId())), READ_TIMEOUT);
        }
    }

    private static List<String> eventIds(List<ConsumerRecord<String, PhoneEvent>> records) {
        return records.stream().map(r -> r.value().getEventId()).toList();
    }
}
