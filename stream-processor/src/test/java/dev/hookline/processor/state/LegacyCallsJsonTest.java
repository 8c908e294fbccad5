package dev.hookline.processor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.schema.Direction;
import dev.hookline.schema.HookState;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.StoredCalls;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacyCallsJsonTest {

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    private static StoredCalls read(String json) {
        return LegacyCallsJson.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ignoresUnknownFieldsAndFillsMissingOnes() {
        StoredCalls s = read("{\"deviceId\":\"d1\",\"future\":{\"x\":1},\"calls\":[{\"callKey\":\"k\",\"direction\":\"OUTBOUND\","
                + "\"status\":\"RINGBACK\",\"startedAt\":5,\"newField\":true}],\"lastEventAt\":5}");

        assertThat(s.getDeviceId()).isEqualTo("d1");
        assertThat(s.getHook()).isEqualTo(HookState.UNKNOWN);
        assertThat(s.getPendingOffHookAt()).isNull();
        assertThat(s.getRecentEnd()).isNull();
        assertThat(s.getEnding()).isEmpty();
        assertThat(s.getCalls()).singleElement().satisfies(c -> {
            assertThat(c.getCallKey()).isEqualTo("k");
            assertThat(c.getDirection()).isEqualTo(Direction.OUTBOUND);
            assertThat(c.getEventCount()).isZero();
            assertThat(c.getLastEventAt()).isZero();
            assertThat(c.getAnsweredAt()).isNull();
        });
    }

    @Test
    void readsAnUnknownEnumSymbolAsTheDefaultOrNull() {
        StoredCalls s = read("{\"deviceId\":\"d1\",\"hook\":\"SIDEWAYS\",\"lastEventAt\":5,"
                + "\"calls\":[{\"callKey\":\"k\",\"direction\":\"UPWARDS\",\"startedAt\":5,\"lastEventAt\":5}]}");

        assertThat(s.getHook()).isEqualTo(HookState.UNKNOWN);
        assertThat(s.getCalls().get(0).getDirection()).isNull();
    }

    @Test
    void whatItReadsTheStoreCanWrite() {
        StoredCalls s = read("{\"deviceId\":\"d1\",\"calls\":[{\"callKey\":\"k\",\"startedAt\":5}],\"lastEventAt\":5}");
        PhoneState state = new PhoneState("d1", s, null, Map.of(), null, null);

        assertThat(PhoneStateSerde.fromBytes(PhoneStateSerde.toBytes(state))).isEqualTo(state);
    }

    @Test
    void failsOnWhatIsNotJson() {
        assertThatThrownBy(() -> read("not json")).isInstanceOf(SerializationException.class);
    }
}
