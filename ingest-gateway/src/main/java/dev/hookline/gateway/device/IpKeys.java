package dev.hookline.gateway.device;

import dev.hookline.service.Macs;
/**
 * The fallback device id {@code ip-<source address>}, for requests that name no MAC.
 *
 * <p>Key-safe and one key per address, whatever text form the socket layer reports:
 * <ul>
 *   <li>IPv4 as is: {@code 10.1.2.21} → {@code ip-10.1.2.21}.</li>
 *   <li>IPv6 in its RFC 5952 canonical form (lower case, no leading zeros, longest run of zero
 *       groups compressed) with every {@code :} written as {@code -}:
 *       {@code 2001:0DB8:0:0:0:0:0:1}, {@code [2001:db8::1]} → {@code ip-2001-db8--1};
 *       {@code ::1} → {@code ip---1}. Colons are avoided because device ids end up in composite
 *       keys, URL paths, file names and metric labels; the mapping stays one-to-one since IPv6
 *       text never contains {@code -}. Brackets and a zone id ({@code %eth0}) are dropped.</li>
 *   <li>IPv4-mapped IPv6 ({@code ::ffff:10.1.2.21}, what a dual-stack socket reports for an IPv4
 *       client) as the IPv4 address, so a phone keeps its key across both listeners.</li>
 *   <li>Anything else (not an address literal) lower-cased, {@code :} as {@code -}, characters
 *       outside {@code [a-z0-9.-]} as {@code _}; missing or blank: {@code ip-unknown}.</li>
 * </ul>
 * Pure text work: no DNS, never throws.
 */
public final class IpKeys {

    /** Prefix of every address-based device id. */
    public static final String PREFIX = "ip-";

    /** The key for a missing or blank source address. */
    public static final String UNKNOWN = PREFIX + "unknown";

    private IpKeys() {
    }

    /** The device id for a request from {@code sourceAddress} (host only, no port). */
    public static String key(String sourceAddress) {
        if (sourceAddress == null) {
            return UNKNOWN;
        }
        String a = sourceAddress.trim();
        if (a.length() >= 2 && a.charAt(0) == '[' && a.charAt(a.length() - 1) == ']') {
            a = a.substring(1, a.length() - 1);
        }
        if (a.indexOf(':') >= 0) {
            int zone = a.indexOf('%');
            int[] groups = parseIpv6(zone >= 0 ? a.substring(0, zone) : a);
            if (groups != null) {
                return PREFIX + formatIpv6(groups);
            }
        }
        if (a.isEmpty()) {
            return UNKNOWN;
        }
        StringBuilder out = new StringBuilder(PREFIX.length() + a.length()).append(PREFIX);
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                out.append(c);
            } else if (c == ':') {
                out.append('-');
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }

    /** The 8 groups of an IPv6 literal (optionally ending in dotted IPv4), or null when it is not one. */
    static int[] parseIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? parseGroups(s, true) : parseGroups(s.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : parseGroups(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        if (gap < 0 ? head.length != 8 : head.length + tail.length > 7) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        return groups;
    }

    /** Colon-separated hex groups; the last may be dotted IPv4 (two groups) when allowed. */
    private static int[] parseGroups(String part, boolean ipv4LastAllowed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        if (pieces.length > 8) {
            return null;
        }
        int[] out = new int[pieces.length + 1];
        int n = 0;
        for (int p = 0; p < pieces.length; p++) {
            String piece = pieces[p];
            if (p == pieces.length - 1 && ipv4LastAllowed && piece.indexOf('.') >= 0) {
                long v4 = parseIpv4(piece);
                if (v4 < 0) {
                    return null;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xffff);
                continue;
            }
            if (piece.isEmpty() || piece.length() > 4) {
                return null;
            }
            int value = 0;
            for (int i = 0; i < piece.length(); i++) {
                char d = Macs.lowerHex(piece.charAt(i));
                if (d == 0) {
                    return null;
                }
                value = (value << 4) | (d <= '9' ? d - '0' : d - 'a' + 10);
            }
            out[n++] = value;
        }
        int[] exact = new int[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    /** Dotted-quad IPv4 as an unsigned 32-bit value, or -1 when it is not one. */
    private static long parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return -1;
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** RFC 5952 text with {@code -} for {@code :}; IPv4-mapped addresses as dotted IPv4. */
    static String formatIpv6(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("--");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
