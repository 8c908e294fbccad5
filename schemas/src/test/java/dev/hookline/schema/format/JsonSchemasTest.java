package dev.hookline.schema.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.DeadLetter;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.EventType;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Samples;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemasTest {

    static {
        SchemaTrust.install(); // the records built here take enum defaults, which Avro loads by name
    }

    /** Where the committed schemas are, from the module's directory (surefire's working directory). */
    private static final Path COMMITTED = Path.of("src/main/json-schema");
    /** The one command that rewrites the committed files; the README gives the same. */
    static final String REGENERATE = "mvn -pl schemas test -Dtest=JsonSchemasTest -Dhookline.regenerate=true";

    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Draft 2020-12 makes "format" an annotation; a validator checks it only when asked to. */
    private static final SchemaRegistry FORMAT_CHECKING = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Instant T0 = Instant.parse("2026-12-07T12:30:00.123Z");
    private static final String DEVICE = "805ec0a1b2c3";

    @Test
    void shouldHaveCommittedWhatTheGeneratorProducesNow() throws IOException {
        if (Boolean.getBoolean("hookline.regenerate")) {
            JsonSchemas.writeAll(COMMITTED);
        }
        Map<String, String> expected = JsonSchemas.files();

        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = COMMITTED.resolve(file.getKey());
            assertThat(path).as("%s is missing; regenerate with: %s", path, REGENERATE).exists();
            assertThat(Files.readString(path, StandardCharsets.UTF_8))
                    .as("%s is not what the Avro schema generates now; regenerate with: %s", path, REGENERATE)
                    .isEqualTo(file.getValue());
        }
        assertThat(committedFiles())
                .as("schemas of no topic's value in %s; regenerate with: %s", COMMITTED, REGENERATE)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void shouldWriteOneFilePerTopicValueRecord() {
        assertThat(JsonSchemas.files().keySet()).containsExactly(
                "RawPhoneRequest.schema.json", "PhoneEvent.schema.json", "DeadLetter.schema.json",
                "CallSession.schema.json", "CallState.schema.json", "LineStatus.schema.json",
                "DeviceState.schema.json", "DeviceAddress.schema.json", "PhoneCommand.schema.json",
                "CommandResult.schema.json");
        assertThat(Topics.ALL).extracting(spec -> JsonSchemas.fileName(spec.valueSerde().schema()))
                .containsExactlyElementsOf(JsonSchemas.files().keySet());
    }

    @Test
    void shouldNameEachTopicsFileAndTheRegenerateCommandInTheReadme() throws IOException {
        List<String> readme = Files.readAllLines(COMMITTED.resolve("README.md"), StandardCharsets.UTF_8);

        for (TopicSpec<?> topic : Topics.ALL) {
            String file = JsonSchemas.fileName(topic.valueSerde().schema());
            assertThat(readme).as("the README's line of %s", topic.name())
                    .anyMatch(line -> line.contains("`" + topic.name() + "`") && line.contains("`" + file + "`"));
        }
        assertThat(readme).contains(REGENERATE);
    }

    @Test
    void shouldRequireTheFieldsWithoutADefaultAndGiveTheDefaultsOfTheOthers() {
        ObjectNode schema = JsonSchemas.of(CallSession.getClassSchema());

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("title").asText()).isEqualTo("dev.hookline.schema.CallSession");
        assertThat(schema.get("description").asText()).startsWith("Topic call.sessions.v1");
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly(
                "sessionId", "deviceId", "direction", "startedAt", "endedAt", "outcome", "eventCount");
        JsonNode properties = schema.get("properties");
        assertThat(properties.get("holdMillis").get("default").asLong()).isZero();
        assertThat(properties.get("line").get("default").isNull()).isTrue();
        assertThat(properties.get("startedAt").get("format").asText()).isEqualTo("date-time");
        assertThat(properties.get("outcome").get("$ref").asText()).isEqualTo("#/$defs/CallOutcome");
        assertThat(schema.get("$defs").get("CallOutcome").get("enum")).extracting(JsonNode::asText)
                .contains("ANSWERED", "UNKNOWN");
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(Named.of("CallSession, every field set", fullCallSession())),
                Arguments.of(Named.of("CallSession, every optional field null", bareCallSession())),
                Arguments.of(Named.of("RawPhoneRequest with headers and a body", rawPhoneRequest())),
                Arguments.of(Named.of("DeviceState with lines", DeviceState.newBuilder()
                        .setDeviceId(DEVICE)
                        .setVendor("yealink")
                        .setHook(HookState.OFF)
                        .setDnd(true)
                        .setActiveCalls(1)
                        .setLines(List.of("1001@pbx.example", "1002@pbx.example"))
                        .setFirstSeen(T0)
                        .setLastSeen(T0.plusSeconds(3600))
                        .build())),
                Arguments.of(Named.of("PhoneEvent with attributes and a raw reference", phoneEvent())),
                Arguments.of(Named.of("DeadLetter with the request and the raw value", DeadLetter.newBuilder()
                        .setReason("no vendor profile matches the path")
                        .setErrorCode("UNKNOWN_EVENT")
                        .setFailedAt(T0)
                        .setSourceTopic("phone.raw.v1")
                        .setSourcePartition(3)
                        .setSourceOffset(1234L)
                        .setRequest(rawPhoneRequest())
                        .setRawValue(ByteBuffer.wrap(new byte[] {0, (byte) 0xFF, 0x41}))
                        .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldAcceptTheJsonFormOfARecord(IndexedRecord record) {
        assertThat(errors(record.getSchema(), ContractJson.of((org.apache.avro.specific.SpecificRecord) record))).isEmpty();
    }

    @Test
    void shouldRenderTimestampsAndBytesAsTheContractSays() {
        ObjectNode request = ContractJson.of(rawPhoneRequest());
        ObjectNode session = ContractJson.of(bareCallSession());

        assertThat(request.get("receivedAt").asText()).isEqualTo("2026-12-07T12:30:00.123Z");
        assertThat(request.get("body").asText()).isEqualTo("PGV2ZW50Lz7/");
        assertThat(session.get("startedAt").asText()).isEqualTo("2026-12-07T12:30:00Z");
        assertThat(session.get("line").isNull()).isTrue();
    }

    @Test
    void shouldAcceptADocumentOfAnOlderWriterWithoutTheFieldsThatHaveADefault() {
        ObjectNode json = ContractJson.of(fullCallSession());
        for (Schema.Field field : CallSession.getClassSchema().getFields()) {
            if (field.hasDefaultValue()) {
                json.remove(field.name());
            }
        }

        assertThat(json.has("holdMillis")).isFalse();
        assertThat(errors(CallSession.getClassSchema(), json)).isEmpty();
    }

    @Test
    void shouldAcceptFieldsOfANewerWriterAtTheTopAndInNestedRecords() {
        ObjectNode json = ContractJson.of(phoneEvent());
        json.put("addedLater", "x");
        ((ObjectNode) json.get("rawRef")).putObject("addedLater").put("n", 1);

        assertThat(errors(PhoneEvent.getClassSchema(), json)).isEmpty();
    }

    @Test
    void shouldAcceptATimestampAsEpochMilliseconds() {
        ObjectNode json = ContractJson.of(fullCallSession());
        json.put("startedAt", T0.toEpochMilli());
        json.put("ringingAt", T0.toEpochMilli());

        assertThat(errors(CallSession.getClassSchema(), json)).isEmpty();
        assertThat(errors(FORMAT_CHECKING, CallSession.getClassSchema(), json)).isEmpty();
    }

    @Test
    void shouldRejectADocumentWithoutARequiredField() {
        ObjectNode json = ContractJson.of(fullCallSession());
        json.remove("endedAt");

        List<Error> errors = errors(CallSession.getClassSchema(), json);

        assertThat(errors).extracting(Error::getKeyword).containsExactly("required");
        assertThat(errors.get(0).getMessage()).contains("endedAt");
    }

    @Test
    void shouldRejectNullInAFieldThatIsNotNullable() {
        ObjectNode json = ContractJson.of(fullCallSession());
        json.putNull("deviceId");

        assertThat(errors(CallSession.getClassSchema(), json)).extracting(Error::getKeyword).containsExactly("type");
    }

    @Test
    void shouldRejectAnEnumSymbolThatIsNotListed() {
        ObjectNode session = ContractJson.of(fullCallSession());
        session.put("outcome", "VOICEMAIL");
        ObjectNode event = ContractJson.of(phoneEvent());
        event.put("direction", "SIDEWAYS"); // a nullable enum

        assertThat(errors(CallSession.getClassSchema(), session)).extracting(Error::getKeyword).containsExactly("enum");
        assertThat(errors(PhoneEvent.getClassSchema(), event)).extracting(Error::getKeyword).contains("enum");
    }

    @Test
    void shouldRejectAnIntOutsideAvrosIntAndAFractionInALong() {
        ObjectNode json = ContractJson.of(fullCallSession());
        json.put("eventCount", 3_000_000_000L);
        json.put("holdMillis", 1.5);

        assertThat(errors(CallSession.getClassSchema(), json)).extracting(Error::getKeyword)
                .containsExactlyInAnyOrder("maximum", "type");
    }

    @Test
    void shouldRejectATimestampThatIsNotADateTimeWhenTheValidatorChecksFormats() {
        ObjectNode json = ContractJson.of(fullCallSession());
        json.put("endedAt", "yesterday");
        json.put("answeredAt", "2026-12-07 12:30");

        assertThat(errors(FORMAT_CHECKING, CallSession.getClassSchema(), json)).extracting(Error::getKeyword)
                .containsExactly("format", "format");
    }

    @Test
    void shouldGiveDefaultsInTheirJsonForm() {
        Schema record = new Schema.Parser().parse("""
                {"type": "record", "name": "Defaults", "namespace": "test", "fields": [
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}, "default": 1500},
                  {"name": "blob", "type": "bytes", "default": "\\u00ff\\u0000A"},
                  {"name": "maybe", "type": ["string", "null"], "default": "x"},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}, "default": "B"},
                  {"name": "tags", "type": {"type": "map", "values": "long"}, "default": {"a": 1}}
                ]}
                """);

        JsonNode properties = JsonSchemas.of(record).get("properties");

        assertThat(properties.get("at").get("default").asText()).isEqualTo("1970-01-01T00:00:01.500Z");
        assertThat(properties.get("blob").get("default").asText()).isEqualTo("/wBB");
        assertThat(properties.get("maybe").get("default").asText()).isEqualTo("x");
        assertThat(properties.get("maybe").get("type")).extracting(JsonNode::asText).containsExactly("string", "null");
        assertThat(properties.get("kind").get("default").asText()).isEqualTo("B");
        assertThat(properties.get("tags").get("default").get("a").asLong()).isEqualTo(1);
        assertThat(JsonSchemas.of(record).get("required")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typesOutsideTheContract")
    void shouldRefuseAnAvroTypeTheContractHasNoFormFor(String type) {
        Schema record = new Schema.Parser().parse(
                "{\"type\": \"record\", \"name\": \"Odd\", \"fields\": [{\"name\": \"f\", \"type\": " + type + "}]}");

        assertThatThrownBy(() -> JsonSchemas.of(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src/main/json-schema/README.md");
    }

    static Stream<String> typesOutsideTheContract() {
        return Stream.of(
                "[\"string\", \"int\"]",
                "[\"null\", \"string\", \"int\"]",
                "\"float\"",
                "{\"type\": \"fixed\", \"name\": \"Mac\", \"size\": 6}",
                "{\"type\": \"int\", \"logicalType\": \"date\"}",
                "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}");
    }

    /** Every field set. */
    private static CallSession fullCallSession() {
        return Samples.callSession().build();
    }

    /** Every optional field null, and times on whole seconds (Instant.toString() then has no fraction). */
    private static CallSession bareCallSession() {
        Instant start = Instant.parse("2026-12-07T12:30:00Z");
        return CallSession.newBuilder()
                .setSessionId("sess-2")
                .setDeviceId(DEVICE)
                .setDirection(Direction.OUTBOUND)
                .setStartedAt(start)
                .setEndedAt(start.plusSeconds(30))
                .setOutcome(CallOutcome.UNKNOWN)
                .setEventCount(2)
                .build();
    }

    private static PhoneEvent phoneEvent() {
        return PhoneEvent.newBuilder()
                .setEventId("evt-1")
                .setDeviceId(DEVICE)
                .setType(EventType.INCOMING_CALL)
                .setOccurredAt(T0)
                .setLineState(LineState.INCOMING)
                .setDirection(Direction.INBOUND)
                .setAttributes(Map.of("call_id", "42", "display_local", "Desk 1"))
                .setRawRef(RawRef.newBuilder().setTopic("phone.raw.v1").setPartition(3).setOffset(1234L).build())
                .build();
    }

    private static RawPhoneRequest rawPhoneRequest() {
        return RawPhoneRequest.newBuilder()
                .setRequestId("req-1")
                .setReceivedAt(T0)
                .setGatewayId("gw-1")
                .setDeviceId(DEVICE)
                .setSourceAddress("10.1.2.21")
                .setSourcePort(5060)
                .setMethod("POST")
                .setPath("/incoming/yealink")
                .setHeaders(Map.of("User-Agent", "Yealink SIP-T46S"))
                .setBody(ByteBuffer.wrap("<event/>\u00ff".getBytes(StandardCharsets.ISO_8859_1)))
                .setSource(EventSource.ACTION_URL)
                .build();
    }

    private static List<Error> errors(Schema avro, JsonNode json) {
        return errors(VALIDATORS, avro, json);
    }

    private static List<Error> errors(SchemaRegistry validators, Schema avro, JsonNode json) {
        return validators.getSchema(JsonSchemas.of(avro)).validate(json);
    }

    private static List<String> committedFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(COMMITTED, "*.schema.json")) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        return names;
    }
}
