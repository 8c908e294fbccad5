package dev.hookline.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.Availability;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Direction;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.Registration;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.StoredCall;
import dev.hookline.schema.StoredCalls;
import dev.hookline.schema.StoredEndingCall;
import dev.hookline.schema.StoredRecentEnd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PhoneStateSerdeTest {

    private static final String MAC = "805ec0a1b2c3";

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    /** A phone with every kind of entry: a full call, a sparse one, a held end, the last end. */
    static StoredCalls calls() {
        StoredCall full = StoredCall.newBuilder().setCallKey("7").setCallId("7").setDirection(Direction.INBOUND)
                .setStatus(CallStatus.CONNECTED).setLine("1001@pbx").setLocalUser("1001").setLocalHost("pbx")
                .setRemoteUser("2002").setRemoteHost("pbx").setRemoteDisplayName("Alice Example").setVendor("yealink")
                .setModel("SIP-T46S").setStartedAt(1_000L).setRingingAt(1_000L).setAnsweredAt(3_000L)
                .setAnswerConfirmed(true).setHoldStartedAt(9_000L).setHoldMillis(2_500L).setEventCount(4)
                .setLastEventAt(9_000L).setLastEventType("HOLD").setTransferTarget("2003").build();
        StoredCall sparse = StoredCall.newBuilder().setCallKey("t5000").setDirection(Direction.OUTBOUND)
                .setStatus(CallStatus.DIALING).setStartedAt(5_000L).setEventCount(1).setLastEventAt(5_000L).build();
        return StoredCalls.newBuilder().setDeviceId(MAC).setHook(HookState.OFF).setPendingOffHookAt(4_000L)
                .setLastEventAt(9_000L).setCalls(List.of(full, sparse))
                .setRecentEnd(StoredRecentEnd.newBuilder().setCallId("6").setRemoteUser("2001").setEndedAt(800L).build())
                .setEnding(List.of(StoredEndingCall.newBuilder().setCall(sparse).setEndedAt(6_000L)
                        .setOutcome(CallOutcome.CANCELLED.name()).build()))
                .build();
    }

    @Test
    void shouldReadBackEveryPartOfAPhonesState() {
        DeviceState device = DeviceState.newBuilder().setDeviceId(MAC).setVendor("yealink").setHook(HookState.OFF)
                .setLines(List.of("1001@pbx")).setFirstSeen(Instant.ofEpochMilli(1)).setLastSeen(Instant.ofEpochMilli(9_000))
                .build();
        LineStatus line = LineStatus.newBuilder().setDeviceId(MAC).setLine("1001@pbx").setRegistration(Registration.REGISTERED)
                .setAvailability(Availability.BUSY).setSince(Instant.ofEpochMilli(1_000)).setUpdatedAt(Instant.ofEpochMilli(9_000))
                .build();
        PhoneState state = new PhoneState(MAC, calls(), device, Map.of("1001@pbx", line),
                RecentRequests.NONE.add(42L, 9_000L, 1_000L), RequestIds.NONE.add(7L).add(8L));

        assertThat(PhoneStateSerde.fromBytes(PhoneStateSerde.toBytes(state))).isEqualTo(state);
    }

    @Test
    void shouldStillReadAnEntryWrittenWithTheCallsInJson() {
        // calls() as the JSON serde of format versions 1 and 2 wrote it
        byte[] json = ("{\"deviceId\":\"805ec0a1b2c3\",\"hook\":\"OFF\",\"pendingOffHookAt\":4000,\"lastEventAt\":9000,"
                + "\"calls\":[{\"callKey\":\"7\",\"callId\":\"7\",\"direction\":\"INBOUND\",\"status\":\"CONNECTED\","
                + "\"line\":\"1001@pbx\",\"localUser\":\"1001\",\"localHost\":\"pbx\",\"remoteUser\":\"2002\","
                + "\"remoteHost\":\"pbx\",\"remoteDisplayName\":\"Alice Example\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                + "\"startedAt\":1000,\"ringingAt\":1000,\"answeredAt\":3000,\"answerConfirmed\":true,\"holdStartedAt\":9000,"
                + "\"holdMillis\":2500,\"eventCount\":4,\"lastEventAt\":9000,\"lastEventType\":\"HOLD\",\"transferTarget\":\"2003\"},"
                + "{\"callKey\":\"t5000\",\"direction\":\"OUTBOUND\",\"status\":\"DIALING\",\"startedAt\":5000,"
                + "\"answerConfirmed\":false,\"holdMillis\":0,\"eventCount\":1,\"lastEventAt\":5000}],"
                + "\"recentEnd\":{\"callId\":\"6\",\"remoteUser\":\"2001\",\"endedAt\":800},"
                + "\"ending\":[{\"call\":{\"callKey\":\"t5000\",\"direction\":\"OUTBOUND\",\"status\":\"DIALING\","
                + "\"startedAt\":5000,\"answerConfirmed\":false,\"holdMillis\":0,\"eventCount\":1,\"lastEventAt\":5000},"
                + "\"endedAt\":6000,\"outcome\":\"CANCELLED\"}]}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer version2 = ByteBuffer.allocate(1 + 4 + json.length + 4 + 4 + 4 + 4)
                .put((byte) 2).putInt(json.length).put(json).putInt(-1).putInt(0).putInt(0).putInt(0);

        PhoneState read = PhoneStateSerde.fromBytes(version2.array());

        assertThat(read.calls()).isEqualTo(calls());
        assertThat(read.device()).isNull();
    }

    @Test
    void nullStaysNull() {
        assertThat(PhoneStateSerde.toBytes(null)).isNull();
        assertThat(PhoneStateSerde.fromBytes(null)).isNull();
    }
}
