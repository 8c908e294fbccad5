package dev.hookline.dispatcher.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import dev.hookline.schema.Topics;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeviceDirectoryTest {

    private static final String TOPIC = "device.state.v1";

    private final DeviceDirectory directory = new DeviceDirectory(TOPIC, dev.hookline.schema.Topics.DEVICE_STATE.valueSerde(), 8080);
    private long offset;

    private void apply(String deviceId, DeviceState state) {
        byte[] value = state == null ? null : Topics.DEVICE_STATE.valueSerde().encode(TOPIC, state);
        directory.apply(new ConsumerRecord<>(TOPIC, 0, offset++, deviceId, value));
    }

    private static DeviceState state(String deviceId, String vendor, String ip) {
        return DeviceState.newBuilder().setDeviceId(deviceId).setVendor(vendor).setModel("T46S").setIp(ip)
                .setHook(HookState.ON).setFirstSeen(Instant.EPOCH).setLastSeen(Instant.EPOCH).build();
    }

    @Test
    void shouldFindTheLatestAddressOfADevice() {
        apply("805ec0a1b2c3", state("805ec0a1b2c3", "Yealink", "10.0.0.5"));
        apply("805ec0a1b2c3", state("805ec0a1b2c3", "Yealink", "10.0.0.6"));

        assertThat(directory.find("805ec0a1b2c3"))
                .contains(new PhoneTarget("805ec0a1b2c3", "yealink", "T46S", "10.0.0.6", 8080));
        assertThat(directory.phones()).hasSize(1);
    }

    @Test
    void shouldForgetADeviceOnATombstoneAndIgnoreOneWithoutAddress() {
        apply("a", state("a", "snom", "10.0.0.7"));
        apply("b", state("b", "snom", null));
        apply("a", null);

        assertThat(directory.find("a")).isEmpty();
        assertThat(directory.find("b")).as("no address: nowhere to send").isEmpty();
        assertThat(directory.find("c")).isEmpty();
        assertThat(directory.phones()).isEmpty();
    }
}
