package dev.hookline.testkit.sim;

import static dev.hookline.schema.EventType.ANSWER_NEW_INCOMING_CALL;
import static dev.hookline.schema.EventType.BLIND_TRANSFER;
import static dev.hookline.schema.EventType.CANCEL_CALL_OUT;
import static dev.hookline.schema.EventType.ESTABLISHED;
import static dev.hookline.schema.EventType.FORWARD_INCOMING_CALL;
import static dev.hookline.schema.EventType.HOLD;
import static dev.hookline.schema.EventType.INCOMING_CALL;
import static dev.hookline.schema.EventType.LOG_ON;
import static dev.hookline.schema.EventType.MISSED_CALL;
import static dev.hookline.schema.EventType.OFF_HOOK;
import static dev.hookline.schema.EventType.ON_HOOK;
import static dev.hookline.schema.EventType.OUTGOING_CALL;
import static dev.hookline.schema.EventType.REGISTERED;
import static dev.hookline.schema.EventType.REJECT_INCOMING_CALL;
import static dev.hookline.schema.EventType.REMOTE_BUSY;
import static dev.hookline.schema.EventType.SETUP_COMPLETED;
import static dev.hookline.schema.EventType.TERMINATED;
import static dev.hookline.schema.EventType.TRANSFER_FINISHED;
import static dev.hookline.schema.EventType.UNHOLD;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;

/**
 * The event sequences of the scenarios, as the vendor documents and the public capture show
 * them: each event is sent only when the vendor has it (a Snom reports no rejection, an Aastra
 * no hold), an ending reported both specifically and generically (missed, then terminated) is
 * sent both ways, and an off hook before dialing carries no party yet.
 */
final class CallScripts {

    private CallScripts() {
    }

    /** Boot: setup completed once, then a registration of each line. */
    static void registration(EpisodeBuilder b) {
        b.send(SETUP_COMPLETED, null, 0);
        for (int line = 0; line < b.lines(); line++) {
            b.pause(Timing.BETWEEN_EVENTS);
            b.send(b.has(REGISTERED) ? REGISTERED : LOG_ON, null, line);
        }
    }

    static void play(CallScenario scenario, EpisodeBuilder b, int line) {
        switch (scenario) {
            case INBOUND_ANSWERED -> {
                CallLeg a = ring(b, line);
                answer(b, a);
                b.pause(Timing.TALK);
                hangUp(b, a);
                b.expect(scenario, a, CallOutcome.ANSWERED, 0);
            }
            case MISSED -> {
                CallLeg a = b.randomCall(Direction.INBOUND, line, null);
                b.send(INCOMING_CALL, a);
                b.pause(Timing.RING_UNANSWERED);
                b.send(MISSED_CALL, a);
                b.pause(Timing.BETWEEN_EVENTS);
                b.send(TERMINATED, a);
                b.ended(a);
                b.expect(scenario, a, CallOutcome.MISSED, 0);
            }
            case REJECTED -> declined(b, scenario, line, REJECT_INCOMING_CALL, CallOutcome.REJECTED);
            case FORWARDED -> declined(b, scenario, line, FORWARD_INCOMING_CALL, CallOutcome.FORWARDED);
            case BUSY -> {
                CallLeg a = dial(b, line, null);
                b.pause(Timing.BUSY_TONE);
                b.send(REMOTE_BUSY, a);
                b.pause(Timing.HANG_UP);
                b.send(ON_HOOK, a);
                b.ended(a);
                b.expect(scenario, a, CallOutcome.BUSY, 0);
            }
            case CANCELLED -> {
                CallLeg a = dial(b, line, null);
                b.pause(Timing.RINGBACK);
                b.send(CANCEL_CALL_OUT, a);
                b.pause(Timing.BETWEEN_EVENTS);
                b.send(TERMINATED, a);
                b.pause(Timing.HANG_UP);
                b.send(ON_HOOK, a);
                b.ended(a);
                b.expect(scenario, a, CallOutcome.CANCELLED, 0);
            }
            case OUTBOUND_ANSWERED -> outbound(b, line, null);
            case HOLD_UNHOLD -> {
                CallLeg a = ring(b, line);
                answer(b, a);
                b.pause(Timing.TALK);
                b.send(HOLD, a);
                long heldAt = b.now();
                b.pause(Timing.HOLD);
                b.send(UNHOLD, a);
                long held = b.now() - heldAt;
                b.pause(Timing.TALK);
                hangUp(b, a);
                b.expect(scenario, a, CallOutcome.ANSWERED, held);
            }
            case CALL_WAITING -> callWaiting(b, line);
            case CALL_WAITING_MISSED -> callWaitingMissed(b, line);
            case BLIND_TRANSFER_CALL -> {
                CallLeg a = ring(b, line);
                answer(b, a);
                b.pause(Timing.TALK);
                b.send(BLIND_TRANSFER, a);
                b.pause(Timing.TRANSFER);
                b.send(TRANSFER_FINISHED, a);
                b.pause(Timing.BETWEEN_EVENTS);
                b.send(TERMINATED, a);
                b.pause(Timing.HANG_UP);
                b.send(ON_HOOK, a);
                b.ended(a);
                b.expect(scenario, a, CallOutcome.TRANSFERRED, 0);
            }
        }
    }

    /** An answered outgoing call to {@code number} (a random party when null), as a dial command places it. */
    static void outbound(EpisodeBuilder b, int line, String number) {
        CallLeg a = dial(b, line, number);
        b.pause(Timing.RINGBACK);
        a.state = LineState.CONNECTED;
        b.send(ESTABLISHED, a);
        b.pause(Timing.TALK);
        hangUp(b, a);
        b.expect(CallScenario.OUTBOUND_ANSWERED, a, CallOutcome.ANSWERED, 0);
    }

    private static CallLeg ring(EpisodeBuilder b, int line) {
        CallLeg a = b.randomCall(Direction.INBOUND, line, null);
        b.send(INCOMING_CALL, a);
        b.pause(Timing.RING);
        return a;
    }

    private static void answer(EpisodeBuilder b, CallLeg a) {
        b.send(OFF_HOOK, a);
        b.pause(Timing.PICK_UP);
        a.state = LineState.CONNECTED;
        b.send(ESTABLISHED, a);
    }

    private static void hangUp(EpisodeBuilder b, CallLeg a) {
        b.send(TERMINATED, a);
        b.pause(Timing.HANG_UP);
        b.ended(a);
        b.send(ON_HOOK, a);
    }

    /** Off hook (no party yet), dialing, then the outgoing call ringing at the other end. */
    private static CallLeg dial(EpisodeBuilder b, int line, String number) {
        b.send(OFF_HOOK, null, line);
        b.pause(Timing.DIAL);
        CallLeg a = number == null ? b.randomCall(Direction.OUTBOUND, line, null) : b.callWith(Direction.OUTBOUND, line, number);
        a.state = LineState.OUTGOING;
        b.send(OUTGOING_CALL, a);
        return a;
    }

    private static void declined(EpisodeBuilder b, CallScenario scenario, int line, EventType how, CallOutcome outcome) {
        CallLeg a = b.randomCall(Direction.INBOUND, line, null);
        b.send(INCOMING_CALL, a);
        b.pause(Timing.DECLINE);
        b.send(how, a);
        b.pause(Timing.BETWEEN_EVENTS);
        b.send(TERMINATED, a);
        b.ended(a);
        b.expect(scenario, a, outcome, 0);
    }

    /** A in a call; B rings in and rings out unanswered; A talks on and ends. */
    private static void callWaitingMissed(EpisodeBuilder b, int line) {
        CallLeg a = ring(b, line);
        answer(b, a);
        b.pause(Timing.TALK);
        CallLeg second = b.randomCall(Direction.INBOUND, line, a.remote);
        b.send(INCOMING_CALL, second);
        b.pause(Timing.RING_UNANSWERED);
        b.send(MISSED_CALL, second);
        b.pause(Timing.BETWEEN_EVENTS);
        b.send(TERMINATED, second);
        b.ended(second);
        b.pause(Timing.TALK);
        hangUp(b, a);
        b.expect(CallScenario.CALL_WAITING_MISSED, second, CallOutcome.MISSED, 0);
        b.expect(CallScenario.CALL_WAITING_MISSED, a, CallOutcome.ANSWERED, 0);
    }

    /** A in a call; B rings in, is answered (A held), talks and hangs up; A is taken back and ends. */
    private static void callWaiting(EpisodeBuilder b, int line) {
        CallLeg a = ring(b, line);
        answer(b, a);
        b.pause(Timing.TALK);
        CallLeg second = b.randomCall(Direction.INBOUND, line, a.remote);
        b.send(INCOMING_CALL, second);
        b.pause(Timing.RING);
        b.send(ANSWER_NEW_INCOMING_CALL, second);
        b.pause(Timing.BETWEEN_EVENTS);
        b.send(HOLD, a);
        long heldAt = b.now();
        b.pause(Timing.BETWEEN_EVENTS);
        second.state = LineState.CONNECTED;
        b.send(ESTABLISHED, second);
        b.pause(Timing.TALK);
        b.send(TERMINATED, second);
        b.ended(second);
        b.pause(Timing.HANG_UP);
        b.send(UNHOLD, a);
        long held = b.has(HOLD) ? b.now() - heldAt : 0;
        b.pause(Timing.TALK);
        hangUp(b, a);
        b.expect(CallScenario.CALL_WAITING, second, CallOutcome.ANSWERED, 0);
        b.expect(CallScenario.CALL_WAITING, a, CallOutcome.ANSWERED, held);
    }
}
