package dev.hookline.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A fully populated value of every record type (every optional field set), for tests. Builders,
 * so a test can vary a field without copying a record.
 */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-11-23T09:00:04.100Z");
    public static final String DEVICE = "805ec0a1b2c3";

    private Samples() {
    }

    public static RawPhoneRequest.Builder rawPhoneRequest() {
        return RawPhoneRequest.newBuilder()
                .setRequestId("req-1")
                .setReceivedAt(T0)
                .setGatewayId("gw-1")
                .setTenant("site-a")
                .setDeviceId(DEVICE)
                .setSourceAddress("10.1.2.21")
                .setSourcePort(5060)
                .setMethod("POST")
                .setPath("/incoming/yealink")
                .setQuery("device=805ec0a1b2c3&remote=sip%3A2002%40pbx")
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .setHeaders(Map.of("User-Agent", "Yealink SIP-T46S", "X-Forwarded-For", "10.1.2.21"))
                .setBody(ByteBuffer.wrap("<event/>".getBytes(StandardCharsets.UTF_8)))
                .setSource(EventSource.POLL);
    }

    public static PhoneEvent.Builder phoneEvent() {
        return PhoneEvent.newBuilder()
                .setEventId("evt-1")
                .setDeviceId(DEVICE)
                .setType(EventType.INCOMING_CALL)
                .setVendor("yealink")
                .setModel("SIP-T46S")
                .setFirmware("66.86.0.15")
                .setPhoneIp("10.1.2.21")
                .setLine("1001@pbx.example")
                .setLocalUser("1001")
                .setLocalHost("pbx.example")
                .setLocalDisplayName("Desk 1")
                .setRemoteUser("2002")
                .setRemoteHost("pbx.example")
                .setRemoteDisplayName("Alice")
                .setCallId("call-42")
                .setLineState(LineState.INCOMING)
                .setDirection(Direction.INBOUND)
                .setTransferTarget("1003")
                .setOccurredAt(T0)
                .setSource(EventSource.ACTION_URL)
                .setAttributes(Map.of("call_id", "42"))
                .setRawRef(RawRef.newBuilder().setTopic("phone.raw.v1").setPartition(3).setOffset(1234L).build());
    }

    public static DeadLetter.Builder deadLetter() {
        return DeadLetter.newBuilder()
                .setReason("no vendor profile matches the path")
                .setErrorCode("UNKNOWN_EVENT")
                .setFailedAt(T0)
                .setSourceTopic("phone.raw.v1")
                .setSourcePartition(3)
                .setSourceOffset(1234L)
                .setRequest(rawPhoneRequest().build())
                .setRawValue(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    public static CallSession.Builder callSession() {
        return CallSession.newBuilder()
                .setSessionId("sess-1")
                .setDeviceId(DEVICE)
                .setLine("1001@pbx.example")
                .setDirection(Direction.INBOUND)
                .setLocalUser("1001")
                .setLocalHost("pbx.example")
                .setRemoteUser("2002")
                .setRemoteHost("pbx.example")
                .setRemoteDisplayName("Alice")
                .setCallId("call-42")
                .setStartedAt(T0)
                .setRingingAt(T0)
                .setAnsweredAt(T0.plusSeconds(5))
                .setEndedAt(T0.plusSeconds(65))
                .setRingMillis(5_000L)
                .setTalkMillis(60_000L)
                .setHoldMillis(10_000L)
                .setOutcome(CallOutcome.TRANSFERRED)
                .setTransferTarget("3003")
                .setEventCount(6)
                .setVendor("yealink")
                .setModel("SIP-T46S");
    }

    public static CallState.Builder callState() {
        return CallState.newBuilder()
                .setDeviceId(DEVICE)
                .setCallKey("call-42")
                .setLine("1001@pbx.example")
                .setDirection(Direction.OUTBOUND)
                .setState(CallStatus.HELD)
                .setLocalUser("1001")
                .setLocalHost("pbx.example")
                .setRemoteUser("2002")
                .setRemoteHost("pbx.example")
                .setRemoteDisplayName("Alice")
                .setCallId("call-42")
                .setStartedAt(T0)
                .setAnsweredAt(T0.plusSeconds(5))
                .setUpdatedAt(T0.plusSeconds(20));
    }

    public static LineStatus.Builder lineStatus() {
        return LineStatus.newBuilder()
                .setDeviceId(DEVICE)
                .setLine("1001@pbx.example")
                .setRegistration(Registration.REGISTERED)
                .setAvailability(Availability.DND)
                .setSince(T0)
                .setUpdatedAt(T0.plusSeconds(1))
                .setLastEventType(EventType.DND_ON);
    }

    public static DeviceState.Builder deviceState() {
        return DeviceState.newBuilder()
                .setDeviceId(DEVICE)
                .setVendor("yealink")
                .setModel("SIP-T46S")
                .setFirmware("66.86.0.15")
                .setIp("10.1.2.21")
                .setHook(HookState.OFF)
                .setDnd(true)
                .setForwardAlways(false)
                .setForwardBusy(true)
                .setForwardNoAnswer(false)
                .setActiveCalls(2)
                .setLines(List.of("1001@pbx.example", "1002@pbx.example"))
                .setFirstSeen(T0)
                .setLastSeen(T0.plusSeconds(3600))
                .setLastEventType(EventType.OFF_HOOK);
    }

    public static DeviceAddress.Builder deviceAddress() {
        return DeviceAddress.newBuilder()
                .setTenant("site-7")
                .setAddress("10.1.2.21")
                .setDeviceId(DEVICE)
                .setSince(T0)
                .setSeenAt(T0.plusSeconds(3600));
    }

    public static PhoneCommand.Builder phoneCommand() {
        return PhoneCommand.newBuilder()
                .setCommandId("cmd-1")
                .setDeviceId(DEVICE)
                .setAction(CommandAction.DIAL)
                .setNumber("2002")
                .setAccount("1001@pbx.example")
                .setKeys("OK")
                .setRequestedAt(T0)
                .setExpiresAt(T0.plusSeconds(60))
                .setRequestedBy("operator-7");
    }

    public static CommandResult.Builder commandResult() {
        return CommandResult.newBuilder()
                .setCommandId("cmd-1")
                .setDeviceId(DEVICE)
                .setAction(CommandAction.DIAL)
                .setStatus(CommandStatus.AUTH_FAILED)
                .setHttpStatus(401)
                .setAttempts(2)
                .setDetail("phone answered 401")
                .setCompletedAt(T0.plusMillis(250))
                .setLatencyMillis(250L);
    }

    /** One value of each of the ten record types, in the catalogue's order. */
    public static List<SpecificRecord> all() {
        return List.of(rawPhoneRequest().build(), phoneEvent().build(), deadLetter().build(),
                callSession().build(), callState().build(), lineStatus().build(), deviceState().build(),
                deviceAddress().build(), phoneCommand().build(), commandResult().build());
    }

    /** The sample of the given record type. */
    public static <T extends SpecificRecord> T of(Class<T> type) {
        return all().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample of " + type.getName()));
    }
}
