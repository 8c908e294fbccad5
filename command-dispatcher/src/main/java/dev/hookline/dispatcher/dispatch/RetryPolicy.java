package dev.hookline.dispatcher.dispatch;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How often and how long apart a command is retried: bounded attempts, exponential back-off
 * with random jitter (so phones that failed together are not retried together). Only the
 * timing lives here; which failures are retried is {@link Delivery}'s decision.
 */
public final class RetryPolicy {

    static final double MULTIPLIER = 2.0;
    static final double JITTER = 0.5;

    private final int maxAttempts;
    private final long maxBackoffMillis;
    private final IntervalFunction backoff;

    public RetryPolicy(int maxAttempts, Duration base, Duration max) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.maxBackoffMillis = max.toMillis();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(base.toMillis(), MULTIPLIER, JITTER, max.toMillis());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether another attempt may follow {@code attemptsMade} attempts. */
    public boolean mayRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** Milliseconds to wait after attempt number {@code attemptsMade} (1-based) before the next one. */
    public long backoffMillis(int attemptsMade) {
        // The cap applies after the jitter too: max means max.
        return Math.min(maxBackoffMillis, backoff.apply(attemptsMade));
    }
}
