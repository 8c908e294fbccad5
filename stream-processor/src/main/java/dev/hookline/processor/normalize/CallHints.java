package dev.hookline.processor.normalize;

import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.LineState;
import java.util.Locale;

/**
 * What some phones say about the call beside the event: the line state it was in, its direction
 * and where it was transferred or forwarded. The call correlator uses them to pick the call an
 * event without call id or party ends, and how it ended. The parameter names are descriptor data
 * ({@code lineState}, {@code direction}, {@code transferTarget} fields).
 */
record CallHints(LineState lineState, Direction direction, String transferTarget) {

    static CallHints read(RequestFields fields) {
        return new CallHints(lineState(Values.clean(fields.first("lineState"))),
                direction(Values.clean(fields.first("direction"))),
                Values.cut(Values.clean(fields.first("transferTarget")), Values.MAX_VALUE));
    }

    /**
     * The call's direction: the one sent, else the one the event type implies (an incoming call,
     * a missed call, an outgoing call ...), else null.
     */
    Direction callDirection(EventType type) {
        if (direction != null) {
            return direction;
        }
        if (type == null) {
            return null;
        }
        return switch (type) {
            case INCOMING_CALL, MISSED_CALL, REJECT_INCOMING_CALL, FORWARD_INCOMING_CALL, ANSWER_NEW_INCOMING_CALL,
                    CALL_REMOTE_CANCELED -> Direction.INBOUND;
            case OUTGOING_CALL, CANCEL_CALL_OUT, REMOTE_BUSY -> Direction.OUTBOUND;
            default -> null;
        };
    }

    /** A state named as the {@link LineState} symbol (case ignored); another state says nothing. */
    private static LineState lineState(String v) {
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        for (LineState s : LineState.values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        return null;
    }

    /** {@code in}, {@code inbound}, {@code incoming} ... and {@code out}, {@code outbound}, {@code outgoing} ... */
    private static Direction direction(String v) {
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.startsWith("in") ? Direction.INBOUND : lower.startsWith("out") ? Direction.OUTBOUND : null;
    }
}
