package dev.hookline.gateway.guard;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code ratePerSecond} sustained, {@code burst} at once; a rate of 0
 * lets everything through and keeps no buckets. A bucket that has refilled to {@code burst} is
 * no different from a new one, so {@link #evictIdle} drops it: the map only holds keys seen in
 * the last {@code burst / rate} seconds (plus one sweep).
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

    /** Takes one token for this key; false when it has none left. */
    public boolean tryAcquire(String key, long nowNanos) {
        if (!enabled()) {
            return true;
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(burst, nowNanos)).take(nowNanos, ratePerNano, burst);
    }

    /** Returns a token taken by {@link #tryAcquire} for a request that was turned away after all. */
    public void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(burst);
        }
    }

    /** Drops the buckets of keys idle long enough to be full again: a new bucket answers the same. */
    public void evictIdle(long nowNanos) {
        buckets.values().removeIf(bucket -> bucket.fullAt(nowNanos, ratePerNano, burst));
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

        synchronized void giveBack(double burst) {
            tokens = Math.min(burst, tokens + 1);
        }

        synchronized boolean fullAt(long now, double ratePerNano, double burst) {
            return tokens + (now - updatedAt) * ratePerNano >= burst;
        }
    }
}
