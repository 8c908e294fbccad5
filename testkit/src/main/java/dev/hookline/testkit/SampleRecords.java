package dev.hookline.testkit;

import dev.hookline.schema.Availability;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CallState;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.DeadLetter;
import dev.hookline.schema.DeviceAddress;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.EventType;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.Registration;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One valid, fully populated sample value per catalogue topic (every optional field set), for
 * tests of serdes, topics and services. Each call builds new instances: Avro records are
 * mutable, so tests cannot spoil each other's samples. Values are stable (fixed times and
 * ids), so a decoded record can be compared with a freshly built sample.
 */
public final class SampleRecords {

    /** A Yealink MAC, the key format of device-keyed topics. */
    public static final String DEVICE_ID = "805ec0a1b2c3";
    /** An account on that phone, as user@host. */
    public static final String LINE = "1001@pbx.example";
    /** The key of the line- and call-state topics: device id / line. */
    public static final String LINE_KEY = DEVICE_ID + "/" + LINE;
    /** When the sample call rang; millisecond precision, as timestamp-millis keeps. */
    public static final Instant AT = Instant.parse("2026-01-15T09:30:00.123Z");

    private static final String PHONE_IP = "192.0.2.10";
    private static final String CALL_ID = "a84b4c76e66710@pbx.example";
    private static final String REMOTE_USER = "2002";
    private static final String PBX = "pbx.example";
    private static final String REMOTE_NAME = "Alice Example";
    private static final String VENDOR = "yealink";
    private static final String MODEL = "SIP-T46U";
    private static final String FIRMWARE = "108.86.0.20";

    private SampleRecords() {
    }

    /** One sample per topic of {@link Topics#ALL}, in the same order. */
    public static List<Sample<?>> all() {
        return List.of(
                new Sample<>(Topics.PHONE_RAW, DEVICE_ID, rawPhoneRequest()),
                new Sample<>(Topics.PHONE_EVENTS, DEVICE_ID, phoneEvent()),
                new Sample<>(Topics.PHONE_EVENTS_DLQ, DEVICE_ID, deadLetter()),
                new Sample<>(Topics.CALL_SESSIONS, DEVICE_ID, callSession()),
                new Sample<>(Topics.CALL_STATE, LINE_KEY, callState()),
                new Sample<>(Topics.LINE_STATUS, LINE_KEY, lineStatus()),
                new Sample<>(Topics.DEVICE_STATE, DEVICE_ID, deviceState()),
                new Sample<>(Topics.DEVICE_ADDRESSES, "site-7/" + PHONE_IP, deviceAddress()),
                new Sample<>(Topics.PHONE_COMMANDS, DEVICE_ID, phoneCommand()),
                new Sample<>(Topics.PHONE_COMMAND_RESULTS, DEVICE_ID, commandResult()));
    }

    /** The sample of one topic. */
    public static <V extends SpecificRecord> Sample<V> of(TopicSpec<V> spec) {
        Sample<?> sample = all().stream()
                .filter(s -> s.spec().name().equals(spec.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No sample for topic " + spec.name()));
        // Class.cast keeps the generic narrowing checked.
        return new Sample<>(spec, sample.key(), spec.valueSerde().type().cast(sample.value()));
    }

    public static RawPhoneRequest rawPhoneRequest() {
        return RawPhoneRequest.newBuilder()
                .setRequestId("0b9e4d2a-6f31-4c38-9a55-1f0e2d7c8b41")
                .setReceivedAt(AT)
                .setGatewayId("gw-1")
                .setTenant("acme")
                .setDeviceId(DEVICE_ID)
                .setSourceAddress(PHONE_IP)
                .setSourcePort(49152)
                .setMethod("POST")
                .setPath("/hookline/yealink/incoming")
                .setQuery("mac=805ec0a1b2c3&local=1001&remote=2002&display=Alice%20Example&callid=" + CALL_ID)
                .setUserAgent("Yealink SIP-T46U 108.86.0.20 80:5e:c0:a1:b2:c3")
                .setHeaders(Map.of("Host", "hookline.example:8080", "Accept", "*/*"))
                .setBody(bytes("<event type=\"incoming\" line=\"1001\"/>"))
                .setSource(EventSource.ACTION_URL)
                .build();
    }

    public static PhoneEvent phoneEvent() {
        return PhoneEvent.newBuilder()
                .setEventId("6c1d2e3f-0a4b-4c5d-8e6f-7a8b9c0d1e2f")
                .setDeviceId(DEVICE_ID)
                .setType(EventType.INCOMING_CALL)
                .setVendor(VENDOR)
                .setModel(MODEL)
                .setFirmware(FIRMWARE)
                .setPhoneIp(PHONE_IP)
                .setLine(LINE)
                .setLocalUser("1001")
                .setLocalHost(PBX)
                .setLocalDisplayName("Reception")
                .setRemoteUser(REMOTE_USER)
                .setRemoteHost(PBX)
                .setRemoteDisplayName(REMOTE_NAME)
                .setCallId(CALL_ID)
                .setLineState(LineState.INCOMING)
                .setDirection(Direction.INBOUND)
                .setTransferTarget("1003")
                .setOccurredAt(AT)
                .setSource(EventSource.ACTION_URL)
                .setAttributes(Map.of("active_user", "1001", "cid_name", REMOTE_NAME))
                .setRawRef(new RawRef(Topics.PHONE_RAW.name(), 0, 42L))
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setReason("Unknown Action URL event 'vendor_beep' from yealink")
                .setErrorCode("UNKNOWN_EVENT")
                .setFailedAt(AT.plusMillis(5))
                .setSourceTopic(Topics.PHONE_RAW.name())
                .setSourcePartition(0)
                .setSourceOffset(43L)
                .setRequest(rawPhoneRequest())
                .setRawValue(bytes("not avro"))
                .build();
    }

    public static CallSession callSession() {
        return CallSession.newBuilder()
                .setSessionId("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")
                .setDeviceId(DEVICE_ID)
                .setLine(LINE)
                .setDirection(Direction.INBOUND)
                .setLocalUser("1001")
                .setLocalHost(PBX)
                .setRemoteUser(REMOTE_USER)
                .setRemoteHost(PBX)
                .setRemoteDisplayName(REMOTE_NAME)
                .setCallId(CALL_ID)
                .setStartedAt(AT)
                .setRingingAt(AT)
                .setAnsweredAt(AT.plusSeconds(4))
                .setEndedAt(AT.plusSeconds(94))
                .setRingMillis(4_000L)
                .setTalkMillis(90_000L)
                .setHoldMillis(10_000L)
                .setOutcome(CallOutcome.TRANSFERRED)
                .setTransferTarget("3003@pbx.example")
                .setEventCount(6)
                .setVendor(VENDOR)
                .setModel(MODEL)
                .build();
    }

    public static CallState callState() {
        return CallState.newBuilder()
                .setDeviceId(DEVICE_ID)
                .setCallKey(LINE)
                .setLine(LINE)
                .setDirection(Direction.INBOUND)
                .setState(CallStatus.CONNECTED)
                .setLocalUser("1001")
                .setLocalHost(PBX)
                .setRemoteUser(REMOTE_USER)
                .setRemoteHost(PBX)
                .setRemoteDisplayName(REMOTE_NAME)
                .setCallId(CALL_ID)
                .setStartedAt(AT)
                .setAnsweredAt(AT.plusSeconds(4))
                .setUpdatedAt(AT.plusSeconds(4))
                .build();
    }

    public static LineStatus lineStatus() {
        return LineStatus.newBuilder()
                .setDeviceId(DEVICE_ID)
                .setLine(LINE)
                .setRegistration(Registration.REGISTERED)
                .setAvailability(Availability.BUSY)
                .setSince(AT.plusSeconds(4))
                .setUpdatedAt(AT.plusSeconds(4))
                .setLastEventType(EventType.ESTABLISHED)
                .build();
    }

    public static DeviceState deviceState() {
        return DeviceState.newBuilder()
                .setDeviceId(DEVICE_ID)
                .setVendor(VENDOR)
                .setModel(MODEL)
                .setFirmware(FIRMWARE)
                .setIp(PHONE_IP)
                .setHook(HookState.OFF)
                .setDnd(false)
                .setForwardAlways(false)
                .setForwardBusy(true)
                .setForwardNoAnswer(false)
                .setActiveCalls(1)
                .setLines(List.of(LINE))
                .setFirstSeen(AT.minusSeconds(86_400))
                .setLastSeen(AT.plusSeconds(4))
                .setLastEventType(EventType.ESTABLISHED)
                .build();
    }

    /** The sample phone, seen with its MAC at its source address. */
    public static DeviceAddress deviceAddress() {
        return DeviceAddress.newBuilder()
                .setTenant("site-7")
                .setAddress(PHONE_IP)
                .setDeviceId(DEVICE_ID)
                .setSince(AT.minusSeconds(86_400))
                .setSeenAt(AT)
                .build();
    }

    public static PhoneCommand phoneCommand() {
        return PhoneCommand.newBuilder()
                .setCommandId("c0ffee00-1234-4abc-9def-000000000001")
                .setDeviceId(DEVICE_ID)
                .setAction(CommandAction.DIAL)
                .setNumber(REMOTE_USER)
                .setAccount(LINE)
                .setKeys("2002#")
                .setRequestedAt(AT)
                .setExpiresAt(AT.plusSeconds(60))
                .setRequestedBy("ops@example.com")
                .build();
    }

    public static CommandResult commandResult() {
        return CommandResult.newBuilder()
                .setCommandId("c0ffee00-1234-4abc-9def-000000000001")
                .setDeviceId(DEVICE_ID)
                .setAction(CommandAction.DIAL)
                .setStatus(CommandStatus.DELIVERED)
                .setHttpStatus(200)
                .setAttempts(1)
                .setDetail("200 OK from the phone")
                .setCompletedAt(AT.plusMillis(85))
                .setLatencyMillis(85L)
                .build();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
