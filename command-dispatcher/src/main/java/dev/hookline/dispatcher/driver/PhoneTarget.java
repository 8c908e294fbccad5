package dev.hookline.dispatcher.driver;

import java.util.Objects;

/**
 * The phone a command goes to, as the dispatcher knows it from {@code device.state.v1}: never
 * from the command itself, so a command cannot point the dispatcher at an arbitrary host.
 *
 * @param deviceId the device id (12 lowercase hex digits, or {@code ip-...})
 * @param vendor   lowercase vendor name as the processor reports it ({@code yealink}, {@code snom}, ...)
 * @param model    the phone model, or null when unknown
 * @param address  the phone's IP address (no port, no scheme)
 * @param port     the phone's HTTP port (80 unless configured, e.g. a simulated phone)
 */
public record PhoneTarget(String deviceId, String vendor, String model, String address, int port) {
    public PhoneTarget {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(address, "address");
    }
}
