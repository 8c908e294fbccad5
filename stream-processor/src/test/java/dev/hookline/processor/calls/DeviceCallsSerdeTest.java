package dev.hookline.processor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallStatus;
import dev.hookline.schema.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCallsSerdeTest {

    private final DeviceCallsSerde serde = new DeviceCallsSerde();

    @Test
    void roundTripsAStateWithOpenCalls() {
        OpenCall call = new OpenCall("7", "7", Direction.INBOUND, CallStatus.HELD, "1001@pbx", "1001", "pbx",
                "2049", "pbx", "Bob Smith", "yealink", "SIP-T46S", 1000L, 1000L, 5000L, true, 9000L, 1200L,
                5, 9000L, "HOLD", null);
        DeviceCalls state = new DeviceCalls("805ec062e6b4", DeviceCalls.Hook.OFF, null, 9000L, List.of(call),
                new DeviceCalls.RecentEnd("6", "2000", 500L));
        byte[] bytes = serde.serializer().serialize("t", state);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
    }

    @Test
    void ignoresUnknownFieldsAndFillsMissingOnes() {
        String json = "{\"deviceId\":\"d1\",\"future\":{\"x\":1},\"calls\":[{\"callKey\":\"k\",\"direction\":\"OUTBOUND\","
                + "\"status\":\"RINGBACK\",\"startedAt\":5,\"newField\":true}],\"lastEventAt\":5}";
        DeviceCalls s = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(s.deviceId()).isEqualTo("d1");
        assertThat(s.hook()).isEqualTo(DeviceCalls.Hook.UNKNOWN);
        assertThat(s.calls()).singleElement().satisfies(c -> {
            assertThat(c.callKey()).isEqualTo("k");
            assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(c.eventCount()).isZero();
        });
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
