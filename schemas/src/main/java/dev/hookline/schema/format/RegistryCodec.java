package dev.hookline.schema.format;

import dev.hookline.schema.SchemaTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The {@code avro-registry} value format: the Confluent wire format (byte 0, the schema's id as
 * 4 big-endian bytes, the Avro binary body), with the schema registered under the subject
 * {@code <topic>-value} (Confluent's default subject naming). Values are read by the id they
 * carry, with whatever version of the record's schema that id is, into the current one.
 *
 * <p>Hand-written rather than a serde library: Confluent's serde is not on Maven Central, and
 * Apicurio's speaks Apicurio's own API rather than the Confluent one every other registry serves.
 * The framing is these few lines around the Avro binary Hookline already writes.
 */
public final class RegistryCodec<T extends SpecificRecord> implements ValueCodec<T> {

    static {
        SchemaTrust.install();
    }

    static final byte MAGIC = 0;
    static final int HEADER = 5;

    private final RegistryClient registry;
    private final Schema schema;
    private final SpecificData model;
    private final SpecificDatumWriter<T> writer;
    /** Schema id by topic, for writing: the current schema under {@code <topic>-value}. */
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    /** A reader from each writer schema seen (by id) into the current schema. */
    private final Map<Integer, SpecificDatumReader<T>> readerById = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    public RegistryCodec(Class<T> type, RegistryClient registry) {
        this.registry = registry;
        this.schema = SpecificData.get().getSchema(type);
        this.model = SpecificData.getForClass(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** The subject a topic's value schemas are registered under. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /**
     * Makes sure the current schema is under the topic's subject and returns its id: registered
     * when the settings say so, else looked up, failing when it is not there.
     */
    public int prepare(String topic) {
        return idByTopic.computeIfAbsent(topic, this::idFor);
    }

    private int idFor(String topic) {
        String subject = subject(topic);
        if (registry.settings().autoRegister()) {
            return registry.register(subject, schema);
        }
        return registry.lookup(subject, schema).orElseThrow(() -> new RegistryException("subject " + subject
                + " in schema registry " + registry.settings().url() + " does not hold the schema of "
                + schema.getFullName() + " this release writes, and registry.auto.register is false: register it "
                + "first (hookline topics create --format avro-registry --registry-url URL)"));
    }

    @Override
    public byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        int id;
        try {
            id = prepare(topic);
        } catch (RegistryException e) {
            throw new SerializationException("Cannot encode " + schema.getName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        Buffers local = buffers.get();
        local.out.reset();
        local.out.write(MAGIC);
        local.out.write(id >>> 24);
        local.out.write(id >>> 16);
        local.out.write(id >>> 8);
        local.out.write(id);
        try {
            local.encoder = EncoderFactory.get().binaryEncoder(local.out, local.encoder);
            writer.write(value, local.encoder);
            local.encoder.flush();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException(
                    "Cannot encode " + schema.getName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return local.out.toByteArray();
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER || bytes[0] != MAGIC) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as " + schema.getName()
                    + ": not in the Confluent wire format (byte 0 then a 4-byte schema id)");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readerById.computeIfAbsent(id, this::readerFor);
        } catch (RegistryUnavailableException e) {
            throw e; // not the value's fault: the reader stops and reads it again once restarted
        } catch (RegistryException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as " + schema.getName()
                    + ": " + e.getMessage(), e);
        }
        Buffers local = buffers.get();
        try {
            local.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, local.decoder);
            return reader.read(null, local.decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as " + schema.getName()
                    + " (schema id " + id + "): corrupt body (" + e + ")", e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema written = registry.schema(id);
        if (!written.getFullName().equals(schema.getFullName())) {
            throw new RegistryException("schema id " + id + " is " + written.getFullName() + ", not "
                    + schema.getFullName() + ": a value of another topic?");
        }
        return new SpecificDatumReader<>(written, schema, model);
    }

    /** Per-thread buffers: Kafka calls a serializer from one thread at a time, Streams from several. */
    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }
}
