package dev.hookline.testkit.sim;

import dev.hookline.testkit.phones.PhoneVendor;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a vendor's simulated phones present: model and firmware for the variables, the
 * User-Agent (the MAC written as {@code {mac}}, {@code {MAC}}, {@code {mac:}} or {@code {MAC-}}),
 * the MAC prefix (OUI) and the Action URI dialect its {@link dev.hookline.testkit.phones.SimulatedPhone} speaks.
 */
public record PhoneModel(String model, String firmware, String userAgent, String macPrefix, PhoneVendor actionUri) {

    private static final Pattern OUI = Pattern.compile("[0-9a-f]{6}");

    public PhoneModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(actionUri, "actionUri");
        if (macPrefix == null || !OUI.matcher(macPrefix).matches()) {
            throw new IllegalArgumentException("macPrefix must be 6 lower-case hex digits: " + macPrefix);
        }
    }
}
