package dev.hookline.testkit.sim;

import dev.hookline.testkit.phones.PhoneVendor;
import dev.hookline.vendor.SimulatorSpec;
import dev.hookline.vendor.VendorDescriptor;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a vendor's simulated phones present, as the vendor's descriptor says: model, firmware
 * and User-Agent from its {@code simulator} section, the MAC prefix (OUI) from its
 * {@code recognize.macPrefixes}, and the Action URI dialect its
 * {@link dev.hookline.testkit.phones.SimulatedPhone} speaks.
 *
 * @param simulator model and firmware for the variables, and the User-Agent with the MAC written
 *                  as {@code {mac}}, {@code {MAC}}, {@code {mac:}} or {@code {MAC-}}
 * @param macPrefix the OUI every simulated phone's MAC starts with, 6 lower-case hex digits
 * @param actionUri the Action URI dialect of its simulated phone
 */
public record PhoneModel(SimulatorSpec simulator, String macPrefix, PhoneVendor actionUri) {

    private static final Pattern OUI = Pattern.compile("[0-9a-f]{6}");

    public PhoneModel {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(simulator.model(), "model");
        Objects.requireNonNull(simulator.firmware(), "firmware");
        Objects.requireNonNull(simulator.userAgent(), "userAgent");
        Objects.requireNonNull(actionUri, "actionUri");
        if (macPrefix == null || !OUI.matcher(macPrefix).matches()) {
            throw new IllegalArgumentException("macPrefix must be 6 lower-case hex digits: " + macPrefix);
        }
    }

    public PhoneModel(String model, String firmware, String userAgent, String macPrefix, PhoneVendor actionUri) {
        this(new SimulatorSpec(model, firmware, userAgent), macPrefix, actionUri);
    }

    /**
     * The phones of {@code vendor}'s descriptor.
     *
     * @throws IllegalArgumentException when the descriptor has no {@code simulator} section
     */
    public static PhoneModel of(VendorDescriptor vendor, PhoneVendor actionUri) {
        if (vendor.simulator() == null) {
            throw new IllegalArgumentException("vendor " + vendor.vendor() + " cannot be simulated: its descriptor ("
                    + vendor.file() + ") has no simulator section");
        }
        return new PhoneModel(vendor.simulator(), vendor.simulatedMacPrefix(), actionUri);
    }

    /** The value of the vendor's model variable. */
    public String model() {
        return simulator.model();
    }

    /** The value of the vendor's firmware variable. */
    public String firmware() {
        return simulator.firmware();
    }

    /** The User-Agent, the MAC written as a placeholder ({@link SimulatorSpec#MAC_PLACEHOLDERS}). */
    public String userAgent() {
        return simulator.userAgent();
    }

    /** The User-Agent of the phone with {@code mac}. */
    public String userAgentOf(MacAddress mac) {
        return simulator.userAgentOf(mac.hex());
    }
}
