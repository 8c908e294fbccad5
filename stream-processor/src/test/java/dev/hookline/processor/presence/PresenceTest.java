package dev.hookline.processor.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.Availability;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.EventType;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.Registration;
import dev.hookline.schema.SchemaTrust;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final String DEVICE = "805ec0a1b2c3";
    private final Map<String, LineStatus> lines = new HashMap<>();
    private DeviceState device;
    private long clock = 1_700_000_000_000L;

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    private Presence.Change send(EventType type, String line, Set<String> busy, int activeCalls) {
        clock += 1000;
        PhoneEvent event = PhoneEvent.newBuilder().setEventId("e" + clock).setDeviceId(DEVICE).setType(type)
                .setLine(line).setVendor("yealink").setModel("SIP-T46S").setPhoneIp("10.1.2.3")
                .setOccurredAt(Instant.ofEpochMilli(clock)).build();
        Presence.Change change = Presence.apply(device, lines, event, busy, activeCalls);
        device = change.device();
        change.lines().forEach(status -> lines.put(status.getLine(), status));
        return change;
    }

    private Presence.Change send(EventType type, String line) {
        return send(type, line, Set.of(), 0);
    }

    @Test
    void shouldMarkARegisteredLineAvailableOnceAndNotRepeatIt() {
        Presence.Change first = send(EventType.REGISTERED, "1014@pbx.example");
        Presence.Change again = send(EventType.REGISTERED, "1014@pbx.example");

        assertThat(first.lines()).singleElement().satisfies(status -> {
            assertThat(status.getRegistration()).isEqualTo(Registration.REGISTERED);
            assertThat(status.getAvailability()).isEqualTo(Availability.AVAILABLE);
        });
        assertThat(first.deviceChanged()).isTrue();
        assertThat(again.lines()).as("emitted on change only").isEmpty();
        assertThat(again.deviceChanged()).isFalse();
    }

    @Test
    void shouldTakeAFailedRegistrationOffline() {
        send(EventType.REGISTERED, "1015@pbx.example");
        Presence.Change failed = send(EventType.REGISTER_FAILED, "1515@pbx.example");

        assertThat(failed.lines()).singleElement().satisfies(status -> {
            assertThat(status.getLine()).isEqualTo("1515@pbx.example");
            assertThat(status.getRegistration()).isEqualTo(Registration.FAILED);
            assertThat(status.getAvailability()).isEqualTo(Availability.OFFLINE);
        });
        assertThat(lines.get("1015@pbx.example").getAvailability()).isEqualTo(Availability.AVAILABLE);
        assertThat(device.getLines()).containsExactly("1015@pbx.example", "1515@pbx.example");
    }

    @Test
    void shouldPutEveryRegisteredLineOnDndAndBack() {
        send(EventType.REGISTERED, "1001@pbx.example");
        send(EventType.REGISTERED, "1002@pbx.example");

        Presence.Change dnd = send(EventType.DND_ON, null);
        assertThat(dnd.lines()).extracting(LineStatus::getAvailability).containsOnly(Availability.DND).hasSize(2);
        assertThat(device.getDnd()).isTrue();

        Presence.Change off = send(EventType.DND_OFF, null);
        assertThat(off.lines()).extracting(LineStatus::getAvailability).containsOnly(Availability.AVAILABLE);
    }

    @Test
    void shouldShowALineInACallAsBusyWithItsSince() {
        send(EventType.REGISTERED, "1001@pbx.example");
        Presence.Change ringing = send(EventType.INCOMING_CALL, "1001@pbx.example", Set.of("1001@pbx.example"), 1);
        long busySince = clock;
        send(EventType.OFF_HOOK, "1001@pbx.example", Set.of("1001@pbx.example"), 1);

        assertThat(ringing.lines()).singleElement().extracting(LineStatus::getAvailability).isEqualTo(Availability.BUSY);
        assertThat(lines.get("1001@pbx.example").getSince().toEpochMilli()).isEqualTo(busySince);
        assertThat(device.getHook()).isEqualTo(HookState.OFF);
        assertThat(device.getActiveCalls()).isEqualTo(1);

        Presence.Change idle = send(EventType.ON_HOOK, "1001@pbx.example", Set.of(), 0);
        assertThat(idle.lines()).singleElement().extracting(LineStatus::getAvailability).isEqualTo(Availability.AVAILABLE);
        assertThat(device.getHook()).isEqualTo(HookState.ON);
    }

    @Test
    void shouldKeepAFixedNumberOfLinesPerPhone() {
        for (int i = 0; i < Presence.MAX_LINES + 5; i++) {
            send(EventType.REGISTERED, "line" + i);
        }

        assertThat(device.getLines()).hasSize(Presence.MAX_LINES).endsWith("line" + (Presence.MAX_LINES + 4));
        assertThat(device.getVendor()).isEqualTo("yealink");
        assertThat(device.getIp()).isEqualTo("10.1.2.3");
        assertThat(List.copyOf(device.getLines())).doesNotContain("line0");
    }
}
