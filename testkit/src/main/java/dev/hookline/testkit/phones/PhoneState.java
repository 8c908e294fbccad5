package dev.hookline.testkit.phones;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a simulated phone did, for tests to check: the last dial, DND, hold, key presses and
 * counts of hang-ups, answers and reboots. Thread-safe: the phone's event loop writes (through
 * its {@link ActionUriEndpoint}), the test thread reads.
 */
public final class PhoneState {

    private String lastDialed;
    private String lastAccount;
    private String lastTransfer;
    private boolean dnd;
    private boolean onHold;
    private int hangups;
    private int answers;
    private int reboots;
    private final List<String> keyPresses = new ArrayList<>();
    private final Consumer<Dial> dialListener;

    /** @param dialListener told of every accepted dial, after it is recorded */
    PhoneState(Consumer<Dial> dialListener) {
        this.dialListener = dialListener;
    }

    /** The number of the last dial, or null. */
    public synchronized String lastDialed() {
        return lastDialed;
    }

    /** The account (line number or SIP identity) of the last dial, or null when it named none. */
    public synchronized String lastAccount() {
        return lastAccount;
    }

    /** The target of the last transfer, or null. */
    public synchronized String lastTransfer() {
        return lastTransfer;
    }

    public synchronized boolean dnd() {
        return dnd;
    }

    public synchronized boolean onHold() {
        return onHold;
    }

    public synchronized int hangups() {
        return hangups;
    }

    public synchronized int answers() {
        return answers;
    }

    public synchronized int reboots() {
        return reboots;
    }

    /** Every key pressed, in the vendor's own names, in order. */
    public synchronized List<String> keyPresses() {
        return List.copyOf(keyPresses);
    }

    public void dialed(String number, String account) {
        synchronized (this) {
            lastDialed = number;
            lastAccount = account;
        }
        // Outside the lock: the listener may take its time or read this state.
        dialListener.accept(new Dial(number, account));
    }

    public synchronized void transferred(String target) {
        lastTransfer = target;
    }

    public synchronized void dnd(boolean on) {
        dnd = on;
    }

    public synchronized void toggleDnd() {
        dnd = !dnd;
    }

    public synchronized void toggleHold() {
        onHold = !onHold;
    }

    public synchronized void hungUp() {
        hangups++;
        onHold = false;
    }

    public synchronized void answered() {
        answers++;
    }

    public synchronized void rebooted() {
        reboots++;
    }

    public synchronized void pressed(String key) {
        keyPresses.add(key);
    }
}
