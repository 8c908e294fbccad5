package dev.hookline.testkit;

import dev.hookline.schema.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One sample record of a catalogue topic: the value is a valid, fully populated instance of
 * the topic's schema, and the key has the topic's key format.
 */
public record Sample<V extends SpecificRecord>(TopicSpec<V> spec, String key, V value) {

    /** The topic's name under a deployment or test prefix. */
    public String topic(String prefix) {
        return spec.name(prefix);
    }

    /** For a producer typed with the spec's serdes. */
    public ProducerRecord<String, V> toRecord(String prefix) {
        return new ProducerRecord<>(topic(prefix), key, value);
    }

    /**
     * Key and value already encoded by the spec's serdes, so one byte-array producer can write
     * samples of every topic (for instance in one transaction).
     */
    public ProducerRecord<byte[], byte[]> toBytes(String prefix) {
        String topic = topic(prefix);
        return new ProducerRecord<>(topic, spec.keySerde().serializer().serialize(topic, key),
                spec.valueSerde().encode(topic, value));
    }
}
