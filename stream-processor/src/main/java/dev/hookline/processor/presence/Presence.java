package dev.hookline.processor.presence;

import dev.hookline.schema.Availability;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.EventType;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.Registration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Line availability and device state from phone events (docs/architecture.md, "LineStatus"):
 * registration per account, and availability derived from it, the phone's DND and forwards and
 * whether the line is in a call. Pure: the processor keeps the state in stores and emits what
 * changed.
 */
public final class Presence {

    /** Most lines remembered per phone, so a device's state has a fixed size. */
    static final int MAX_LINES = 16;

    private Presence() {
    }

    /** What one event changed: the device's new state, and each line whose status changed. */
    public record Change(DeviceState device, boolean deviceChanged, List<LineStatus> lines) {
    }

    /**
     * @param previous  the phone's state before, or null for a new phone
     * @param lines     the phone's current line statuses, by line
     * @param event     the event
     * @param busyLines lines with a call in progress after this event
     */
    public static Change apply(DeviceState previous, Map<String, LineStatus> lines, PhoneEvent event, Set<String> busyLines,
                               int activeCalls) {
        Instant at = event.getOccurredAt();
        DeviceState.Builder builder = previous == null ? newDevice(event) : DeviceState.newBuilder(previous);
        applyToDevice(builder, event, activeCalls);
        List<String> known = builder.getLines() == null ? new ArrayList<>() : new ArrayList<>(builder.getLines());
        String eventLine = event.getLine();
        if (eventLine != null && !known.contains(eventLine)) {
            if (known.size() >= MAX_LINES) {
                known.remove(0);
            }
            known.add(eventLine);
        }
        builder.setLines(known).setLastSeen(at).setLastEventType(event.getType());
        DeviceState device = builder.build();
        boolean deviceChanged = previous == null || !sameIgnoringTimes(previous, device);

        List<LineStatus> changed = new ArrayList<>();
        for (String line : known) {
            LineStatus before = lines.get(line);
            Registration registration = registrationAfter(before == null ? Registration.UNKNOWN : before.getRegistration(),
                    line.equals(eventLine) ? event.getType() : null);
            Availability availability = availability(registration, device, busyLines.contains(line));
            if (before == null || before.getRegistration() != registration || before.getAvailability() != availability) {
                boolean availabilityChanged = before == null || before.getAvailability() != availability;
                changed.add(LineStatus.newBuilder()
                        .setDeviceId(event.getDeviceId())
                        .setLine(line)
                        .setRegistration(registration)
                        .setAvailability(availability)
                        .setSince(availabilityChanged ? at : before.getSince())
                        .setUpdatedAt(at)
                        .setLastEventType(event.getType())
                        .build());
            }
        }
        return new Change(device, deviceChanged, changed);
    }

    private static DeviceState.Builder newDevice(PhoneEvent event) {
        return DeviceState.newBuilder()
                .setDeviceId(event.getDeviceId())
                .setHook(HookState.UNKNOWN)
                .setFirstSeen(event.getOccurredAt())
                .setLastSeen(event.getOccurredAt());
    }

    private static void applyToDevice(DeviceState.Builder device, PhoneEvent event, int activeCalls) {
        device.setVendor(firstNonNull(event.getVendor(), device.getVendor()));
        device.setModel(firstNonNull(event.getModel(), device.getModel()));
        device.setFirmware(firstNonNull(event.getFirmware(), device.getFirmware()));
        device.setIp(firstNonNull(event.getPhoneIp(), device.getIp()));
        device.setActiveCalls(activeCalls);
        EventType type = event.getType();
        switch (type) {
            case OFF_HOOK, HEADSET, HANDSFREE -> device.setHook(HookState.OFF);
            case ON_HOOK -> device.setHook(HookState.ON);
            case DND_ON -> device.setDnd(true);
            case DND_OFF -> device.setDnd(false);
            case ALWAYS_FORWARD_ON -> device.setForwardAlways(true);
            case ALWAYS_FORWARD_OFF -> device.setForwardAlways(false);
            case BUSY_FORWARD_ON -> device.setForwardBusy(true);
            case BUSY_FORWARD_OFF -> device.setForwardBusy(false);
            case NO_ANSWER_FORWARD_ON -> device.setForwardNoAnswer(true);
            case NO_ANSWER_FORWARD_OFF -> device.setForwardNoAnswer(false);
            default -> {
                // Other events change no device field beyond what is set above.
            }
        }
    }

    static Registration registrationAfter(Registration before, EventType type) {
        if (type == null) {
            return before;
        }
        return switch (type) {
            case REGISTERED, LOG_ON -> Registration.REGISTERED;
            case UNREGISTERED, LOG_OFF -> Registration.UNREGISTERED;
            case REGISTER_FAILED -> Registration.FAILED;
            // A line that makes or takes calls is registered, whatever was missed before.
            case INCOMING_CALL, OUTGOING_CALL, ESTABLISHED -> before == Registration.UNKNOWN ? Registration.REGISTERED : before;
            default -> before;
        };
    }

    /** A line's availability once no call holds it. */
    public static Availability availabilityWhenIdle(Registration registration, DeviceState device) {
        return availability(registration, device, false);
    }

    static Availability availability(Registration registration, DeviceState device, boolean busy) {
        if (registration == Registration.UNREGISTERED || registration == Registration.FAILED) {
            return Availability.OFFLINE;
        }
        if (busy) {
            return Availability.BUSY;
        }
        if (Boolean.TRUE.equals(device.getDnd())) {
            return Availability.DND;
        }
        if (Boolean.TRUE.equals(device.getForwardAlways())) {
            return Availability.FORWARDED;
        }
        return registration == Registration.REGISTERED ? Availability.AVAILABLE : Availability.UNKNOWN;
    }

    private static boolean sameIgnoringTimes(DeviceState a, DeviceState b) {
        Function<DeviceState, List<Object>> fields = d -> java.util.Arrays.asList(d.getVendor(), d.getModel(),
                d.getFirmware(), d.getIp(), d.getHook(), d.getDnd(), d.getForwardAlways(), d.getForwardBusy(),
                d.getForwardNoAnswer(), d.getActiveCalls(), d.getLines());
        return Objects.equals(fields.apply(a), fields.apply(b));
    }

    private static String firstNonNull(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
