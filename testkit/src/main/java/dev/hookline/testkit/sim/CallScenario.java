package dev.hookline.testkit.sim;

import static dev.hookline.schema.EventType.BLIND_TRANSFER;
import static dev.hookline.schema.EventType.CANCEL_CALL_OUT;
import static dev.hookline.schema.EventType.ESTABLISHED;
import static dev.hookline.schema.EventType.FORWARD_INCOMING_CALL;
import static dev.hookline.schema.EventType.HOLD;
import static dev.hookline.schema.EventType.INCOMING_CALL;
import static dev.hookline.schema.EventType.MISSED_CALL;
import static dev.hookline.schema.EventType.OFF_HOOK;
import static dev.hookline.schema.EventType.ON_HOOK;
import static dev.hookline.schema.EventType.OUTGOING_CALL;
import static dev.hookline.schema.EventType.REJECT_INCOMING_CALL;
import static dev.hookline.schema.EventType.REMOTE_BUSY;
import static dev.hookline.schema.EventType.TERMINATED;
import static dev.hookline.schema.EventType.UNHOLD;

import dev.hookline.schema.EventType;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The calls a simulated phone makes. Each is played with the events its vendor has; a vendor
 * lacking an event the scenario cannot do without does not play it ({@link #supportedBy}).
 * The event sequences are in {@link CallScripts}.
 */
public enum CallScenario {
    /** Incoming, picked up, talked, hung up. */
    INBOUND_ANSWERED(t -> t.contains(INCOMING_CALL) && anyOf(t, OFF_HOOK, ESTABLISHED) && anyOf(t, TERMINATED, ON_HOOK)),
    /** Incoming, rang out. */
    MISSED(t -> t.contains(INCOMING_CALL) && anyOf(t, MISSED_CALL, TERMINATED)),
    /** Incoming, declined on the phone. */
    REJECTED(t -> t.contains(INCOMING_CALL) && t.contains(REJECT_INCOMING_CALL)),
    /** Incoming, forwarded from the phone while ringing. */
    FORWARDED(t -> t.contains(INCOMING_CALL) && t.contains(FORWARD_INCOMING_CALL)),
    /** Outgoing, the other side busy. */
    BUSY(t -> t.contains(OUTGOING_CALL) && t.contains(REMOTE_BUSY)),
    /** Outgoing, given up before an answer. */
    CANCELLED(t -> t.contains(OUTGOING_CALL) && anyOf(t, CANCEL_CALL_OUT, TERMINATED, ON_HOOK)),
    /** Outgoing, answered, talked, hung up. */
    OUTBOUND_ANSWERED(t -> t.contains(OUTGOING_CALL) && t.contains(ESTABLISHED) && anyOf(t, TERMINATED, ON_HOOK)),
    /** An answered incoming call put on hold and taken back. */
    HOLD_UNHOLD(t -> INBOUND_ANSWERED.supportedBy(t) && t.contains(HOLD) && t.contains(UNHOLD)),
    /** A second incoming call answered while in a call (the first held if the vendor reports hold). */
    CALL_WAITING(t -> t.contains(INCOMING_CALL) && t.contains(ESTABLISHED) && t.contains(TERMINATED)),
    /** A second incoming call rings while in a call and is not answered; the first goes on. */
    CALL_WAITING_MISSED(t -> INBOUND_ANSWERED.supportedBy(t) && t.contains(TERMINATED)),
    /** An answered incoming call passed on with a blind transfer. */
    BLIND_TRANSFER_CALL(t -> INBOUND_ANSWERED.supportedBy(t) && t.contains(BLIND_TRANSFER));

    private final Predicate<Set<EventType>> supported;

    CallScenario(Predicate<Set<EventType>> supported) {
        this.supported = supported;
    }

    /** Whether a vendor reporting these canonical types can play this scenario. */
    public boolean supportedBy(Set<EventType> types) {
        return supported.test(types);
    }

    private static boolean anyOf(Set<EventType> types, EventType a, EventType b) {
        return types.contains(a) || types.contains(b);
    }

    private static boolean anyOf(Set<EventType> types, EventType a, EventType b, EventType c) {
        return types.contains(a) || types.contains(b) || types.contains(c);
    }
}
