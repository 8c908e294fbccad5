package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records already on the topics stay readable when a release changes a schema: values written with
 * a released schema (by Avro's generic encoder, as that release's producers did) are read by
 * today's serde, and by a serde whose schema gained fields the way a next release's would.
 */
class SchemaEvolutionTest {

    private static final String TOPIC = "some.topic.v1";
    private static final String SESSIONS = Topics.CALL_SESSIONS.name();
    private static final long UNKNOWN_FINGERPRINT = 0x0123_4567_89ab_cdefL;

    static Stream<Arguments> releasedRecords() {
        return ReleasedSchemas.all().stream()
                .map(release -> Arguments.of(release.version() + " " + release.schema().getName(), release.schema()));
    }

    @Test
    void shouldGiveEveryTopicsSerdeTheReleasedSchemasOfItsRecord() {
        for (TopicSpec<?> spec : Topics.ALL) {
            String record = spec.valueSerde().schema().getFullName();
            assertThat(spec.valueSerde().writerSchemas())
                    .as(spec.name())
                    .isEqualTo(ReleasedSchemas.of(record));
            if (!spec.equals(Topics.DEVICE_ADDRESSES)) {
                // Released with v1; device.addresses.v1 came after it and has no released schema yet.
                assertThat(spec.valueSerde().writerSchemas()).as(spec.name()).isNotEmpty();
            }
        }
    }

    // Every released record, generically.

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedRecords")
    void shouldReadAValueWrittenWithTheReleasedSchemaIntoTodaysClassLosingNothing(String release, Schema released)
            throws IOException {
        GenericRecord written = sample(released);
        AvroSerde<SpecificRecord> serde = serdeOf(released);

        SpecificRecord read = serde.decode(TOPIC, encode(released, written));

        assertThat(read).isInstanceOf(serde.type());
        // What today's serde read, written again and read back as the release sees it: what the release wrote.
        BinaryMessageDecoder<GenericRecord> asReleased = AvroSerde.decoder(GenericData.get(), released, List.of(serde.schema()));
        assertThat(GenericData.get().toString(asReleased.decode(serde.encode(TOPIC, read))))
                .isEqualTo(GenericData.get().toString(written));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedRecords")
    void shouldReadAValueWrittenWithTheReleasedSchemaIntoASchemaThatGainedFieldsWithTheirDefaults(
            String release, Schema released) throws IOException {
        Schema next = withFields(released, List.of(
                new Schema.Field("addedText", Schema.create(Schema.Type.STRING), null, "filled in"),
                new Schema.Field("addedCount", Schema.create(Schema.Type.INT), null, 42),
                new Schema.Field("addedOptional", optional(Schema.create(Schema.Type.LONG)), null, JsonProperties.NULL_VALUE)));
        assertThat(SchemaCompatibilityTest.incompatibilities(next, released)).as("the next release's check").isEmpty();
        GenericRecord written = sample(released);
        BinaryMessageDecoder<GenericRecord> decoder =
                AvroSerde.decoder(GenericData.get(), next, ReleasedSchemas.of(released.getFullName()));

        GenericRecord read = decoder.decode(encode(released, written));

        assertThat(read.getSchema()).isEqualTo(next);
        assertThat(read.get("addedText")).hasToString("filled in");
        assertThat(read.get("addedCount")).isEqualTo(42);
        assertThat(read.get("addedOptional")).isNull();
        for (Schema.Field field : released.getFields()) {
            assertThat(GenericData.get().toString(read.get(field.name())))
                    .as(field.name())
                    .isEqualTo(GenericData.get().toString(written.get(field.name())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedRecords")
    void shouldRejectAnUnknownFingerprintNamingItTheTopicAndTheRecord(String release, Schema released) throws IOException {
        byte[] bytes = encode(released, sample(released));
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(UNKNOWN_FINGERPRINT);

        assertThatThrownBy(() -> serdeOf(released).decode(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining(released.getName())
                .hasMessageContaining("unknown schema fingerprint 0123456789abcdef")
                .hasMessageContaining(AvroSerde.fingerprint(SchemaNormalization.parsingFingerprint64(released)));
    }

    // One record in detail: the next release adds fields and an outcome to CallSession.

    @Test
    void shouldReadAV1CallSessionIntoTodaysClass() throws IOException {
        Schema v1 = releasedV1CallSession();

        CallSession read = AvroSerde.of(CallSession.class).decode(SESSIONS, encode(v1, v1Session(v1)));

        assertThat(read.getSessionId()).isEqualTo("sess-1");
        assertThat(read.getDeviceId()).isEqualTo("805ec0a1b2c3");
        assertThat(read.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(read.getStartedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(read.getEndedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_065_000L));
        assertThat(read.getTalkMillis()).isEqualTo(60_000L);
        assertThat(read.getRemoteUser()).isEqualTo("201");
        assertThat(read.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(read.getEventCount()).isEqualTo(6);
        assertThat(read.getHoldMillis()).as("v1 default").isZero();
        assertThat(read.getVendor()).as("v1 default").isNull();
    }

    @Test
    void shouldReadAV1CallSessionIntoTheNextReleasesSchemaWithTheNewFieldsDefaults() throws IOException {
        Schema v1 = releasedV1CallSession();
        Schema v2 = nextCallSession(v1);
        BinaryMessageDecoder<GenericRecord> nextReader =
                AvroSerde.decoder(GenericData.get(), v2, ReleasedSchemas.of(v1.getFullName()));

        GenericRecord read = nextReader.decode(encode(v1, v1Session(v1)));

        assertThat(read.get("recordingUrl")).isNull();
        assertThat(read.get("transferCount")).isEqualTo(0);
        assertThat(read.get("outcome")).hasToString("ANSWERED");
        assertThat(read.get("sessionId")).hasToString("sess-1");
        assertThat(read.get("startedAt")).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void shouldReadTheNextReleasesCallSessionOnlyOnceTheReaderKnowsItsSchema() throws IOException {
        Schema v1 = releasedV1CallSession();
        Schema v2 = nextCallSession(v1);
        GenericRecord v2Session = new GenericRecordBuilder(v2)
                .set("sessionId", "sess-2").set("deviceId", "805ec0a1b2c3")
                .set("direction", new GenericData.EnumSymbol(v2.getField("direction").schema(), "OUTBOUND"))
                .set("startedAt", 1_700_000_100_000L).set("endedAt", 1_700_000_130_000L)
                .set("outcome", new GenericData.EnumSymbol(v2.getField("outcome").schema(), "VOICEMAIL"))
                .set("eventCount", 4).set("recordingUrl", "https://pbx.example/rec/2").set("transferCount", 1)
                .build();
        byte[] v2Bytes = encode(v2, v2Session);

        // Today's serde does not ship the next release's schema: upgrade readers before writers.
        assertThatThrownBy(() -> AvroSerde.of(CallSession.class).decode(SESSIONS, v2Bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema fingerprint "
                        + AvroSerde.fingerprint(SchemaNormalization.parsingFingerprint64(v2)))
                .hasMessageContaining(SESSIONS);
        // Were it to ship it, it would read the value: the outcome it does not know as its default.
        List<Schema> withV2 = new ArrayList<>(ReleasedSchemas.of(v1.getFullName()));
        withV2.add(v2);
        CallSession read = new AvroSerde<>(CallSession.class, withV2).decode(SESSIONS, v2Bytes);
        assertThat(read.getSessionId()).isEqualTo("sess-2");
        assertThat(read.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(read.getOutcome()).isEqualTo(CallOutcome.UNKNOWN);
        assertThat(read.getEventCount()).isEqualTo(4);
    }

    @Test
    void shouldReadARecordOfAnOlderReleaseWithAnotherFingerprintIntoTodaysClass() throws IOException {
        // An older release than today's without the vendor and model fields, as a serde knowing it sees it.
        Schema older = withoutFields(CallSession.getClassSchema(), List.of("vendor", "model"));
        GenericRecord written = new GenericRecordBuilder(older)
                .set("sessionId", "sess-0").set("deviceId", "805ec0a1b2c3")
                .set("direction", new GenericData.EnumSymbol(older.getField("direction").schema(), "INBOUND"))
                .set("startedAt", 1_600_000_000_000L).set("endedAt", 1_600_000_001_000L)
                .set("outcome", new GenericData.EnumSymbol(older.getField("outcome").schema(), "MISSED"))
                .set("eventCount", 2)
                .build();
        byte[] bytes = encode(older, written);
        assertThatThrownBy(() -> AvroSerde.of(CallSession.class).decode(SESSIONS, bytes))
                .as("not a released schema").hasMessageContaining("unknown schema fingerprint");

        CallSession read = new AvroSerde<>(CallSession.class, List.of(older)).decode(SESSIONS, bytes);

        assertThat(read.getSessionId()).isEqualTo("sess-0");
        assertThat(read.getOutcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(read.getVendor()).isNull();
        assertThat(read.getModel()).isNull();
    }

    @Test
    void shouldRefuseAWriterSchemaOfAnotherRecord() {
        assertThatThrownBy(() -> AvroSerde.decoder(GenericData.get(), CallSession.getClassSchema(),
                List.of(PhoneEvent.getClassSchema())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PhoneEvent is not a version of dev.hookline.schema.CallSession");
    }

    /** The next release's CallSession: two fields with defaults, and an outcome added to an enum with a default. */
    private static Schema nextCallSession(Schema v1) {
        Schema outcome = v1.getField("outcome").schema();
        List<String> symbols = new ArrayList<>(outcome.getEnumSymbols());
        symbols.add("VOICEMAIL");
        Schema nextOutcome = Schema.createEnum(outcome.getName(), outcome.getDoc(), outcome.getNamespace(), symbols,
                outcome.getEnumDefault());
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : v1.getFields()) {
            fields.add(new Schema.Field(field, field.name().equals("outcome") ? nextOutcome : field.schema()));
        }
        fields.add(new Schema.Field("recordingUrl", optional(Schema.create(Schema.Type.STRING)), null,
                JsonProperties.NULL_VALUE));
        fields.add(new Schema.Field("transferCount", Schema.create(Schema.Type.INT), null, 0));
        Schema v2 = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
        assertThat(outcome.getEnumDefault()).as("old readers need the default for VOICEMAIL").isEqualTo("UNKNOWN");
        assertThat(SchemaCompatibilityTest.incompatibilities(v2, v1)).as("the next release's check").isEmpty();
        return v2;
    }

    private static Schema releasedV1CallSession() {
        return ReleasedSchemas.all().stream()
                .filter(release -> release.version().equals("v1"))
                .map(ReleasedSchemas.Release::schema)
                .filter(schema -> schema.getFullName().equals(CallSession.class.getName()))
                .findFirst()
                .orElseThrow();
    }

    private static GenericRecord v1Session(Schema v1) {
        return new GenericRecordBuilder(v1)
                .set("sessionId", "sess-1").set("deviceId", "805ec0a1b2c3")
                .set("direction", new GenericData.EnumSymbol(v1.getField("direction").schema(), "INBOUND"))
                .set("remoteUser", "201")
                .set("startedAt", 1_700_000_000_000L).set("answeredAt", 1_700_000_005_000L)
                .set("endedAt", 1_700_000_065_000L).set("talkMillis", 60_000L)
                .set("outcome", new GenericData.EnumSymbol(v1.getField("outcome").schema(), "ANSWERED"))
                .set("eventCount", 6)
                .build();
    }

    /** A value in the single-object encoding, as a producer with this schema writes it. */
    private static byte[] encode(Schema writer, GenericRecord value) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(value);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static AvroSerde<SpecificRecord> serdeOf(Schema released) {
        try {
            return AvroSerde.of((Class<SpecificRecord>) Class.forName(released.getFullName()));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no generated class for released " + released.getFullName(), e);
        }
    }

    /** A value of the schema with every field set, none to its default, differently where cheap. */
    private static Object sample(Schema schema, String name) {
        return switch (schema.getType()) {
            case RECORD -> sample(schema);
            case ENUM -> new GenericData.EnumSymbol(schema,
                    schema.getEnumSymbols().get(Math.floorMod(name.hashCode(), schema.getEnumSymbols().size())));
            case UNION -> sample(schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), name);
            case ARRAY -> List.of(sample(schema.getElementType(), name));
            case MAP -> Map.of(name + "-key", sample(schema.getValueType(), name));
            case STRING -> name + "-value";
            case BYTES -> ByteBuffer.wrap((name + "-bytes").getBytes(StandardCharsets.UTF_8));
            case INT -> name.length();
            case LONG -> 1_700_000_000_000L + name.length();
            case BOOLEAN -> true;
            case DOUBLE -> name.length() + 0.5;
            case FLOAT -> name.length() + 0.25f;
            case NULL -> null;
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
        };
    }

    private static GenericRecord sample(Schema record) {
        GenericData.Record value = new GenericData.Record(record);
        for (Schema.Field field : record.getFields()) {
            value.put(field.pos(), sample(field.schema(), field.name()));
        }
        return value;
    }

    private static Schema optional(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static Schema withFields(Schema record, List<Schema.Field> added) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.addAll(added);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema withoutFields(Schema record, List<String> removed) {
        List<Schema.Field> fields = record.getFields().stream()
                .filter(field -> !removed.contains(field.name()))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
