package dev.hookline.gateway.guard;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source address: {@code ratePerSecond} sustained, {@code burst} at once.
 * Buckets of sources idle for a while are dropped by {@link #evictIdle}, so a scan from many
 * addresses cannot grow memory without bound.
 */
public final class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    public boolean enabled() {
        return ratePerNano > 0;
    }

    /** Takes one token for this source; false when it has none left. */
    public boolean tryAcquire(String source, long nowNanos) {
        if (!enabled()) {
            return true;
        }
        return buckets.computeIfAbsent(source, ignored -> new Bucket(burst, nowNanos)).take(nowNanos, ratePerNano, burst);
    }

    /** Drops buckets untouched for {@code idleNanos}; they are full again by then anyway. */
    public void evictIdle(long nowNanos, long idleNanos) {
        buckets.values().removeIf(bucket -> bucket.idleSince(nowNanos) > idleNanos);
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized boolean take(long now, double ratePerNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
            updatedAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized long idleSince(long now) {
            return now - updatedAt;
        }
    }
}
