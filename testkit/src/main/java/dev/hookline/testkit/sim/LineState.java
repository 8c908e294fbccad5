package dev.hookline.testkit.sim;

/** A call's state as a phone reports it in a line-state variable (Aastra's {@code $$LINESTATE$$} values). */
public enum LineState {
    IDLE, DIALING, CALLING, OUTGOING, INCOMING, CONNECTED
}
