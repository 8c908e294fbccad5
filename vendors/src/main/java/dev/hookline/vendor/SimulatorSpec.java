package dev.hookline.vendor;

/**
 * A typical phone of a vendor, as the simulator plays it; its MAC starts with the vendor's first
 * OUI ({@link Recognition#macPrefixes}).
 *
 * @param model     the value of the vendor's model variable
 * @param firmware  the value of its firmware variable
 * @param userAgent the User-Agent header, with the MAC written as one of {@link #MAC_PLACEHOLDERS}
 */
public record SimulatorSpec(String model, String firmware, String userAgent) {

    /** The MAC spellings a User-Agent may hold: plain lower, plain upper, lower with ':', upper with '-'. */
    public static final String MAC_PLACEHOLDERS = "{mac} {MAC} {mac:} {MAC-}";

    /** The User-Agent of the phone with MAC {@code mac} (12 lower-case hex digits). */
    public String userAgentOf(String mac) {
        String upper = mac.toUpperCase(java.util.Locale.ROOT);
        return userAgent.replace("{mac}", mac).replace("{MAC}", upper)
                .replace("{mac:}", separated(mac, ':')).replace("{MAC-}", separated(upper, '-'));
    }

    private static String separated(String mac, char separator) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(mac, i, i + 2);
        }
        return b.toString();
    }
}
