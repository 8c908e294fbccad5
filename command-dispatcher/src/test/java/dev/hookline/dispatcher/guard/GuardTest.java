package dev.hookline.dispatcher.guard;

import dev.hookline.service.Networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuardTest {

    @Test
    void shouldAllowOnlyAddressesInTheConfiguredNetworks() {
        Networks filter = Networks.of(List.of("10.20.0.0/16", " fd00::/8", "192.168.1.7"));

        assertThat(filter.allowsAny()).isFalse();
        assertThat(filter.allows("10.20.3.4")).isTrue();
        assertThat(filter.allows("10.21.3.4")).isFalse();
        assertThat(filter.allows("192.168.1.7")).isTrue();
        assertThat(filter.allows("192.168.1.8")).isFalse();
        assertThat(filter.allows("fd12::1")).isTrue();
        assertThat(filter.allows("169.254.169.254")).isFalse();
        assertThat(filter.allows("phone.example.com")).as("names are never resolved").isFalse();
    }

    @Test
    void shouldAllowAnyAddressWhenEmptyAndRefuseABadNetwork() {
        assertThat(Networks.of(List.of()).allows("203.0.113.9")).isTrue();
        assertThatThrownBy(() -> Networks.of(List.of("10.0.0.0/40"))).hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> Networks.of(List.of("intranet"))).hasMessageContaining("intranet");
    }

    @Test
    void shouldSpaceRequestsToOnePhoneButNotAcrossPhones() {
        PhonePacer pacer = new PhonePacer(2.0);

        assertThat(pacer.reserve("10.0.0.1:80", 1000)).isZero();
        assertThat(pacer.reserve("10.0.0.1:80", 1000)).isEqualTo(500);
        assertThat(pacer.reserve("10.0.0.1:80", 1100)).isEqualTo(900);
        assertThat(pacer.reserve("10.0.0.2:80", 1100)).as("another phone").isZero();
        assertThat(pacer.reserve("10.0.0.1:80", 5000)).as("idle long enough").isZero();
    }

    @Test
    void shouldForgetPhonesWhoseSlotHasPassed() {
        PhonePacer pacer = new PhonePacer(10.0);
        pacer.reserve("a", 0);
        pacer.reserve("b", 1000);

        pacer.evictIdle(500);

        assertThat(pacer.tracked()).isEqualTo(1);
    }
}
