package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    private static final String SESSIONS_TOPIC = "call.sessions.v1";

    static Stream<SpecificRecord> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldRoundTripAFullyPopulatedValueOfEachRecordType(SpecificRecord value) {
        assertThat(IntStream.range(0, value.getSchema().getFields().size()).mapToObj(value::get))
                .as("the sample sets every field").doesNotContainNull();

        AvroSerde<SpecificRecord> serde = serdeFor(value);
        byte[] bytes = serde.serializer().serialize("some.topic", value);
        SpecificRecord decoded = serde.deserializer().deserialize("some.topic", bytes);

        assertThat(decoded).isInstanceOf(value.getClass()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldWriteSingleObjectEncodingWithMarkerFingerprintAndBinaryBody(SpecificRecord value) throws IOException {
        AvroSerde<SpecificRecord> serde = serdeFor(value);
        byte[] bytes = serde.encode("some.topic", value);

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(value.getSchema()));
        assertThat(Arrays.copyOfRange(bytes, 10, bytes.length)).isEqualTo(plainBinary(value));
    }

    @Test
    void shouldKeepTombstonesNullBothWays() {
        AvroSerde<CallState> serde = AvroSerde.of(CallState.class);

        assertThat(serde.serializer().serialize("call.state.v1", null)).isNull();
        assertThat(serde.deserializer().deserialize("call.state.v1", null)).isNull();
        assertThat(serde.deserializer().deserialize("call.state.v1", new RecordHeaders(), (ByteBuffer) null)).isNull();
    }

    @Test
    void shouldRejectAValueOfAnotherRecordTypeAsUnknownFingerprintNamingTheTopic() {
        byte[] phoneEvent = AvroSerde.of(PhoneEvent.class).encode("phone.events.v1", Samples.phoneEvent().build());

        assertThatThrownBy(() -> AvroSerde.of(CallSession.class).deserializer().deserialize(SESSIONS_TOPIC, phoneEvent))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(SESSIONS_TOPIC)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void shouldRejectUnknownFingerprintNamingTheTopic() {
        byte[] bytes = AvroSerde.of(CallSession.class).encode(SESSIONS_TOPIC, Samples.callSession().build());
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9abc_def0L);

        assertThatThrownBy(() -> AvroSerde.of(CallSession.class).decode(SESSIONS_TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(SESSIONS_TOPIC)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void shouldRejectEveryTruncationOfTheBodyAsCorruptNamingTheTopic() {
        AvroSerde<CallSession> serde = AvroSerde.of(CallSession.class);
        byte[] bytes = serde.encode(SESSIONS_TOPIC, Samples.callSession().build());

        for (int length = 10; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> serde.decode(SESSIONS_TOPIC, truncated))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(SESSIONS_TOPIC)
                    .hasMessageContaining("corrupt");
        }
    }

    @Test
    void shouldRejectBytesWithoutTheSingleObjectMarkerNamingTheTopic() throws IOException {
        AvroSerde<CallSession> serde = AvroSerde.of(CallSession.class);
        byte[] bodyOnly = plainBinary(Samples.callSession().build());
        byte[] json = "{\"sessionId\":\"sess-1\"}".getBytes(StandardCharsets.UTF_8);

        for (byte[] bytes : new byte[][] {bodyOnly, json, new byte[0]}) {
            assertThatThrownBy(() -> serde.decode(SESSIONS_TOPIC, bytes))
                    .as("%s", Arrays.toString(bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(SESSIONS_TOPIC)
                    .hasMessageContaining("not Avro single-object encoded");
        }
    }

    @Test
    void shouldRejectAnIncompleteValueOnEncodeNamingTheTopic() {
        CallSession missingRequiredFields = new CallSession();

        assertThatThrownBy(() -> AvroSerde.of(CallSession.class).serializer().serialize(SESSIONS_TOPIC, missingRequiredFields))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(SESSIONS_TOPIC)
                .hasMessageContaining("CallSession");
    }

    @Test
    void shouldExposeTheRecordTypeAndItsSchema() {
        AvroSerde<PhoneEvent> serde = AvroSerde.of(PhoneEvent.class);

        assertThat(serde.type()).isEqualTo(PhoneEvent.class);
        assertThat(serde.schema()).isEqualTo(PhoneEvent.getClassSchema());
    }

    @SuppressWarnings("unchecked")
    private static AvroSerde<SpecificRecord> serdeFor(SpecificRecord value) {
        return AvroSerde.of((Class<SpecificRecord>) value.getClass());
    }

    private static byte[] plainBinary(SpecificRecord value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
