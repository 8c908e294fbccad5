package dev.hookline.testkit.sim;

import dev.hookline.vendor.SimulatorSpec;
import java.util.Locale;

/**
 * A simulated phone's MAC: the vendor's prefix and three bytes derived from the phone's index
 * (a bijection, so no two phones of one vendor share a MAC, and the same index always gets the same MAC).
 *
 * @param hex 12 lower-case hex digits
 */
public record MacAddress(String hex) {

    public MacAddress {
        if (!hex.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("a MAC is 12 lower-case hex digits: " + hex);
        }
    }

    public static MacAddress forIndex(String prefix, int index) {
        // Multiplying by an odd constant is a bijection modulo 2^24: distinct for the first 16M indexes.
        long nic = ((index & 0xFFFFFFL) * 0x9E3779L + 0x5A17E5L) & 0xFFFFFFL;
        return new MacAddress(prefix + String.format(Locale.ROOT, "%06x", nic));
    }

    /** {@code aa:bb:cc:dd:ee:ff}. */
    public String colons() {
        return separated(':');
    }

    /** {@code AA-BB-CC-DD-EE-FF}. */
    public String upperHyphens() {
        return separated('-').toUpperCase(Locale.ROOT);
    }

    /**
     * The template with {@code {mac}}, {@code {MAC}}, {@code {mac:}} and {@code {MAC-}} replaced,
     * as in a vendor descriptor's simulated User-Agent.
     */
    public String fill(String template) {
        return new SimulatorSpec(null, null, template).userAgentOf(hex);
    }

    private String separated(char sep) {
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }
}
