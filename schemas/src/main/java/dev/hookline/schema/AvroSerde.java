package dev.hookline.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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

    /** The single-object marker: the first two bytes of every value. */
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final Schema schema;
    /** Marker and this schema's fingerprint (little-endian), in front of every value written. */
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    /** A reader per known writer schema, by fingerprint, each resolving into this schema. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();
    private final List<Schema> writerSchemas;
    /** The fingerprints of the schemas it reads, for the error of an unknown one. */
    private final String knownFingerprints;
    /**
     * Buffered encoders and decoders reused per thread. Avro's own single-object classes write
     * through an unbuffered encoder, a synchronized call per byte, and read through an unbuffered
     * stream: these do the same framing at a fraction of the cost.
     */
    private final ThreadLocal<Encoding> encoding = ThreadLocal.withInitial(Encoding::new);
    private final ThreadLocal<BinaryDecoder> decoding = new ThreadLocal<>();

    private static final class Encoding {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }

    /** A serde of type that also reads values written by the given schemas of its record. */
    AvroSerde(Class<T> type, List<Schema> writerSchemas) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        SpecificData model = SpecificData.getForClass(type);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0).put(MARKER_1).putLong(fingerprint).array();
        this.writer = new SpecificDatumWriter<>(schema, model);
        readers.put(fingerprint, new SpecificDatumReader<>(schema, schema, model));
        for (Schema writerSchema : writerSchemas) {
            if (!writerSchema.getFullName().equals(schema.getFullName())) {
                throw new IllegalArgumentException(
                        "writer schema " + writerSchema.getFullName() + " is not a version of " + schema.getFullName());
            }
            readers.putIfAbsent(SchemaNormalization.parsingFingerprint64(writerSchema),
                    new SpecificDatumReader<>(writerSchema, schema, model));
        }
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
            Encoding local = encoding.get();
            local.out.reset();
            local.out.write(header);
            local.encoder = EncoderFactory.get().binaryEncoder(local.out, local.encoder);
            writer.write(value, local.encoder);
            local.encoder.flush();
            return local.out.toByteArray();
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
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as " + schema.getName()
                    + ": not Avro single-object encoded (" + describeHeader(bytes) + ")");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<T> reader = readers.get(fingerprint);
        if (reader == null) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": unknown schema fingerprint " + fingerprint(fingerprint)
                    + " (this reader knows " + knownFingerprints + "); written by a newer release's schema"
                    + " or another record's?");
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                    decoding.get());
            decoding.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": corrupt body (" + describe(e) + ")", e);
        }
    }

    /** The first bytes of a value that is not single-object encoded, for its error. */
    private static String describeHeader(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            return bytes.length + " bytes, shorter than the 10-byte header";
        }
        return String.format("starts with 0x%02x 0x%02x, not the marker 0xc3 0x01", bytes[0], bytes[1]);
    }

    /** A CRC-64-AVRO fingerprint as SchemaNormalization computes it, in hex. */
    static String fingerprint(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
