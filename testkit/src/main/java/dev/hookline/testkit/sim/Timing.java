package dev.hookline.testkit.sim;

import java.time.Duration;
import java.util.Random;

/**
 * How long the parts of a call take, as ranges of real-life seconds, and the time scale that
 * compresses them (0.05: a 60 s talk lasts 3 s) so tests and demos need not wait for real calls.
 *
 * @param scale factor applied to every duration, in (0, 1]
 */
public record Timing(double scale) {

    /** A range of real-life milliseconds; each use draws uniformly within it. */
    record Range(long minMillis, long maxMillis) {
        static Range seconds(double min, double max) {
            return new Range(Math.round(min * 1000), Math.round(max * 1000));
        }
    }

    static final Range RING = Range.seconds(2, 12);
    static final Range RING_UNANSWERED = Range.seconds(15, 30);
    static final Range DECLINE = Range.seconds(2, 6);
    static final Range TALK = Range.seconds(20, 120);
    static final Range HOLD = Range.seconds(5, 30);
    static final Range DIAL = Range.seconds(1, 4);
    static final Range RINGBACK = Range.seconds(3, 15);
    static final Range BUSY_TONE = Range.seconds(1, 3);
    static final Range PICK_UP = Range.seconds(0.05, 0.15);
    static final Range HANG_UP = Range.seconds(0.1, 0.4);
    static final Range TRANSFER = Range.seconds(0.5, 2);
    static final Range BETWEEN_EVENTS = Range.seconds(0.02, 0.1);
    /** A phone's idle time between two calls. */
    static final Range IDLE = Range.seconds(5, 30);

    public Timing {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("time scale must be in (0, 1], not " + scale);
        }
    }

    public static Timing realTime() {
        return new Timing(1.0);
    }

    /** A scaled draw from the range, in milliseconds. */
    long draw(Range range, Random random) {
        long span = range.maxMillis() - range.minMillis();
        long real = range.minMillis() + (span <= 0 ? 0 : (long) (random.nextDouble() * span));
        return Math.round(real * scale);
    }

    /** More than the longest a scripted call can last (call waiting: two rings, three talks), scaled. */
    public Duration longestCall() {
        long real = RING_UNANSWERED.maxMillis() * 2 + TALK.maxMillis() * 3 + HOLD.maxMillis() + 10_000;
        return Duration.ofMillis(Math.round(real * scale));
    }
}
