package dev.hookline.testkit.sim;

import dev.hookline.testkit.phones.ActionUriEndpoints;
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
 * @param dialect   the Action URI dialect its simulated phone speaks (an endpoint must serve it)
 */
public record PhoneModel(SimulatorSpec simulator, String macPrefix, String dialect) {

    private static final Pattern OUI = Pattern.compile("[0-9a-f]{6}");

    public PhoneModel {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(simulator.model(), "model");
        Objects.requireNonNull(simulator.firmware(), "firmware");
        Objects.requireNonNull(simulator.userAgent(), "userAgent");
        if (ActionUriEndpoints.forDialect(Objects.requireNonNull(dialect, "dialect")).isEmpty()) {
            throw new IllegalArgumentException("no simulated Action URI endpoint serves dialect '" + dialect
                    + "'; they serve " + String.join(", ", ActionUriEndpoints.dialects()));
        }
        if (macPrefix == null || !OUI.matcher(macPrefix).matches()) {
            throw new IllegalArgumentException("macPrefix must be 6 lower-case hex digits: " + macPrefix);
        }
    }

    public PhoneModel(String model, String firmware, String userAgent, String macPrefix, String dialect) {
        this(new SimulatorSpec(model, firmware, userAgent), macPrefix, dialect);
    }

    /**
     * The phones of {@code vendor}'s descriptor, speaking its {@code actionUri.dialect}.
     *
     * @throws IllegalArgumentException when the descriptor has no {@code simulator} or {@code actionUri}
     *                                  section, or no simulated endpoint serves its dialect
     */
    public static PhoneModel of(VendorDescriptor vendor) {
        if (vendor.simulator() == null) {
            throw new IllegalArgumentException("vendor " + vendor.vendor() + " cannot be simulated: its descriptor ("
                    + vendor.file() + ") has no simulator section");
        }
        String dialect = vendor.dialect().orElseThrow(() -> new IllegalArgumentException("vendor " + vendor.vendor()
                + " cannot be simulated: its descriptor (" + vendor.file() + ") has no actionUri section"));
        return new PhoneModel(vendor.simulator(), vendor.simulatedMacPrefix(), dialect);
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
