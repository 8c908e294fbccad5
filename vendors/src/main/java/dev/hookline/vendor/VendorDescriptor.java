package dev.hookline.vendor;

import java.util.List;
import java.util.Optional;

/**
 * Everything that is data about one phone vendor, read from its descriptor file
 * ({@code <vendor>.json}; the format is {@code descriptor.schema.json} beside this class).
 *
 * @param vendor       the name every topic reports, lower case
 * @param title        what the phones are, for people
 * @param aliases      other names of the same phones, accepted wherever a user names a vendor
 * @param fallback     true for the one descriptor consulted after the recognised vendor's
 * @param scheme       true for a URL scheme (a PBX's, a CTI tool's, a site's own) rather than a phone brand
 * @param phoneVendor  for a scheme: the vendor to report when nothing else in a request names one, or null
 * @param notes        remarks for people
 * @param evidence     where the facts come from and how sure they are
 * @param recognize    how a request is known to come from this vendor
 * @param userAgent    what its User-Agent holds
 * @param reading      how its requests read as events
 * @param provisioning what {@code hookline provision} writes, or null when Hookline cannot provision it
 * @param actionUri    how its phones take commands, or null when they take none Hookline knows
 * @param simulator    how the simulator plays one of its phones, or null
 * @param file         where the descriptor was read from (class path resource or file)
 */
public record VendorDescriptor(String vendor, String title, List<String> aliases, boolean fallback, boolean scheme,
                               String phoneVendor, List<String> notes,
                               List<Evidence> evidence, Recognition recognize, UserAgentSpec userAgent,
                               ReadingSpec reading, ProvisioningSpec provisioning, ActionUriSpec actionUri,
                               SimulatorSpec simulator, String file) {

    public VendorDescriptor {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        notes = notes == null ? List.of() : List.copyOf(notes);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        recognize = recognize == null ? Recognition.NONE : recognize;
        userAgent = userAgent == null ? UserAgentSpec.NONE : userAgent;
        reading = reading == null ? ReadingSpec.NONE : reading;
    }

    VendorDescriptor readFrom(String from) {
        return new VendorDescriptor(vendor, title, aliases, fallback, scheme, phoneVendor, notes, evidence, recognize, userAgent, reading,
                provisioning, actionUri, simulator, from);
    }

    /** True when {@code name} is this vendor's name or one of its aliases (case ignored). */
    public boolean isNamed(String name) {
        return vendor.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    /** The command dialect its phones speak, if any. */
    public Optional<String> dialect() {
        return Optional.ofNullable(actionUri).map(ActionUriSpec::dialect);
    }

    /** The OUI a simulated phone's MAC starts with. */
    public String simulatedMacPrefix() {
        return recognize.macPrefixes().get(0);
    }
}
