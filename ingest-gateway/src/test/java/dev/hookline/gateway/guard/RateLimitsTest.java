package dev.hookline.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.gateway.device.DeviceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-phone limit and the per-address flood guard, on a clock the test moves. */
class RateLimitsTest {

    private static final String SITE = "203.0.113.7";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private RateLimits defaults() {
        return RateLimits.from(new GatewayConfig(Map.of()), now::get);
    }

    private RateLimits limits(double addressRate, int addressBurst, double deviceRate, int deviceBurst) {
        return new RateLimits(new RateLimiter(addressRate, addressBurst), new RateLimiter(deviceRate, deviceBurst), now::get);
    }

    private static DeviceId phone(int n) {
        return new DeviceId(String.format("805ec0%06x", n), DeviceId.Source.QUERY);
    }

    /** The answers to {@code times} requests of one phone at this instant. */
    private static List<Optional<Rejection>> send(RateLimits limits, DeviceId device, int times) {
        List<Optional<Rejection>> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(limits.check(SITE, device));
        }
        return answers;
    }

    @Test
    void shouldAdmitAThousandPhonesBehindOneAddressSendingTheirThreeRegistrationsAtTheSameInstant() {
        RateLimits limits = defaults();

        for (int phone = 0; phone < 1_000; phone++) {
            for (int request = 0; request < 3; request++) {
                assertThat(limits.check(SITE, phone(phone))).as("phone %d request %d", phone, request).isEmpty();
            }
        }
    }

    @Test
    void shouldAdmitAThousandPhonesBehindOneAddressRegisteringWithinSixtySeconds() {
        RateLimits limits = defaults();
        Random random = new Random(11);
        List<long[]> requests = new ArrayList<>();
        for (int phone = 0; phone < 1_000; phone++) {
            long bootedAt = (long) (random.nextDouble() * 50 * SECOND);
            for (int request = 0; request < 3; request++) {
                requests.add(new long[] {bootedAt + (long) (random.nextDouble() * 10 * SECOND), phone});
            }
        }
        requests.sort(Comparator.comparingLong(request -> request[0]));
        long start = now.get();

        int refused = 0;
        for (long[] request : requests) {
            now.set(start + request[0]);
            refused += limits.check(SITE, phone((int) request[1])).isPresent() ? 1 : 0;
        }

        assertThat(requests).hasSize(3_000);
        assertThat(refused).isZero();
    }

    @Test
    void shouldTurnAwayAFloodingPhoneWithoutCostingItsSiteAnything() {
        RateLimits limits = defaults();

        List<Optional<Rejection>> flood = send(limits, phone(1), 1_000);

        assertThat(flood.subList(0, 50)).as("the per-phone burst").containsOnly(Optional.empty());
        assertThat(flood.subList(50, 1_000)).containsOnly(Optional.of(Rejection.DEVICE_RATE_LIMITED));
        // The 950 refused requests gave their address tokens back: the site's burst is whole.
        for (int phone = 2; phone < 2 + 4_950 / 3; phone++) {
            assertThat(send(limits, phone(phone), 3)).containsOnly(Optional.empty());
        }
        now.addAndGet(SECOND);
        List<Optional<Rejection>> aSecondLater = send(limits, phone(1), 21);
        assertThat(aSecondLater.subList(0, 20)).as("20 tokens a second").containsOnly(Optional.empty());
        assertThat(aSecondLater.get(20)).contains(Rejection.DEVICE_RATE_LIMITED);
    }

    @Test
    void shouldTurnAwayAnAddressPastItsBurstWhateverDeviceIdsItSends() {
        RateLimits limits = defaults();

        int admitted = 0;
        for (int phone = 0; phone < 6_000; phone++) {
            Optional<Rejection> answer = limits.check(SITE, phone(phone));
            if (answer.isEmpty()) {
                admitted++;
            } else {
                assertThat(answer).contains(Rejection.ADDRESS_RATE_LIMITED);
            }
        }

        assertThat(admitted).isEqualTo(5_000);
        assertThat(limits.check("198.51.100.1", phone(1))).as("another address has its own guard").isEmpty();
        now.addAndGet(SECOND);
        assertThat(limits.check(SITE, phone(7_000))).as("500 tokens a second").isEmpty();
    }

    @Test
    void shouldCreateDeviceBucketsNoFasterThanTheAddressGuardAdmitsAndForgetThemOnceFull() {
        RateLimits limits = defaults();

        for (int phone = 0; phone < 100_000; phone++) {
            limits.check(SITE, phone(phone));
        }

        assertThat(limits.deviceBuckets()).as("only requests the address guard admitted made a bucket").isEqualTo(5_000);
        now.addAndGet(3 * SECOND);
        limits.evictIdle();
        assertThat(limits.deviceBuckets()).as("each bucket full again after 1/20 s").isZero();
        assertThat(limits.addressBuckets()).as("the address's bucket refills 5,000 tokens in 10 s").isOne();
        now.addAndGet(10 * SECOND);
        limits.evictIdle();
        assertThat(limits.addressBuckets()).isZero();
    }

    @Test
    void shouldLimitRequestsWithoutAMacByTheirAddressOnly() {
        RateLimits limits = defaults();
        DeviceId noMac = new DeviceId("ip-" + SITE, DeviceId.Source.SOURCE_ADDRESS);

        assertThat(send(limits, noMac, 1_000)).as("phones without $mac behind one address share that key")
                .containsOnly(Optional.empty());
        assertThat(limits.deviceBuckets()).isZero();
    }

    @Test
    void shouldLetZeroTurnEitherLimitOff() {
        RateLimits noDeviceLimit = limits(500, 5_000, 0, 50);
        RateLimits noAddressLimit = limits(0, 5_000, 20, 50);

        assertThat(send(noDeviceLimit, phone(1), 1_000)).containsOnly(Optional.empty());
        for (int phone = 0; phone < 10_000; phone++) {
            assertThat(noAddressLimit.check(SITE, phone(phone))).isEmpty();
        }
        assertThat(send(noAddressLimit, phone(1), 50)).as("the device limit still applies")
                .endsWith(Optional.of(Rejection.DEVICE_RATE_LIMITED));
    }

    @Test
    void shouldReadTheDefaultsFromTheSettings() {
        GatewayConfig config = new GatewayConfig(Map.of());

        assertThat(config.getDouble(GatewayConfig.SECURITY_RATE_LIMIT)).isEqualTo(20.0);
        assertThat(config.getInt(GatewayConfig.SECURITY_RATE_BURST)).isEqualTo(50);
        assertThat(config.getDouble(GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT)).isEqualTo(500.0);
        assertThat(config.getInt(GatewayConfig.SECURITY_ADDRESS_RATE_BURST)).isEqualTo(5_000);
    }
}
