package dev.hookline.processor.identity;

/**
 * The key of device.addresses.v1: {@code <tenant>/<address>}, or {@code <address>} without a
 * tenant. An address never holds a {@code /}, so the key reads back unambiguously; one address
 * in two tenants (two sites behind the same private range) stays two keys.
 */
public final class AddressKey {

    private AddressKey() {
    }

    public static String of(String tenant, String address) {
        return tenant == null || tenant.isEmpty() ? address : tenant + "/" + address;
    }
}
