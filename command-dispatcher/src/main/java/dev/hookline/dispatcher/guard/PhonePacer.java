package dev.hookline.dispatcher.guard;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The per-phone rate limit: requests to one phone are spaced at least {@code 1/rate} apart.
 * Phones lock their web login after a burst of requests, so the dispatcher waits for the
 * phone's next slot instead of sending early. Not thread-safe: used on the dispatch context.
 */
public final class PhonePacer {

    private static final int EVICT_EVERY = 1024;

    private final long intervalMillis;
    private final Map<String, Long> nextSlot = new HashMap<>();
    private int reservations;

    public PhonePacer(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + requestsPerSecond);
        }
        this.intervalMillis = Math.max(1, Math.round(1000.0 / requestsPerSecond));
    }

    /**
     * Reserves the phone's next slot.
     *
     * @return how many milliseconds to wait before sending (0: now)
     */
    public long reserve(String phone, long nowMillis) {
        if (++reservations % EVICT_EVERY == 0) {
            evictIdle(nowMillis);
        }
        long slot = Math.max(nowMillis, nextSlot.getOrDefault(phone, nowMillis));
        nextSlot.put(phone, slot + intervalMillis);
        return slot - nowMillis;
    }

    /** Forgets phones whose next slot has passed: they could send now anyway. */
    void evictIdle(long nowMillis) {
        for (Iterator<Long> slots = nextSlot.values().iterator(); slots.hasNext(); ) {
            if (slots.next() <= nowMillis) {
                slots.remove();
            }
        }
    }

    int tracked() {
        return nextSlot.size();
    }
}
