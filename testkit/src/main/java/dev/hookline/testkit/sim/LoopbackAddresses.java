package dev.hookline.testkit.sim;

/**
 * Phone i's own IPv4 loopback address: 127.1.0.1 ... 127.1.0.254, 127.1.1.1, ... (no .0 or .255
 * last octet, 127.0.x.x left to the services), so a gateway sees one source address per phone.
 */
public final class LoopbackAddresses {

    private static final int PER_BLOCK = 254;
    /** Phones that fit: second octet 1 to 254. */
    public static final int CAPACITY = PER_BLOCK * 256 * 254;

    private LoopbackAddresses() {
    }

    public static String forIndex(int index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IllegalArgumentException("phone index " + index + " is outside 0.." + (CAPACITY - 1));
        }
        int last = index % PER_BLOCK + 1;
        int rest = index / PER_BLOCK;
        return "127." + (1 + rest / 256) + "." + (rest % 256) + "." + last;
    }
}
