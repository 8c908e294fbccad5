package dev.hookline.testkit.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * N simulated phones with deterministic identities: phone i is of vendor {@code i mod vendors},
 * has address {@link LoopbackAddresses#forIndex}, MAC {@link MacAddress#forIndex} with its vendor's
 * prefix, and extension {@code 1000 + i} (further lines {@code <extension>-2}, ...).
 */
public final class PhoneFleet {

    /** The SIP domain of every simulated line (a reserved .test name). */
    public static final String PBX = "pbx.hookline.test";

    private static final List<String> NAMES = List.of("Alice Adams", "Bob Brown", "Carol Clark", "Dan Diaz",
            "Erin Evans", "Frank Fox", "Grace Green", "Hugo Hill", "Ines Ito", "Jon Jones", "Kim Kahn", "Lena Lund");

    private final List<PhoneIdentity> phones;

    private PhoneFleet(List<PhoneIdentity> phones) {
        this.phones = List.copyOf(phones);
    }

    public static PhoneFleet of(int count, List<VendorTemplates> vendors, int linesPerPhone) {
        if (count < 0 || count > LoopbackAddresses.CAPACITY) {
            throw new IllegalArgumentException("phones must be 0.." + LoopbackAddresses.CAPACITY + ", not " + count);
        }
        if (vendors.isEmpty()) {
            throw new IllegalArgumentException("at least one vendor is needed");
        }
        if (linesPerPhone < 1 || linesPerPhone > 8) {
            throw new IllegalArgumentException("lines per phone must be 1..8, not " + linesPerPhone);
        }
        List<PhoneIdentity> phones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            VendorTemplates vendor = vendors.get(i % vendors.size());
            String extension = Integer.toString(1000 + i);
            List<String> lines = new ArrayList<>();
            lines.add(extension);
            for (int l = 2; l <= linesPerPhone; l++) {
                lines.add(extension + "-" + l);
            }
            phones.add(new PhoneIdentity(i, vendor, LoopbackAddresses.forIndex(i),
                    MacAddress.forIndex(vendor.phone().macPrefix(), i), lines, NAMES.get(i % NAMES.size())));
        }
        return new PhoneFleet(phones);
    }

    public int size() {
        return phones.size();
    }

    public PhoneIdentity phone(int index) {
        return phones.get(index);
    }

    public List<PhoneIdentity> phones() {
        return phones;
    }

    /** A display name for a remote party, picked by the caller's random number. */
    static String name(int pick) {
        return NAMES.get(Math.floorMod(pick, NAMES.size()));
    }
}
