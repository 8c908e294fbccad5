package dev.hookline.gateway.guard;

import dev.hookline.service.Networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardTest {

    @Test
    void shouldCutTheTokenOutOfTheQueryAndKeepTheRestAsSent() {
        Tokens.Stripped stripped = Tokens.strip("/yealink/off_hook", "mac=805ec0a1b2c3&token=abc&display=A B");

        assertThat(stripped.token()).contains("abc");
        assertThat(stripped.path()).isEqualTo("/yealink/off_hook");
        assertThat(stripped.query()).isEqualTo("mac=805ec0a1b2c3&display=A B");
    }

    @Test
    void shouldCutTheTokenOutOfThePath() {
        Tokens.Stripped stripped = Tokens.strip("/token=abc/yealink/off_hook", "mac=1");

        assertThat(stripped.token()).contains("abc");
        assertThat(stripped.path()).isEqualTo("/yealink/off_hook");
        assertThat(stripped.query()).isEqualTo("mac=1");
    }

    @Test
    void shouldLeaveARequestWithoutTokenUntouched() {
        Tokens.Stripped stripped = Tokens.strip("//odd path/", "a=1&&b");

        assertThat(stripped.token()).isEmpty();
        assertThat(stripped.path()).isEqualTo("//odd path/");
        assertThat(stripped.query()).isEqualTo("a=1&&b");
    }

    @Test
    void shouldMatchTokensExactlyOnly() {
        assertThat(Tokens.matches(Optional.of("s3cret"), "s3cret")).isTrue();
        assertThat(Tokens.matches(Optional.of("s3cre"), "s3cret")).isFalse();
        assertThat(Tokens.matches(Optional.of("s3cret2"), "s3cret")).isFalse();
        assertThat(Tokens.matches(Optional.empty(), "s3cret")).isFalse();
        assertThat(Tokens.matches(Optional.of(""), "")).isTrue();
    }

    @Test
    void shouldAllowOnlyTheConfiguredNetworks() {
        Networks filter = Networks.of(List.of("10.0.0.0/8", " 192.0.2.7", "2001:db8::/32"));

        assertThat(filter.allows("10.1.2.3")).isTrue();
        assertThat(filter.allows("192.0.2.7")).isTrue();
        assertThat(filter.allows("192.0.2.8")).isFalse();
        assertThat(filter.allows("11.0.0.1")).isFalse();
        assertThat(filter.allows("2001:db8::1")).isTrue();
        assertThat(filter.allows("2001:db9::1")).isFalse();
        assertThat(Networks.of(List.of()).allows("203.0.113.1")).isTrue();
    }

    @Test
    void shouldRejectAMalformedNetworkNamingIt() {
        assertThatThrownBy(() -> Networks.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> Networks.of(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
    }

    @Test
    void shouldLetABurstThroughThenRefillAtTheRate() {
        RateLimiter limiter = new RateLimiter(2.0, 3);
        long t = 1_000_000_000L;

        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isTrue();
        assertThat(limiter.tryAcquire("a", t)).isFalse();
        assertThat(limiter.tryAcquire("b", t)).as("another source has its own bucket").isTrue();
        assertThat(limiter.tryAcquire("a", t + 500_000_000L)).as("one token after half a second at 2/s").isTrue();
        assertThat(limiter.tryAcquire("a", t + 500_000_000L)).isFalse();
    }

    @Test
    void shouldForgetOnlyTheKeysWhoseBucketIsFullAgain() {
        RateLimiter limiter = new RateLimiter(1.0, 2);
        limiter.tryAcquire("a", 0);
        limiter.tryAcquire("b", 5_000_000_000L);

        limiter.evictIdle(5_500_000_000L);

        assertThat(limiter.size()).as("a refilled after 1 s, b is half a token short").isEqualTo(1);
        limiter.evictIdle(6_000_000_000L);
        assertThat(limiter.size()).isZero();
    }

    @Test
    void shouldGiveATokenBackButNeverBeyondTheBurst() {
        RateLimiter limiter = new RateLimiter(1.0, 2);
        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 0)).isFalse();

        limiter.giveBack("a");
        limiter.giveBack("a");
        limiter.giveBack("a");

        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 0)).as("two given back count, the third was past the burst").isFalse();
    }
}
