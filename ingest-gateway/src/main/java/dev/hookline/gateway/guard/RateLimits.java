package dev.hookline.gateway.guard;

import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.gateway.device.DeviceId;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The two rate limits a request passes: the flood guard of its source address (a whole site
 * behind NAT shares one), then the limit of its phone (its MAC).
 *
 * <p>The address guard comes first, so a flood of made-up device ids from one address creates
 * device buckets no faster than that address's rate, and full buckets are dropped within a sweep:
 * the device map stays bounded without a cap. (A cap was the other choice: once a flood filled it,
 * real phones would be turned away or the flood's own buckets would be reset.)
 */
public final class RateLimits {

    private final RateLimiter perAddress;
    private final RateLimiter perDevice;
    private final LongSupplier nanoClock;

    public RateLimits(RateLimiter perAddress, RateLimiter perDevice, LongSupplier nanoClock) {
        this.perAddress = perAddress;
        this.perDevice = perDevice;
        this.nanoClock = nanoClock;
    }

    /** The limits the settings name, timed by {@code nanoClock} ({@link System#nanoTime} but in tests). */
    public static RateLimits from(GatewayConfig config, LongSupplier nanoClock) {
        return new RateLimits(
                new RateLimiter(config.getDouble(GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT),
                        config.getInt(GatewayConfig.SECURITY_ADDRESS_RATE_BURST)),
                new RateLimiter(config.getDouble(GatewayConfig.SECURITY_RATE_LIMIT),
                        config.getInt(GatewayConfig.SECURITY_RATE_BURST)),
                nanoClock);
    }

    /** Empty when the request may pass, else the limit that turned it away. */
    public Optional<Rejection> check(String sourceAddress, DeviceId device) {
        long now = nanoClock.getAsLong();
        if (!perAddress.tryAcquire(sourceAddress, now)) {
            return Optional.of(Rejection.ADDRESS_RATE_LIMITED);
        }
        // Without a MAC the device id is the address itself: the phones behind it are one key,
        // and a phone's limit would be the whole site's. The address guard is their limit.
        if (device.source() == DeviceId.Source.SOURCE_ADDRESS) {
            return Optional.empty();
        }
        if (!perDevice.tryAcquire(device.value(), now)) {
            // One phone in a loop must not use up the share of the other phones at its site.
            perAddress.giveBack(sourceAddress);
            return Optional.of(Rejection.DEVICE_RATE_LIMITED);
        }
        return Optional.empty();
    }

    /** Drops the buckets that are full again (see {@link RateLimiter#evictIdle}). */
    public void evictIdle() {
        long now = nanoClock.getAsLong();
        perAddress.evictIdle(now);
        perDevice.evictIdle(now);
    }

    int addressBuckets() {
        return perAddress.size();
    }

    int deviceBuckets() {
        return perDevice.size();
    }
}
