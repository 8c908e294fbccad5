package dev.hookline.dispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofMillis(1000));

    @Test
    void shouldAllowAttemptsUpToTheBound() {
        assertThat(policy.mayRetry(1)).isTrue();
        assertThat(policy.mayRetry(3)).isTrue();
        assertThat(policy.mayRetry(4)).isFalse();
        assertThat(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)).mayRetry(1)).isFalse();
    }

    @Test
    void shouldBackOffExponentiallyWithJitterAndNeverPastTheMaximum() {
        Set<Long> firstWaits = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            long first = policy.backoffMillis(1);
            long second = policy.backoffMillis(2);
            long fifth = policy.backoffMillis(5);
            firstWaits.add(first);
            assertThat(first).isBetween(100L, 300L);
            assertThat(second).isBetween(200L, 600L);
            assertThat(fifth).isBetween(1L, 1000L);
        }
        assertThat(firstWaits).as("jitter spreads the retries").hasSizeGreaterThan(20);
    }
}
