package dev.hookline.schema.format;

import dev.hookline.schema.AvroSerde;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One topic's values: written in the topic's format, read in any format (told apart by the
 * first byte), so records written before a format switch still read after it.
 */
final class TopicValueCodec<T extends SpecificRecord> implements ValueCodec<T> {

    private final ValueFormat writes;
    private final AvroSerde<T> singleObject;
    private final JsonCodec<T> json;
    private final Optional<RegistryCodec<T>> registry;

    TopicValueCodec(ValueFormat writes, AvroSerde<T> singleObject, Optional<RegistryClient> registry) {
        if (writes == ValueFormat.AVRO_REGISTRY && registry.isEmpty()) {
            throw new IllegalArgumentException("the avro-registry format needs a schema registry (registry.url)");
        }
        this.writes = writes;
        this.singleObject = singleObject;
        this.json = new JsonCodec<>(singleObject.type());
        this.registry = registry.map(client -> new RegistryCodec<>(singleObject.type(), client));
    }

    ValueFormat writes() {
        return writes;
    }

    /** The registry side, when there is a registry. */
    Optional<RegistryCodec<T>> registry() {
        return registry;
    }

    @Override
    public byte[] encode(String topic, T value) {
        return switch (writes) {
            case AVRO_SINGLE_OBJECT -> singleObject.encode(topic, value);
            case JSON -> json.encode(topic, value);
            case AVRO_REGISTRY -> registry.orElseThrow().encode(topic, value);
        };
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ValueFormat format = ValueFormat.detect(bytes).orElseThrow(() -> new SerializationException(
                "Cannot decode a value of topic " + topic + " as " + singleObject.schema().getName()
                        + ": in none of the formats " + ValueFormat.names() + " (first byte "
                        + String.format("0x%02x", bytes[0] & 0xff) + ")"));
        return switch (format) {
            case AVRO_SINGLE_OBJECT -> singleObject.decode(topic, bytes);
            case JSON -> json.decode(topic, bytes);
            case AVRO_REGISTRY -> registry.orElseThrow(() -> new SerializationException(
                    "Cannot decode a value of topic " + topic + ": it is in the avro-registry format (Confluent "
                            + "framing) and no schema registry is configured (registry.url)"))
                    .decode(topic, bytes);
        };
    }
}
