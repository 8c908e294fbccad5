package dev.hookline.processor.calls;

import dev.hookline.schema.CallSession;
import dev.hookline.schema.StoredCalls;
import java.util.List;

/**
 * Result of one correlation step.
 *
 * @param state    the new state of the phone; null means "delete it from the store"
 *                 (only {@link CallCorrelator#expire} returns null, for an idle phone)
 * @param sessions calls that ended in this step, each emitted exactly once
 * @param changes  call state upserts and tombstones, in order
 */
public record Step(StoredCalls state, List<CallSession> sessions, List<CallStateChange> changes) {

    public Step {
        sessions = List.copyOf(sessions);
        changes = List.copyOf(changes);
    }
}
