package dev.hookline.processor.identity;

import dev.hookline.schema.DeviceAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules of attributing a request without a MAC to a phone by its source address, on the
 * phone's own clock (the gateway's receive times), so a backlog replayed late gets the answers
 * it would have got live.
 *
 * @param maxAge    a mapping last refreshed longer ago than this (before the request) is not used; zero: never
 * @param refresh   a phone still at the same address is recorded again only this long after the last record
 * @param tolerance a request up to this long before the phone was first seen at the address is still its
 *                  (one phone's requests through two gateways reach Kafka out of order: the reorder window)
 */
public record AddressAttribution(Duration maxAge, Duration refresh, Duration tolerance) {

    public static final String ADDRESS_DEVICE_PREFIX = "ip-";

    public boolean enabled() {
        return !maxAge.isZero();
    }

    /** True for the device id the gateway gives a request in which it found no MAC. */
    public static boolean isAddressDeviceId(String deviceId) {
        return deviceId.startsWith(ADDRESS_DEVICE_PREFIX);
    }

    /**
     * The phone a request without a MAC, received at {@code at}, comes from: the mapping's, when
     * it was refreshed within the maximum age before the request and the phone was already at
     * the address when the request was made (a request older than the phone's arrival belongs
     * to whoever had the address before).
     */
    public Optional<String> attribute(DeviceAddress mapping, Instant at) {
        if (!enabled() || mapping == null) {
            return Optional.empty();
        }
        boolean fresh = !at.isAfter(mapping.getSeenAt().plus(maxAge));
        boolean arrived = !at.isBefore(mapping.getSince().minus(tolerance));
        return fresh && arrived ? Optional.of(mapping.getDeviceId()) : Optional.empty();
    }

    /**
     * The mapping to write when the phone {@code deviceId} is seen with its MAC at
     * {@code at}, given the latest known one; empty when there is nothing new to say. The newest
     * MAC by the phones' time wins: an older sighting of another phone does not take the address
     * back (partitions are processed at different paces).
     */
    public Optional<DeviceAddress> record(DeviceAddress latest, String tenant, String address, String deviceId,
                                          Instant at) {
        if (latest == null) {
            return Optional.of(mapping(tenant, address, deviceId, at, at));
        }
        if (!latest.getDeviceId().equals(deviceId)) {
            return at.isAfter(latest.getSeenAt()) ? Optional.of(mapping(tenant, address, deviceId, at, at)) : Optional.empty();
        }
        if (!at.isBefore(latest.getSeenAt().plus(refresh))) {
            return Optional.of(mapping(tenant, address, deviceId, latest.getSince(), at));
        }
        return Optional.empty();
    }

    private static DeviceAddress mapping(String tenant, String address, String deviceId, Instant since, Instant seenAt) {
        return DeviceAddress.newBuilder().setTenant(tenant).setAddress(address).setDeviceId(deviceId)
                .setSince(since).setSeenAt(seenAt).build();
    }
}
