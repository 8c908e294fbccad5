package dev.hookline.processor.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprints of the requests one phone sent within the de-duplication window, newest last.
 * A fingerprint is a 64-bit hash of what makes two requests "the same" ({@code DedupKeys}); a
 * false match needs two different requests of one phone within a second to collide in 64 bits.
 */
public record RecentRequests(List<Seen> seen) {

    /** Bound on the entries kept: a phone that sends more distinct requests within a window is flooding. */
    public static final int MAX = 32;

    public static final RecentRequests NONE = new RecentRequests(List.of());

    /** One request: its fingerprint and when the phone sent it (epoch ms). */
    public record Seen(long fingerprint, long at) {
    }

    public RecentRequests {
        seen = List.copyOf(seen);
    }

    /** True when the same request was seen within {@code windowMillis} before or after {@code at}. */
    public boolean contains(long fingerprint, long at, long windowMillis) {
        for (Seen entry : seen) {
            if (entry.fingerprint == fingerprint && Math.abs(entry.at - at) <= windowMillis) {
                return true;
            }
        }
        return false;
    }

    /** Adds a request and forgets those that can no longer match a request at or after {@code at}. */
    public RecentRequests add(long fingerprint, long at, long windowMillis) {
        List<Seen> kept = new ArrayList<>(Math.min(seen.size() + 1, MAX));
        for (Seen entry : seen) {
            if (entry.at >= at - windowMillis) {
                kept.add(entry);
            }
        }
        kept.add(new Seen(fingerprint, at));
        while (kept.size() > MAX) {
            kept.remove(0);
        }
        return new RecentRequests(kept);
    }
}
