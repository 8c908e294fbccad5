package dev.hookline.gateway;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Things that must settle within one fixed time-out, checked together on a periodic tick instead
 * of a timer each: setting and cancelling a timer per request cost the gateway more CPU than the
 * rest of a request's bookkeeping (bench/results/gateway.md). As every entry has the same
 * time-out, entries arrive in deadline order and a tick only looks at the oldest ones: those
 * settled meanwhile are dropped, those due are expired. Thread-safe; a time-out fires on the
 * ticking thread, up to one tick late (see {@link #tickFor}).
 */
public final class TimeoutQueue {

    /** One watched thing. */
    public interface Watched {
        /** Whether it settled (so its time-out no longer matters). */
        boolean settled();

        /** Called once when its deadline passed before it settled. */
        void expire();
    }

    private record Entry(long deadlineNanos, Watched watched) {
    }

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    public TimeoutQueue(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts the time-out of {@code watched} now. */
    public void watch(Watched watched) {
        entries.add(new Entry(System.nanoTime() + timeoutNanos, watched));
    }

    /** Expires what is due at {@code nowNanos} ({@link System#nanoTime()}); returns how many expired. */
    public int expireDue(long nowNanos) {
        int expired = 0;
        for (Entry head = entries.peek(); head != null; head = entries.peek()) {
            if (head.watched().settled()) {
                entries.poll();
            } else if (nowNanos - head.deadlineNanos() >= 0) {
                entries.poll();
                head.watched().expire();
                expired++;
            } else {
                break;
            }
        }
        return expired;
    }

    /** How often to tick for a time-out: a twentieth of it (so it fires at most 5% late), 5 to 100 ms. */
    public static Duration tickFor(Duration timeout) {
        return Duration.ofMillis(Math.max(5, Math.min(100, timeout.toMillis() / 20)));
    }
}
