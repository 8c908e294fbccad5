package dev.hookline.processor.calls;

import dev.hookline.schema.HookState;
import dev.hookline.schema.StoredCalls;

/**
 * A phone's calls in progress are the Avro {@link StoredCalls} its store entry holds, the one
 * form the correlator reads, changes (through their builders, into a new one per step) and the
 * store writes. What a {@code StoredCall} keeps beyond the live call state: {@code answerConfirmed}
 * is true once ESTABLISHED was seen (an answer taken from an off hook is provisional),
 * {@code lastEventType} serves the duplicate check. A finished call leaves {@code calls}; an
 * unanswered one may wait in {@code ending} for the reorder window.
 */
public final class PhoneCalls {

    private PhoneCalls() {
    }

    /** A phone with no call and nothing seen yet. */
    public static StoredCalls none(String deviceId) {
        return StoredCalls.newBuilder().setDeviceId(deviceId).setHook(HookState.UNKNOWN).setLastEventAt(0L).build();
    }

    /** True when no call is open and no off hook waits for dialing. */
    public static boolean noCallInProgress(StoredCalls calls) {
        return calls.getCalls().isEmpty() && calls.getPendingOffHookAt() == null;
    }

    /** True while an ended call's session is held for the reorder window. */
    public static boolean holdsEndings(StoredCalls calls) {
        return !calls.getEnding().isEmpty();
    }
}
