package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void shouldRenderACallSessionWithEnumNamesIsoTimesAndNullFieldsKept() throws JsonProcessingException {
        CallSession session = Samples.callSession()
                .setLine(null)
                .setLocalHost(null)
                .setRemoteDisplayName(null)
                .setCallId(null)
                .setRingingAt(null)
                .setRingMillis(null)
                .setOutcome(CallOutcome.ANSWERED)
                .setTransferTarget(null)
                .setVendor(null)
                .build();

        assertRendersAs(session, """
                {"sessionId":"sess-1","deviceId":"805ec0a1b2c3","line":null,"direction":"INBOUND",
                 "localUser":"1001","localHost":null,"remoteUser":"2002","remoteHost":"pbx.example",
                 "remoteDisplayName":null,"callId":null,
                 "startedAt":"2026-11-23T09:00:04.100Z","ringingAt":null,
                 "answeredAt":"2026-11-23T09:00:09.100Z","endedAt":"2026-11-23T09:01:09.100Z",
                 "ringMillis":null,"talkMillis":60000,"holdMillis":10000,"outcome":"ANSWERED",
                 "transferTarget":null,"eventCount":6,"vendor":null,"model":"SIP-T46S"}
                """);
    }

    @Test
    void shouldRenderAPhoneEventWithAttributesAsAnObjectAndTheRawRefNested() throws JsonProcessingException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("call_id", "42");
        attributes.put("display_local", "Desk 1");
        PhoneEvent event = Samples.phoneEvent()
                .setFirmware(null)
                .setAttributes(attributes)
                .build();

        assertRendersAs(event, """
                {"eventId":"evt-1","deviceId":"805ec0a1b2c3","type":"INCOMING_CALL","vendor":"yealink",
                 "model":"SIP-T46S","firmware":null,"phoneIp":"10.1.2.21","line":"1001@pbx.example",
                 "localUser":"1001","localHost":"pbx.example","localDisplayName":"Desk 1",
                 "remoteUser":"2002","remoteHost":"pbx.example","remoteDisplayName":"Alice",
                 "callId":"call-42","occurredAt":"2026-11-23T09:00:04.100Z","source":"ACTION_URL",
                 "lineState":"INCOMING","direction":"INBOUND","transferTarget":"1003",
                 "attributes":{"call_id":"42","display_local":"Desk 1"},
                 "rawRef":{"topic":"phone.raw.v1","partition":3,"offset":1234}}
                """);
    }

    @Test
    void shouldRenderAMissingRawRefAndEmptyAttributes() {
        PhoneEvent event = Samples.phoneEvent().setRawRef(null).setAttributes(Map.of()).build();

        JsonNode json = AvroJson.toJson(event);

        assertThat(json.get("rawRef").isNull()).isTrue();
        assertThat(json.get("attributes").isObject()).isTrue();
        assertThat(json.get("attributes").size()).isZero();
    }

    @Test
    void shouldRenderADeviceStateWithArraysBooleansAndANullableEnum() throws JsonProcessingException {
        DeviceState device = Samples.deviceState().setForwardBusy(null).build();

        assertRendersAs(device, """
                {"deviceId":"805ec0a1b2c3","vendor":"yealink","model":"SIP-T46S","firmware":"66.86.0.15",
                 "ip":"10.1.2.21","hook":"OFF","dnd":true,"forwardAlways":false,"forwardBusy":null,
                 "forwardNoAnswer":false,"activeCalls":2,"lines":["1001@pbx.example","1002@pbx.example"],
                 "firstSeen":"2026-11-23T09:00:04.100Z","lastSeen":"2026-11-23T10:00:04.100Z",
                 "lastEventType":"OFF_HOOK"}
                """);
    }

    @Test
    void shouldRenderUtf8BytesAsText() {
        byte[] body = "<event type=\"offhook\">é</event>".getBytes(StandardCharsets.UTF_8);
        RawPhoneRequest request = Samples.rawPhoneRequest()
                .setBody(ByteBuffer.wrap(body))
                .build();

        JsonNode json = AvroJson.toJson(request);

        assertThat(json.get("body").isTextual()).isTrue();
        assertThat(json.get("body").asText()).isEqualTo("<event type=\"offhook\">é</event>");
        assertThat(request.getBody().remaining()).as("the record's buffer is not consumed").isEqualTo(body.length);
    }

    @Test
    void shouldRenderNonUtf8BytesAsBase64WithPrefix() {
        RawPhoneRequest request = Samples.rawPhoneRequest()
                .setBody(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, 0x00}))
                .build();

        assertThat(AvroJson.toJson(request).get("body").asText()).isEqualTo("base64://5BAA==");
    }

    @Test
    void shouldRenderANullBodyAsNull() {
        RawPhoneRequest request = Samples.rawPhoneRequest().setBody(null).build();

        assertThat(AvroJson.toJson(request).get("body").isNull()).isTrue();
    }

    @Test
    void shouldRenderTheNestedRequestOfADeadLetter() {
        JsonNode json = AvroJson.toJson(Samples.deadLetter().build());

        assertThat(json.get("request").get("requestId").asText()).isEqualTo("req-1");
        assertThat(json.get("request").get("receivedAt").asText()).isEqualTo("2026-11-23T09:00:04.100Z");
        assertThat(json.get("request").get("source").asText()).isEqualTo("POLL");
        assertThat(json.get("request").get("headers").get("User-Agent").asText()).isEqualTo("Yealink SIP-T46S");
        assertThat(json.get("sourceOffset").isIntegralNumber()).isTrue();
        assertThat(json.get("sourceOffset").asLong()).isEqualTo(1234L);
    }

    @Test
    void shouldRenderANullRecordAsJsonNull() {
        assertThat(AvroJson.toJson(null).isNull()).isTrue();
    }

    private static void assertRendersAs(IndexedRecord record, String expectedJson) throws JsonProcessingException {
        String expected = AvroJson.MAPPER.writeValueAsString(AvroJson.MAPPER.readTree(expectedJson));
        assertThat(AvroJson.MAPPER.writeValueAsString(AvroJson.toJson(record))).isEqualTo(expected);
    }
}
