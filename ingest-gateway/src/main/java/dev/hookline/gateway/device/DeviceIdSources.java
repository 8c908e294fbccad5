package dev.hookline.gateway.device;

import dev.hookline.service.Macs;
import java.util.List;
import java.util.Set;

/**
 * The vendor knowledge behind device ids, in one place: which request parameters carry the
 * phone's MAC, and where each vendor's User-Agent puts it. Section numbers refer to
 * {@code design/vendors.md}; seed numbers to {@code seeds/NNN_*.txt}. A finding on real hardware
 * should be a change to these tables, not to the code that walks them.
 */
final class DeviceIdSources {

    private DeviceIdSources() {
    }

    // ---------------------------------------------------------------------------------------------
    // 1. MAC-carrying parameter names (query, or name=value written in the path).
    //
    // Matched after folding: percent-decoded, lower-cased, and '_' '-' '.' and spaces removed, so
    // "mac", "MAC", "Mac", "mac_address", "Mac-Address", "macAddress", "phone_mac" ... all match.
    // Only these names are ever read for a MAC: a 12-hex value in any other parameter (call_id,
    // call-id, csta_id, remote, ...) is never taken for the device id.
    //
    //   folded name   | spelled in the sources as                     | source
    //   --------------+-----------------------------------------------+---------------------------------
    //   mac           | mac=$mac                                      | seed 001 (Yealink guide "help.xml?mac=$mac"),
    //                 |                                               | §7 Grandstream "mac=$mac&...", §0 scheme-less,
    //                 |                                               | testdata captures "mac=0004133EAE05"
    //   device        | device=$mac                                   | seed 000 (Phone Amego "?device=$mac")
    //   macaddress    | MACAddress, mac_address, macaddress           | §9 Polycom <MACAddress>, common spelling
    //   macaddr       | macaddr, mac_addr                             | common spelling
    //   deviceid      | deviceid, device_id                           | common spelling
    //   devid         | DevId                                         | §7/§11 Grandstream UA "DevId <mac>"
    //   phonemac      | phone_mac                                     | common spelling
    //   devicemac     | device_mac                                    | common spelling
    // ---------------------------------------------------------------------------------------------
    static final Set<String> MAC_PARAMETER_NAMES = Set.of(
            "mac", "device", "macaddress", "macaddr", "deviceid", "devid", "phonemac", "devicemac");

    /** Longest raw parameter name worth folding; longer names cannot be in the table. */
    static final int MAX_RAW_NAME_LENGTH = 48;

    /** Longest raw value worth decoding: a MAC with percent-encoded separators is 27 characters. */
    static final int MAX_RAW_VALUE_LENGTH = 64;

    /** True when {@code s[from, to)} is a MAC-carrying parameter name (see the table above). */
    static boolean isMacParameterName(CharSequence s, int from, int to) {
        if (to - from > MAX_RAW_NAME_LENGTH || to <= from) {
            return false;
        }
        String decoded = LenientUrlText.decode(s, from, to);
        StringBuilder folded = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '_' || c == '-' || c == '.' || c <= ' ') {
                continue;
            }
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return MAC_PARAMETER_NAMES.contains(folded.toString());
    }

    // ---------------------------------------------------------------------------------------------
    // 2. User-Agent rules (vendors.md §11, and the "UA" bullet of each vendor section).
    //
    // The first rule with a marker contained in the User-Agent (ignoring case) decides where the
    // MAC is. The UA is cut into tokens at whitespace and ( ) ; , and the located token must pass
    // Macs.normalize (so a firmware version in that place yields nothing).
    //
    //   vendor        | example User-Agent                                                  | where              | source
    //   --------------+---------------------------------------------------------------------+--------------------+------------------
    //   Yealink       | Yealink SIP-T46G 28.72.0.1 00:15:65:4a:a9:37                        | last token         | §1.1 UA, §10.7, §11
    //                 | Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0 (old V70: no MAC)          |                    |
    //   Snom          | Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)      | last token         | §2.1 UA, §11
    //                 | Mozilla/4.0 (compatible; Snom M900 05.20.0001 000413b60680)         |                    |
    //                 | Mozilla/4.0 (compatible; snom320-SIP 8.4.35 1.1.3-u) (old: no MAC)  |                    |
    //   Aastra/Mitel  | Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP                     | token "MAC:<mac>"  | §3.1 UA, §11
    //                 | Mitel6930 MAC:14-00-E9-1E-DB-52 V:6.4.0.140-SIP                      |                    |
    //   Htek          | Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9                                | last token         | §5 UA, §11
    //   Hanlong       | (not found; assumed as Htek, same firmware family) [UNCERTAIN]      | last token         | §5, §11
    //   Sangoma S     | (not found; Htek/Hanlong-derived, §11 groups them) [UNCERTAIN]      | last token         | §4.1, §11
    //   Fanvil        | Fanvil X4 2.10.2.6887 0c383e07e16c                                  | last token         | §6 UA, §11
    //   Grandstream   | Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859        | token after DevId  | §7 UA, §11
    //   Gigaset       | Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605            | last token         | §8 UA, §11
    //                 | N510 IP PRO/42.245.00.000.000[;MAC]  (MAC optional)                  |                    |
    //   Polycom       | FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application     | none (no MAC)      | §9 UA, §11
    //
    // Any other User-Agent (and a known one whose rule found nothing) gets the generic rule: the
    // first token that is a MAC written with ':' or '-' between 6 groups of 2, optionally after
    // "MAC:" (the form Yealink, Htek and Aastra use). A bare 12-hex token in an unknown UA is not
    // taken: it may be a build hash or serial number.
    // ---------------------------------------------------------------------------------------------
    static final List<UserAgentRule> USER_AGENT_RULES = List.of(
            new UserAgentRule("Yealink", List.of("yealink"), Where.LAST_TOKEN, null),
            new UserAgentRule("Snom", List.of("snom"), Where.LAST_TOKEN, null),
            new UserAgentRule("Aastra/Mitel", List.of("aastra", "mitel"), Where.PREFIXED_TOKEN, "MAC:"),
            new UserAgentRule("Htek", List.of("htek"), Where.LAST_TOKEN, null),
            new UserAgentRule("Hanlong", List.of("hanlong"), Where.LAST_TOKEN, null),
            new UserAgentRule("Sangoma", List.of("sangoma"), Where.LAST_TOKEN, null),
            new UserAgentRule("Fanvil", List.of("fanvil"), Where.LAST_TOKEN, null),
            new UserAgentRule("Grandstream", List.of("grandstream"), Where.TOKEN_AFTER, "DevId"),
            new UserAgentRule("Gigaset", List.of("gigaset", " ip pro/"), Where.LAST_TOKEN, null),
            new UserAgentRule("Polycom", List.of("polycom"), Where.NONE, null));

    /** Prefixes the generic rule strips before reading a separated MAC token. */
    static final List<String> GENERIC_PREFIXES = List.of("MAC:", "MAC=");

    /** Where a vendor's User-Agent carries the MAC. */
    enum Where {
        /** The last token. */
        LAST_TOKEN,
        /** A token starting with {@link UserAgentRule#keyword} (ignoring case), the MAC after it. */
        PREFIXED_TOKEN,
        /** The token after the token equal to {@link UserAgentRule#keyword} (ignoring case). */
        TOKEN_AFTER,
        /** The vendor's User-Agent carries no MAC; nothing is read from it. */
        NONE
    }

    /**
     * One row of the User-Agent table.
     *
     * @param vendor  name, for documentation and tests
     * @param markers lower-case substrings that identify the vendor's User-Agent
     * @param where   where the MAC is
     * @param keyword the prefix or preceding token for {@link Where#PREFIXED_TOKEN} and {@link Where#TOKEN_AFTER}
     */
    record UserAgentRule(String vendor, List<String> markers, Where where, String keyword) {

        boolean matches(String userAgent) {
            for (String marker : markers) {
                if (containsLowerCase(userAgent, marker)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The first rule whose marker occurs in {@code userAgent}, or null. */
    static UserAgentRule ruleFor(String userAgent) {
        for (UserAgentRule rule : USER_AGENT_RULES) {
            if (rule.matches(userAgent)) {
                return rule;
            }
        }
        return null;
    }

    /** Whether {@code haystack} contains {@code lowerNeedle}, ignoring the case of ASCII letters. */
    static boolean containsLowerCase(String haystack, String lowerNeedle) {
        int last = haystack.length() - lowerNeedle.length();
        for (int i = 0; i <= last; i++) {
            if (haystack.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }
}
