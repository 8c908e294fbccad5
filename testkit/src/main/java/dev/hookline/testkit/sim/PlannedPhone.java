package dev.hookline.testkit.sim;

/** What the planner remembers of one phone between its episodes. */
final class PlannedPhone {

    /** When the phone may start its next episode, in milliseconds from the start of the run. */
    long freeAt;
    /** Calls it has made, for choosing scenarios in turn. */
    int calls;
    /** Dial commands it has received. */
    int dials;
    private int lastCallNumber;
    private int lastParty;

    /** The phone-internal number of its next call (1, 2, ...), as Yealink's {@code $call_id}. */
    int nextCallNumber() {
        return ++lastCallNumber;
    }

    /** A remote number no earlier call of this phone had (09 and eight digits, never a fleet extension). */
    String nextDistinctParty() {
        return String.format(java.util.Locale.ROOT, "09%08d", ++lastParty);
    }
}
