package dev.hookline.processor.normalize;

import dev.hookline.schema.EventSource;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.RawRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A status poll (source POLL, written by the command dispatcher in the {@link PollStatus} form)
 * becomes the events it stands for, so line and device state reconcile from notifications and
 * polls alike: each line registered or not, DND and each forward on or off.
 */
final class PollNormalizer {

    private PollNormalizer() {
    }

    static NormalizeResult normalize(RawPhoneRequest raw, RawRef rawRef) {
        if (!PollStatus.PATH.equals(raw.getPath())) {
            return new NormalizeResult.Rejected("UNKNOWN_POLL", "a poll record must have path " + PollStatus.PATH
                    + ", not " + raw.getPath());
        }
        PollStatus status = PollStatus.fromQuery(raw.getQuery());
        if (!status.reportsState()) {
            return new NormalizeResult.Rejected("EMPTY_POLL", "the poll reports no line, DND or forward state");
        }
        List<PhoneEvent> events = new ArrayList<>();
        status.registeredLines().forEach(line -> events.add(event(raw, rawRef, status, EventType.REGISTERED, line, events.size())));
        status.unregisteredLines().forEach(line -> events.add(event(raw, rawRef, status, EventType.UNREGISTERED, line, events.size())));
        addSwitch(events, raw, rawRef, status, status.dnd(), EventType.DND_ON, EventType.DND_OFF);
        addSwitch(events, raw, rawRef, status, status.forwardAlways(), EventType.ALWAYS_FORWARD_ON, EventType.ALWAYS_FORWARD_OFF);
        addSwitch(events, raw, rawRef, status, status.forwardBusy(), EventType.BUSY_FORWARD_ON, EventType.BUSY_FORWARD_OFF);
        addSwitch(events, raw, rawRef, status, status.forwardNoAnswer(), EventType.NO_ANSWER_FORWARD_ON,
                EventType.NO_ANSWER_FORWARD_OFF);
        return new NormalizeResult.Normalized(events);
    }

    private static void addSwitch(List<PhoneEvent> events, RawPhoneRequest raw, RawRef rawRef, PollStatus status,
                                  Boolean on, EventType whenOn, EventType whenOff) {
        if (on != null) {
            events.add(event(raw, rawRef, status, on ? whenOn : whenOff, null, events.size()));
        }
    }

    private static PhoneEvent event(RawPhoneRequest raw, RawRef rawRef, PollStatus status, EventType type, String line,
                                    int index) {
        String localUser = null;
        String localHost = null;
        if (line != null) {
            int at = line.indexOf('@');
            localUser = at < 0 ? line : line.substring(0, at);
            localHost = at < 0 ? null : line.substring(at + 1);
        }
        return PhoneEvent.newBuilder()
                .setEventId(raw.getRequestId() + "-" + index)
                .setDeviceId(raw.getDeviceId())
                .setType(type)
                .setVendor(status.vendor() == null ? null : status.vendor().toLowerCase(Locale.ROOT))
                .setModel(status.model())
                .setFirmware(status.firmware())
                .setPhoneIp(status.ip())
                .setLine(line)
                .setLocalUser(localUser)
                .setLocalHost(localHost)
                .setOccurredAt(raw.getReceivedAt())
                .setSource(EventSource.POLL)
                .setAttributes(Map.of())
                .setRawRef(rawRef)
                .build();
    }
}
