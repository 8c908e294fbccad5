package dev.hookline.testkit.sim;

import dev.hookline.schema.Direction;

/**
 * One call on a simulated phone while its episode is written: the parties and ids the phone's
 * variables report, and its state. Mutable; used by one planner thread.
 */
final class CallLeg {

    final Direction direction;
    final int line;
    final String remote;
    final String remoteDisplay;
    /** The phone-internal call number (Yealink-style {@code $call_id}). */
    final int callNumber;
    /** The SIP Call-ID (Snom-style {@code $call-id}). */
    final String sipCallId;
    LineState state;
    /** The call id value the phone sent for this call, once a URL carried one. */
    String callIdSent;
    /** The remote display name the phone sent for this call, once a URL carried one. */
    String displaySent;

    CallLeg(Direction direction, int line, String remote, String remoteDisplay, int callNumber, String sipCallId) {
        this.direction = direction;
        this.line = line;
        this.remote = remote;
        this.remoteDisplay = remoteDisplay;
        this.callNumber = callNumber;
        this.sipCallId = sipCallId;
        this.state = direction == Direction.INBOUND ? LineState.INCOMING : LineState.DIALING;
    }
}
