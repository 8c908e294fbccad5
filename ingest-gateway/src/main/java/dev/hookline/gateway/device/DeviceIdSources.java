package dev.hookline.gateway.device;

import dev.hookline.vendor.UserAgentSpec;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where device ids come from: which request parameters carry the phone's MAC (vendor-neutral,
 * kept here), and where each vendor's User-Agent puts it (read from the vendor descriptors of
 * the catalogue). A finding on real hardware should be a change to this table or to a
 * descriptor, not to the code that walks them.
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
    //   folded name   | spelled as                                    | where it is used
    //   --------------+-----------------------------------------------+---------------------------------
    //   mac           | mac=$mac                                      | Yealink administrator guide ("help.xml?mac=$mac"),
    //                 |                                               | Grandstream "mac=$mac&...", scheme-less URLs,
    //                 |                                               | captured requests "mac=0004133EAE05"
    //   device        | device=$mac                                   | Phone Amego's generic URLs ("?device=$mac")
    //   macaddress    | MACAddress, mac_address, macaddress           | Polycom <MACAddress>, common spelling
    //   macaddr       | macaddr, mac_addr                             | common spelling
    //   deviceid      | deviceid, device_id                           | common spelling
    //   devid         | DevId                                         | Grandstream User-Agent "DevId <mac>"
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
    // 2. User-Agent rules: one per vendor descriptor of the catalogue that names User-Agent
    //    markers (recognize.userAgentContains), in catalogue order, each saying where that
    //    vendor's User-Agent carries the MAC (userAgent.mac). The descriptors' userAgent.examples
    //    are real User-Agents with the MAC to read, and every one of them is a test vector
    //    (UserAgentExamplesTest); docs/vendors.md describes the descriptor format.
    //
    // The first rule with a marker contained in the User-Agent (ignoring case) decides where the
    // MAC is. The UA is cut into tokens at whitespace and ( ) ; , and the located token must pass
    // Macs.normalize (so a firmware version in that place yields nothing).
    //
    // Any other User-Agent (a known one whose rule found nothing, or whose descriptor does not say
    // where its MAC is) gets the generic rule: the first token that is a MAC written with ':' or
    // '-' between 6 groups of 2 (the forms Yealink, Htek and Aastra use), or a MAC in any shape
    // the UA labels as one ("MAC:0004133EAE05", "MAC: 00-04-13-...", "MAC 0004133eae05"), or a
    // MAC alone in the parentheses that end the UA. A bare 12-hex token elsewhere in an unknown UA
    // is not taken: it may be a build hash or serial number.
    // ---------------------------------------------------------------------------------------------

    /** Prefixes the generic rule strips before reading a separated MAC token. */
    static final List<String> GENERIC_PREFIXES = List.of("MAC:", "MAC=");

    /** Tokens after which the generic rule reads the next token as a MAC, in any shape. */
    static final List<String> GENERIC_LABELS = List.of("MAC", "MAC:", "MAC=");

    /** The User-Agent rules of {@code catalogue}'s descriptors that name User-Agent markers, in catalogue order. */
    static List<UserAgentRule> userAgentRules(VendorCatalogue catalogue) {
        List<UserAgentRule> rules = new ArrayList<>();
        for (VendorDescriptor d : catalogue.all()) {
            List<String> markers = d.recognize().userAgentContains();
            if (markers.isEmpty()) {
                continue;
            }
            UserAgentSpec.MacLocation mac = d.userAgent().mac();
            rules.add(mac == null
                    ? new UserAgentRule(d.vendor(), markers, Where.GENERIC, null)
                    : new UserAgentRule(d.vendor(), markers, Where.of(mac.at()), mac.keyword()));
        }
        return List.copyOf(rules);
    }

    /** Where a vendor's User-Agent carries the MAC. */
    enum Where {
        /** The last token. */
        LAST_TOKEN,
        /** A token starting with {@link UserAgentRule#keyword} (ignoring case), the MAC after it. */
        AFTER_PREFIX,
        /** The token after the token equal to {@link UserAgentRule#keyword} (ignoring case). */
        NEXT_TOKEN,
        /** The vendor's User-Agent carries no MAC; nothing is read from it. */
        NONE,
        /** The descriptor does not say: the generic rule reads it. */
        GENERIC;

        static Where of(UserAgentSpec.At at) {
            return switch (at) {
                case LAST_TOKEN -> LAST_TOKEN;
                case AFTER_PREFIX -> AFTER_PREFIX;
                case NEXT_TOKEN -> NEXT_TOKEN;
                case NONE -> NONE;
            };
        }
    }

    /**
     * One vendor's User-Agent rule.
     *
     * @param vendor  the descriptor's vendor name, for logs and tests
     * @param markers lower-case substrings that identify the vendor's User-Agent
     * @param where   where the MAC is
     * @param keyword the prefix or preceding token for {@link Where#AFTER_PREFIX} and {@link Where#NEXT_TOKEN}
     */
    record UserAgentRule(String vendor, List<String> markers, Where where, String keyword) {

        UserAgentRule {
            markers = List.copyOf(markers);
        }

        boolean matches(String userAgent) {
            for (String marker : markers) {
                if (containsLowerCase(userAgent, marker)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The first of {@code rules} whose marker occurs in {@code userAgent}, or null. */
    static UserAgentRule ruleFor(UserAgentRule[] rules, String userAgent) {
        for (UserAgentRule rule : rules) {
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
