package dev.hookline.gateway.device;

/** Placeholder until the device-id branch lands: every request is keyed by its address. */
public final class DeviceIdExtractor {

    private DeviceIdExtractor() {
    }

    public static String deviceId(String rawPath, String rawQuery, String userAgent, String sourceAddress) {
        return "ip-" + sourceAddress;
    }
}
