package dev.hookline.processor.state;

import dev.hookline.processor.calls.PhoneCalls;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.StoredCalls;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the processor keeps about one phone, in one store entry (one read and one write per
 * event): its calls in progress, its device state, its lines' status and the requests it sent
 * in the last de-duplication window. Its size is bounded: a fixed number of lines
 * ({@code Presence.MAX_LINES}) and recent requests ({@link RecentRequests#MAX}), and only the
 * calls in progress.
 *
 * @param deviceId the phone
 * @param calls    its calls in progress
 * @param device   its device state, null before its first event
 * @param lines    its lines' status by line (account), sorted
 * @param recent   the requests it sent within the de-duplication window
 * @param requestIds the ids of its last events, to drop the gateway's redelivered copies
 */
public record PhoneState(String deviceId, StoredCalls calls, DeviceState device, Map<String, LineStatus> lines,
                         RecentRequests recent, RequestIds requestIds) {

    public PhoneState {
        Objects.requireNonNull(deviceId, "deviceId");
        calls = calls == null ? PhoneCalls.none(deviceId) : calls;
        lines = Collections.unmodifiableMap(new TreeMap<>(lines));
        recent = recent == null ? RecentRequests.NONE : recent;
        requestIds = requestIds == null ? RequestIds.NONE : requestIds;
    }

    public static PhoneState empty(String deviceId) {
        return new PhoneState(deviceId, PhoneCalls.none(deviceId), null, Map.of(), RecentRequests.NONE, RequestIds.NONE);
    }

    public PhoneState withCalls(StoredCalls newCalls) {
        return new PhoneState(deviceId, newCalls, device, lines, recent, requestIds);
    }

    public PhoneState withRecent(RecentRequests newRecent) {
        return new PhoneState(deviceId, calls, device, lines, newRecent, requestIds);
    }

    public PhoneState withRequestIds(RequestIds newRequestIds) {
        return new PhoneState(deviceId, calls, device, lines, recent, newRequestIds);
    }

    /** The new device state and changed lines; lines the device no longer lists are forgotten. */
    public PhoneState withPresence(DeviceState newDevice, List<LineStatus> changedLines) {
        if (changedLines.isEmpty() && newDevice.getLines().size() >= lines.size()) {
            return new PhoneState(deviceId, calls, newDevice, lines, recent, requestIds);
        }
        Map<String, LineStatus> merged = new TreeMap<>(lines);
        for (LineStatus line : changedLines) {
            merged.put(line.getLine(), line);
        }
        merged.keySet().retainAll(newDevice.getLines());
        return new PhoneState(deviceId, calls, newDevice, merged, recent, requestIds);
    }

    /**
     * True while the time-out punctuator has work on this phone: a call is open, an off hook
     * waits for dialing, or a call's ending is still remembered.
     */
    public boolean needsTimeoutCheck() {
        return !PhoneCalls.noCallInProgress(calls) || calls.getRecentEnd() != null;
    }
}
