package dev.hookline.schema.format;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes and decodes one topic's values. Null stays null both ways (tombstones); a value that
 * cannot be encoded or decoded fails with a {@link org.apache.kafka.common.errors.SerializationException}
 * that names the topic and the reason.
 */
public interface ValueCodec<T> extends Serde<T> {

    byte[] encode(String topic, T value);

    T decode(String topic, byte[] bytes);

    @Override
    default Serializer<T> serializer() {
        return this::encode;
    }

    @Override
    default Deserializer<T> deserializer() {
        return this::decode;
    }
}
