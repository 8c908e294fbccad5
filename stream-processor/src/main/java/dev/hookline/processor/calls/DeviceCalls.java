package dev.hookline.processor.calls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The calls in progress on one phone (immutable; the correlator makes a new one per event).
 * A finished call leaves no entry in {@link #calls()}; {@link #recentEnd()} only remembers the
 * last ending for a few seconds so that late duplicates of it do not start a ghost call.
 *
 * @param deviceId         the phone
 * @param hook             last known hook state
 * @param pendingOffHookAt off hook seen with no call yet (the start of an outbound call if
 *                         dialing follows); cleared by on hook
 * @param lastEventAt      time of the newest event seen for this phone (epoch ms)
 * @param calls            open calls, oldest first
 * @param recentEnd        the last call that ended, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceCalls(
        String deviceId,
        Hook hook,
        Long pendingOffHookAt,
        long lastEventAt,
        List<OpenCall> calls,
        RecentEnd recentEnd) {

    /** Hook state of the handset as last reported. */
    public enum Hook { ON, OFF, UNKNOWN }

    /** The last ended call: used only to ignore its trailing or duplicated events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecentEnd(String callId, String remoteUser, long endedAt) {
    }

    public DeviceCalls {
        calls = calls == null ? List.of() : List.copyOf(calls);
        hook = hook == null ? Hook.UNKNOWN : hook;
    }

    public static DeviceCalls empty(String deviceId) {
        return new DeviceCalls(deviceId, Hook.UNKNOWN, null, 0L, List.of(), null);
    }

    /** True when no call is open and no off hook waits for dialing. */
    public boolean noCallInProgress() {
        return calls.isEmpty() && pendingOffHookAt == null;
    }
}
