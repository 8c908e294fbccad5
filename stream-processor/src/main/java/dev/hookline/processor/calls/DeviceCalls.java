package dev.hookline.processor.calls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hookline.schema.CallOutcome;
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
 * @param ending           calls that ended unanswered, held for the reorder window in case their
 *                         answer arrives late (no longer in progress: not in {@code calls})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceCalls(
        String deviceId,
        Hook hook,
        Long pendingOffHookAt,
        long lastEventAt,
        List<OpenCall> calls,
        RecentEnd recentEnd,
        List<EndingCall> ending) {

    /** Hook state of the handset as last reported. */
    public enum Hook { ON, OFF, UNKNOWN }

    /** The last ended call: used only to ignore its trailing or duplicated events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecentEnd(String callId, String remoteUser, long endedAt) {
    }

    /**
     * A call whose end was reported without an answer: its session waits until the phone's time
     * passes {@code endedAt} plus the reorder window, so an answer that reached Kafka after the
     * end (one phone's requests through two gateways) still makes it ANSWERED.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndingCall(OpenCall call, long endedAt, CallOutcome outcome) {
    }

    public DeviceCalls {
        calls = calls == null ? List.of() : List.copyOf(calls);
        hook = hook == null ? Hook.UNKNOWN : hook;
        ending = ending == null ? List.of() : List.copyOf(ending);
    }

    public DeviceCalls(String deviceId, Hook hook, Long pendingOffHookAt, long lastEventAt, List<OpenCall> calls,
                       RecentEnd recentEnd) {
        this(deviceId, hook, pendingOffHookAt, lastEventAt, calls, recentEnd, List.of());
    }

    public static DeviceCalls empty(String deviceId) {
        return new DeviceCalls(deviceId, Hook.UNKNOWN, null, 0L, List.of(), null, List.of());
    }

    /** True when no call is open and no off hook waits for dialing. */
    public boolean noCallInProgress() {
        return calls.isEmpty() && pendingOffHookAt == null;
    }

    /** True while an ended call's session is held for the reorder window. */
    public boolean holdsEndings() {
        return !ending.isEmpty();
    }
}
