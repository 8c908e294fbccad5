package dev.hookline.gateway.provisioning;

import java.util.regex.Pattern;

/**
 * A typical phone of a vendor, for simulators and examples: what it reports as model and
 * firmware, the User-Agent it sends and the first half of its MAC. Read from the optional
 * {@code samplePhone} object of {@code provisioning/<vendor>.json}.
 *
 * @param model the value of the vendor's model variable
 * @param firmware the value of its firmware variable
 * @param userAgent the User-Agent header, with the MAC written as one of {@link #MAC_PLACEHOLDERS}
 * @param macPrefix the vendor's OUI, 6 lower-case hex digits
 */
public record SamplePhone(String model, String firmware, String userAgent, String macPrefix) {

    /** The MAC spellings a User-Agent may hold: plain lower, plain upper, lower with ':', upper with '-'. */
    public static final String MAC_PLACEHOLDERS = "{mac} {MAC} {mac:} {MAC-}";

    private static final Pattern OUI = Pattern.compile("[0-9a-f]{6}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    /** Null when valid, else what is wrong. */
    String problem() {
        if (model == null || model.isBlank() || firmware == null || firmware.isBlank()) {
            return "samplePhone needs model and firmware";
        }
        if (macPrefix == null || !OUI.matcher(macPrefix).matches()) {
            return "samplePhone.macPrefix must be 6 lower-case hex digits";
        }
        if (userAgent == null || userAgent.isBlank()) {
            return "samplePhone.userAgent is required";
        }
        var m = PLACEHOLDER.matcher(userAgent);
        while (m.find()) {
            if (!MAC_PLACEHOLDERS.contains(m.group())) {
                return "samplePhone.userAgent: unknown placeholder " + m.group() + " (known: " + MAC_PLACEHOLDERS + ")";
            }
        }
        return null;
    }
}
