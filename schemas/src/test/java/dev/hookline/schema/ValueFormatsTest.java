package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.JsonCodec;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.format.ValueFormat;
import dev.hookline.schema.format.ValueFormats;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The json format's contract, and codecs that write one format and read every format. */
class ValueFormatsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOPIC = "call.sessions.v1";

    static Stream<SpecificRecord> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void jsonShouldRoundTripAFullyPopulatedValueOfEachRecordType(SpecificRecord value) {
        JsonCodec<SpecificRecord> codec = jsonCodec(value);

        assertThat(codec.decode("t", codec.encode("t", value))).isInstanceOf(value.getClass()).isEqualTo(value);
    }

    @Test
    void jsonShouldUseTheAvscNamesIsoTimesEnumNamesNullsAndBase64() throws Exception {
        CallSession session = Samples.callSession().setRingingAt(null).setLine(null).build();
        JsonNode json = MAPPER.readTree(new JsonCodec<>(CallSession.class).encode(TOPIC, session));

        assertThat(json.get("startedAt").textValue()).isEqualTo(session.getStartedAt().toString());
        assertThat(json.get("outcome").textValue()).isEqualTo(session.getOutcome().name());
        assertThat(json.get("direction").textValue()).isEqualTo(session.getDirection().name());
        assertThat(json.has("ringingAt")).as("a null field is present as null").isTrue();
        assertThat(json.get("ringingAt").isNull()).isTrue();
        assertThat(json.get("line").isNull()).isTrue();
        assertThat(json.get("eventCount").intValue()).isEqualTo(session.getEventCount());
        assertThat(MAPPER.convertValue(json, Map.class).keySet())
                .containsExactlyElementsOf(CallSession.getClassSchema().getFields().stream().map(f -> f.name()).toList());

        RawPhoneRequest raw = Samples.rawPhoneRequest().build();
        JsonNode rawJson = MAPPER.readTree(new JsonCodec<>(RawPhoneRequest.class).encode("phone.raw.v1", raw));
        assertThat(Base64.getDecoder().decode(rawJson.get("body").textValue()))
                .isEqualTo("<event/>".getBytes(StandardCharsets.UTF_8));
        assertThat(rawJson.get("headers").get("User-Agent").textValue()).isEqualTo("Yealink SIP-T46S");
    }

    @Test
    void jsonShouldReadWhatOlderAndNewerWritersWrote() throws Exception {
        JsonCodec<CallSession> codec = new JsonCodec<>(CallSession.class);
        CallSession session = Samples.callSession().build();
        ObjectNode json = (ObjectNode) MAPPER.readTree(codec.encode(TOPIC, session));
        json.remove("model");
        json.remove("holdMillis");
        json.put("aFieldOfANewerRelease", "ignored");
        json.put("endedAt", session.getEndedAt().toEpochMilli());

        CallSession read = codec.decode(TOPIC, MAPPER.writeValueAsBytes(json));

        assertThat(read.getModel()).as("missing: the Avro default").isNull();
        assertThat(read.getHoldMillis()).as("missing: the Avro default").isZero();
        assertThat(read.getEndedAt()).as("epoch millis read as a time").isEqualTo(session.getEndedAt());
        assertThat(read.getSessionId()).isEqualTo(session.getSessionId());
    }

    @Test
    void jsonShouldRefuseAValueThatBreaksTheContractNamingTheField() throws Exception {
        JsonCodec<CallSession> codec = new JsonCodec<>(CallSession.class);
        ObjectNode json = (ObjectNode) MAPPER.readTree(codec.encode(TOPIC, Samples.callSession().build()));

        assertThat(codec.decode(TOPIC, MAPPER.writeValueAsBytes(json.deepCopy().put("outcome", "LOST"))).getOutcome())
                .as("a newer release's symbol: the enum's default, as Avro reads it").isEqualTo(CallOutcome.UNKNOWN);
        assertThatThrownBy(() -> codec.decode(TOPIC, MAPPER.writeValueAsBytes(json.deepCopy().put("outcome", 3))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("outcome").hasMessageContaining(TOPIC);
        assertThatThrownBy(() -> codec.decode(TOPIC, MAPPER.writeValueAsBytes(json.deepCopy().put("startedAt", "yesterday"))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("startedAt");
        assertThatThrownBy(() -> codec.decode(TOPIC, MAPPER.writeValueAsBytes(json.deepCopy().without("sessionId"))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("sessionId is missing");
        assertThatThrownBy(() -> codec.decode(TOPIC, "{\"sessionId\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not JSON");
    }

    @Test
    void aTopicShouldReadEveryFormatWhateverItWrites() {
        CallSession session = Samples.callSession().build();
        ValueCodec<CallSession> writesJson = ValueFormats.of(ValueFormat.JSON, Optional.empty()).codec(Topics.CALL_SESSIONS);
        ValueCodec<CallSession> writesAvro = ValueFormats.singleObject().codec(Topics.CALL_SESSIONS);

        byte[] json = writesJson.encode(TOPIC, session);
        byte[] avro = writesAvro.encode(TOPIC, session);

        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(avro[0]).isEqualTo((byte) 0xC3);
        assertThat(writesAvro.decode(TOPIC, json)).isEqualTo(session);
        assertThat(writesJson.decode(TOPIC, avro)).isEqualTo(session);
        assertThat(writesJson.decode(TOPIC, null)).as("tombstone").isNull();
    }

    @Test
    void aReaderWithoutRegistryShouldNameTheFormatItCannotRead() {
        ValueCodec<CallSession> codec = ValueFormats.singleObject().codec(Topics.CALL_SESSIONS);

        assertThatThrownBy(() -> codec.decode(TOPIC, new byte[] {0, 0, 0, 0, 7, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("avro-registry").hasMessageContaining("registry.url");
        assertThatThrownBy(() -> codec.decode(TOPIC, "plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("first byte 0x70");
    }

    @Test
    void settingsShouldChooseFormatsPerTopicAndRefuseWhatCannotWork() {
        ValueFormats formats = FormatConfig.formats(config(Map.of(
                FormatConfig.VALUE_FORMAT, "json", FormatConfig.VALUE_FORMAT_TOPICS, "phone.raw.v1=avro-single-object")));

        assertThat(formats.formatOf(Topics.CALL_SESSIONS)).isEqualTo(ValueFormat.JSON);
        assertThat(formats.formatOf(Topics.PHONE_RAW)).isEqualTo(ValueFormat.AVRO_SINGLE_OBJECT);
        assertThat(formats.registry()).isEmpty();

        assertThatThrownBy(() -> FormatConfig.formats(config(Map.of(FormatConfig.VALUE_FORMAT, "avro-registry"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("registry.url");
        assertThatThrownBy(() -> config(Map.of(FormatConfig.VALUE_FORMAT, "protobuf")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("value.format");
        assertThatThrownBy(() -> config(Map.of(FormatConfig.VALUE_FORMAT_TOPICS, "call.sesions.v1=json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no topic call.sesions.v1");
        assertThatThrownBy(() -> FormatConfig.formats(config(Map.of(FormatConfig.REGISTRY_URL, "http://user:secret@host:8081"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.basic.auth.user.info").hasMessageNotContaining("secret");
    }

    @Test
    void registrySettingsShouldNeverShowTheCredentials() {
        AbstractConfig config = config(Map.of(FormatConfig.REGISTRY_URL, "https://registry:8081",
                FormatConfig.REGISTRY_USER_INFO, "hookline:s3cret"));

        assertThat(FormatConfig.registry(config).orElseThrow().userInfo()).contains("hookline:s3cret");
        assertThat(FormatConfig.registry(config).orElseThrow().toString()).doesNotContain("s3cret");
        assertThat(FormatConfig.formats(config).toString()).doesNotContain("s3cret");
    }

    private static AbstractConfig config(Map<String, Object> values) {
        return new AbstractConfig(FormatConfig.define(new ConfigDef()), values, false);
    }

    @SuppressWarnings("unchecked")
    private static JsonCodec<SpecificRecord> jsonCodec(SpecificRecord value) {
        return new JsonCodec<>((Class<SpecificRecord>) value.getClass());
    }

}
