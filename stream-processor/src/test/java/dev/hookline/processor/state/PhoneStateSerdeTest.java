package dev.hookline.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.calls.DeviceCalls;
import dev.hookline.processor.calls.DeviceCallsSerde;
import dev.hookline.processor.calls.OpenCall;
import dev.hookline.schema.Availability;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Direction;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.Registration;
import dev.hookline.schema.SchemaTrust;
import java.nio.ByteBuffer;
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

    private static DeviceCalls calls() {
        OpenCall full = new OpenCall("7", "7", Direction.INBOUND, CallStatus.CONNECTED, "1001@pbx", "1001", "pbx",
                "2002", "pbx", "Alice Example", "yealink", "SIP-T46S", 1_000L, 1_000L, 3_000L, true, 9_000L, 2_500L, 4,
                9_000L, "HOLD", "2003");
        OpenCall sparse = new OpenCall("t5000", null, Direction.OUTBOUND, CallStatus.DIALING, null, null, null, null, null,
                null, null, null, 5_000L, null, null, false, null, 0L, 1, 5_000L, null, null);
        return new DeviceCalls(MAC, DeviceCalls.Hook.OFF, 4_000L, 9_000L, List.of(full, sparse),
                new DeviceCalls.RecentEnd("6", "2001", 800L));
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
        byte[] json = DeviceCallsSerde.toBytes(calls());
        ByteBuffer version2 = ByteBuffer.allocate(1 + 4 + json.length + 4 + 4 + 4 + 4)
                .put((byte) 2).putInt(json.length).put(json).putInt(-1).putInt(0).putInt(0).putInt(0);

        PhoneState read = PhoneStateSerde.fromBytes(version2.array());

        assertThat(read.calls()).isEqualTo(calls());
        assertThat(read.device()).isNull();
    }
}
