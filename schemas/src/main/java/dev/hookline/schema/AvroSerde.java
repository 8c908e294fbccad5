package dev.hookline.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import dev.hookline.schema.format.ValueCodec;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Kafka serde for a generated Avro record using Avro's single-object encoding
 * (2-byte marker, 8-byte schema fingerprint, binary body), so any consumer holding the
 * {@code .avsc} files can decode a value without a schema registry.
 *
 * <p>It writes with the current schema and reads what the current schema or any released one
 * ({@link ReleasedSchemas}) wrote, into the current schema by Avro schema resolution: a field a
 * later release added takes its default. A value written by a schema it does not know, such as a
 * newer release's, fails like any undecodable value: the serde of an older release reads a newer
 * release's records only once it ships that schema, so a release that changes a schema upgrades
 * the readers of its topics before the writers.
 *
 * <p>Null stays null both ways (tombstones on compacted topics). Bytes that are not a value
 * of a known schema fail with a {@link SerializationException} naming the topic and the reason.
 */
public final class AvroSerde<T extends SpecificRecord> implements ValueCodec<T> {

    static {
        SchemaTrust.install();
    }

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Schema> writerSchemas;
    /** The fingerprints of the schemas it reads, for the error of an unknown one. */
    private final String knownFingerprints;

    /** A serde of type that also reads values written by the given schemas of its record. */
    AvroSerde(Class<T> type, List<Schema> writerSchemas) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = decoder(model, schema, writerSchemas);
        this.writerSchemas = List.copyOf(writerSchemas);
        this.knownFingerprints = Stream.concat(Stream.of(schema), writerSchemas.stream())
                .map(known -> fingerprint(SchemaNormalization.parsingFingerprint64(known)))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    /** The serde of a generated record type, reading every released schema of the record. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new AvroSerde<>(type, ReleasedSchemas.of(SpecificData.get().getSchema(type).getFullName()));
    }

    /**
     * A single-object decoder into reader that knows, besides reader itself, the given writer
     * schemas of the same record (by their fingerprints), resolving each into reader.
     */
    static <D> BinaryMessageDecoder<D> decoder(GenericData model, Schema reader, Collection<Schema> writers) {
        BinaryMessageDecoder<D> decoder = new BinaryMessageDecoder<>(model, reader);
        for (Schema writer : writers) {
            if (!writer.getFullName().equals(reader.getFullName())) {
                throw new IllegalArgumentException(
                        "writer schema " + writer.getFullName() + " is not a version of " + reader.getFullName());
            }
            decoder.addSchema(writer);
        }
        return decoder;
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    /** The schemas of its record it reads besides its own: for a topic's serde, the released ones. */
    List<Schema> writerSchemas() {
        return writerSchemas;
    }

    /** Encodes one value; null (a tombstone) stays null. */
    @Override
    public byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException(
                    "Cannot encode " + schema.getName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Decodes one value; null (a tombstone) stays null. */
    @Override
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            // Thrown once the marker was read, so the fingerprint is there.
            long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": unknown schema fingerprint " + fingerprint(fingerprint)
                    + " (this reader knows " + knownFingerprints + "); written by a newer release's schema"
                    + " or another record's?", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": not Avro single-object encoded (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": corrupt body (" + describe(e) + ")", e);
        }
    }

    /** A CRC-64-AVRO fingerprint as SchemaNormalization computes it, in hex. */
    static String fingerprint(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
