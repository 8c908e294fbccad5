package dev.hookline.gateway.device;

import dev.hookline.service.Macs;
import dev.hookline.vendor.VendorCatalogue;
import java.util.List;
import java.util.Optional;

/**
 * The device id of a phone request: the Kafka key of everything the phone causes
 * (see "Device id" in the architecture document). The phone's MAC as 12 lower-case hex digits, taken from the first
 * of these that names one:
 * <ol>
 *   <li><b>query</b> (parameters separated by {@code &}, {@code ;} or a {@code :} before
 *       {@code name=}; spaces around {@code =} ignored): a MAC-carrying parameter ({@code mac}, {@code device}, {@code mac_address},
 *       ... in any case and spelling; {@link DeviceIdSources#MAC_PARAMETER_NAMES}), the first in
 *       query order whose value is a MAC ({@link Macs}: with or without {@code :} {@code -}
 *       {@code .} separators, percent-encoded or not, any case);</li>
 *   <li><b>path</b>: left to right, a path segment (or an {@code &}-separated piece of one) that is a
 *       MAC ({@code /incoming_call/001fc11a8b6c/192.168.0.157}, Snom {@code /$mac&/}), or a MAC-carrying
 *       {@code name=value} written in the path (Grandstream/Htek scheme-less URLs without {@code ?},
 *       {@code /mac=...&local=...});</li>
 *   <li><b>User-Agent</b>: where the vendor's format puts it, as its descriptor in the
 *       {@link VendorCatalogue} says ({@link DeviceIdSources#userAgentRules}), else the generic rule;</li>
 *   <li>else {@code ip-<source address>} ({@link IpKeys}).</li>
 * </ol>
 * An unsubstituted variable ({@code $mac}, {@code $$MAC$$}), an empty value, all-zero and broadcast
 * MACs are "absent" and the next source is tried. Values of other parameters ({@code call_id},
 * {@code remote}, ...) are never read, even when they look like 12 hex digits.
 *
 * <p>Runs on the event loop for every request: one linear pass over each input, no regular
 * expressions, no exceptions; raw, undecoded, hostile input (raw spaces, stray {@code %},
 * {@code &&}, names without {@code =}, kilobytes of junk) is tolerated. The User-Agent rules are
 * made once, when the extractor is made (at start), from the catalogue's descriptors.
 */
public final class DeviceIdExtractor {

    private static volatile DeviceIdExtractor builtIn;

    private final DeviceIdSources.UserAgentRule[] rules;

    private DeviceIdExtractor(List<DeviceIdSources.UserAgentRule> rules) {
        this.rules = rules.toArray(DeviceIdSources.UserAgentRule[]::new);
    }

    /** An extractor reading User-Agents as the descriptors of {@code catalogue} say. */
    public static DeviceIdExtractor of(VendorCatalogue catalogue) {
        return new DeviceIdExtractor(DeviceIdSources.userAgentRules(catalogue));
    }

    /** An extractor of the built-in descriptors only. */
    public static DeviceIdExtractor builtIn() {
        DeviceIdExtractor e = builtIn;
        if (e == null) {
            e = of(VendorCatalogue.builtIn());
            builtIn = e;
        }
        return e;
    }

    /** The User-Agent rules, in the order they are tried. */
    List<DeviceIdSources.UserAgentRule> rules() {
        return List.of(rules);
    }

    /** The rule that reads {@code userAgent}, or null when the generic rule does. */
    DeviceIdSources.UserAgentRule ruleFor(String userAgent) {
        return DeviceIdSources.ruleFor(rules, userAgent);
    }

    /**
     * The device id for a request.
     *
     * @param rawPath       request path as received, not decoded (null is treated as empty)
     * @param rawQuery      query as received, not decoded, without {@code ?}; nullable
     * @param userAgent     the User-Agent header; nullable
     * @param sourceAddress the peer's IP address (host only)
     * @return 12 lower-case hex digits, or {@code ip-<address>}
     */
    public String deviceId(String rawPath, String rawQuery, String userAgent, String sourceAddress) {
        return resolve(rawPath, rawQuery, userAgent, sourceAddress).value();
    }

    /** As {@link #deviceId}, also telling which part of the request gave the id. */
    public DeviceId resolve(String rawPath, String rawQuery, String userAgent, String sourceAddress) {
        String path = rawPath == null ? "" : rawPath;
        String query = rawQuery;
        int questionMark = path.indexOf('?');
        if (questionMark >= 0) {
            // A full request target was passed as the path: split it here.
            if (query == null) {
                query = path.substring(questionMark + 1);
            }
            path = path.substring(0, questionMark);
        }
        String mac = fromQueryOrNull(query);
        if (mac != null) {
            return new DeviceId(mac, DeviceId.Source.QUERY);
        }
        mac = fromPathOrNull(path);
        if (mac != null) {
            return new DeviceId(mac, DeviceId.Source.PATH);
        }
        mac = fromUserAgentOrNull(userAgent);
        if (mac != null) {
            return new DeviceId(mac, DeviceId.Source.USER_AGENT);
        }
        return new DeviceId(IpKeys.key(sourceAddress), DeviceId.Source.SOURCE_ADDRESS);
    }

    /** The MAC in a MAC-carrying parameter of a raw query. */
    public static Optional<String> fromQuery(String rawQuery) {
        return Optional.ofNullable(fromQueryOrNull(rawQuery));
    }

    /** The MAC in a raw path: a MAC segment or a MAC-carrying {@code name=value} in it. */
    public static Optional<String> fromPath(String rawPath) {
        return Optional.ofNullable(fromPathOrNull(rawPath));
    }

    /** The MAC in a User-Agent. */
    public Optional<String> fromUserAgent(String userAgent) {
        return Optional.ofNullable(fromUserAgentOrNull(userAgent));
    }

    // --- query and path --------------------------------------------------------------------------

    static String fromQueryOrNull(String query) {
        if (query == null) {
            return null;
        }
        int n = query.length();
        for (int start = 0; start < n; ) {
            int end = LenientUrlText.parameterEnd(query, start, n);
            int eq = LenientUrlText.indexOf(query, '=', start, end);
            if (eq >= 0) {
                String mac = fromParameter(query, start, eq, end);
                if (mac != null) {
                    return mac;
                }
            }
            start = end + 1;
        }
        return null;
    }

    static String fromPathOrNull(String path) {
        if (path == null) {
            return null;
        }
        int n = path.length();
        for (int start = 0; start < n; ) {
            // Pieces end at '/' (segments), at '&' (Snom "$mac&", scheme-less "mac=..&local=..") and
            // where a parameter ends otherwise (';', ':' before a name=).
            int end = LenientUrlText.indexOf(path, '/', start, n);
            end = LenientUrlText.parameterEnd(path, start, end < 0 ? n : end);
            if (end > start) {
                int eq = LenientUrlText.indexOf(path, '=', start, end);
                String mac = eq >= 0 ? fromParameter(path, start, eq, end) : fromValue(path, start, end);
                if (mac != null) {
                    return mac;
                }
            }
            start = end + 1;
        }
        return null;
    }

    /** The MAC of {@code name=value} at {@code s[start, end)} with '=' at {@code eq}, when the name carries one. */
    private static String fromParameter(String s, int start, int eq, int end) {
        return DeviceIdSources.isMacParameterName(s, start, eq) ? fromValue(s, eq + 1, end) : null;
    }

    /** The raw (percent-encoded) value {@code s[from, to)} as a MAC. */
    private static String fromValue(String s, int from, int to) {
        if (to - from > DeviceIdSources.MAX_RAW_VALUE_LENGTH || to - from < Macs.HEX_DIGITS) {
            return null;
        }
        if (LenientUrlText.indexOf(s, '%', from, to) < 0 && LenientUrlText.indexOf(s, '+', from, to) < 0) {
            return Macs.normalizeOrNull(s, from, to);
        }
        String decoded = LenientUrlText.decode(s, from, to);
        return Macs.normalizeOrNull(decoded, 0, decoded.length());
    }

    // --- User-Agent ------------------------------------------------------------------------------

    String fromUserAgentOrNull(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return null;
        }
        DeviceIdSources.UserAgentRule rule = DeviceIdSources.ruleFor(rules, userAgent);
        // GENERIC (a descriptor that does not say where its MAC is) finds nothing by rule.
        if (rule != null) {
            if (rule.where() == DeviceIdSources.Where.NONE) {
                return null;
            }
            String mac = byRule(userAgent, rule);
            if (mac != null) {
                return mac;
            }
        }
        return generic(userAgent);
    }

    private static String byRule(String ua, DeviceIdSources.UserAgentRule rule) {
        int n = ua.length();
        switch (rule.where()) {
            case LAST_TOKEN: {
                int end = n;
                while (end > 0 && isTokenDelimiter(ua.charAt(end - 1))) {
                    end--;
                }
                int start = end;
                while (start > 0 && !isTokenDelimiter(ua.charAt(start - 1))) {
                    start--;
                }
                return Macs.normalizeOrNull(ua, start, end);
            }
            case AFTER_PREFIX: {
                String prefix = rule.keyword();
                for (int start = nextTokenStart(ua, 0); start < n; ) {
                    int end = tokenEnd(ua, start);
                    if (end - start > prefix.length() && ua.regionMatches(true, start, prefix, 0, prefix.length())) {
                        String mac = Macs.normalizeOrNull(ua, start + prefix.length(), end);
                        if (mac != null) {
                            return mac;
                        }
                    }
                    start = nextTokenStart(ua, end);
                }
                return null;
            }
            case NEXT_TOKEN: {
                String keyword = rule.keyword();
                boolean afterKeyword = false;
                for (int start = nextTokenStart(ua, 0); start < n; ) {
                    int end = tokenEnd(ua, start);
                    if (afterKeyword) {
                        String mac = Macs.normalizeOrNull(ua, start, end);
                        if (mac != null) {
                            return mac;
                        }
                    }
                    afterKeyword = end - start == keyword.length()
                            && ua.regionMatches(true, start, keyword, 0, keyword.length());
                    start = nextTokenStart(ua, end);
                }
                return null;
            }
            default:
                return null;
        }
    }

    /**
     * Any User-Agent, the first of its tokens that is:
     * <ul>
     *   <li>a MAC with ':' or '-' between 6 groups of 2 (no build hash or version looks so);</li>
     *   <li>a MAC in any shape {@link Macs} accepts, bare 12 hex digits too, that the User-Agent
     *       labels as one: after one of {@link DeviceIdSources#GENERIC_PREFIXES} in the same token
     *       ({@code MAC:0004133EAE05}) or as the token after a token equal to one of
     *       {@link DeviceIdSources#GENERIC_LABELS} ({@code MAC: 00-04-13-3E-AE-05});</li>
     *   <li>a MAC in any shape alone in the parentheses that end the User-Agent
     *       ({@code Phone/1.0 (0004133eae05)}): where phones put their MAC, and a build hash or
     *       serial number is rarely exactly 12 hex digits alone in the closing parentheses.</li>
     * </ul>
     * A bare 12-hex token anywhere else is not taken: it may be a build hash or serial number.
     */
    private static String generic(String ua) {
        int n = ua.length();
        boolean afterLabel = false;
        for (int start = nextTokenStart(ua, 0); start < n; ) {
            int end = tokenEnd(ua, start);
            if (afterLabel) {
                String mac = Macs.normalizeOrNull(ua, start, end);
                if (mac != null) {
                    return mac;
                }
            }
            int from = start;
            for (String prefix : DeviceIdSources.GENERIC_PREFIXES) {
                if (end - start > prefix.length() && ua.regionMatches(true, start, prefix, 0, prefix.length())) {
                    from = start + prefix.length();
                    break;
                }
            }
            if (from > start || (end - from == 17 && (ua.charAt(from + 2) == ':' || ua.charAt(from + 2) == '-'))
                    || aloneInClosingParentheses(ua, start, end)) {
                String mac = Macs.normalizeOrNull(ua, from, end);
                if (mac != null) {
                    return mac;
                }
            }
            afterLabel = isLabel(ua, start, end);
            start = nextTokenStart(ua, end);
        }
        return null;
    }

    private static boolean isLabel(String ua, int start, int end) {
        for (String label : DeviceIdSources.GENERIC_LABELS) {
            if (end - start == label.length() && ua.regionMatches(true, start, label, 0, label.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ua[start, end)} is all that stands between a '(' and a ')' that ends the User-Agent. */
    private static boolean aloneInClosingParentheses(String ua, int start, int end) {
        int before = start - 1;
        while (before >= 0 && ua.charAt(before) == ' ') {
            before--;
        }
        int after = end;
        while (after < ua.length() && ua.charAt(after) == ' ') {
            after++;
        }
        if (before < 0 || ua.charAt(before) != '(' || after >= ua.length() || ua.charAt(after) != ')') {
            return false;
        }
        for (int i = after + 1; i < ua.length(); i++) {
            if (ua.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenDelimiter(char c) {
        return c <= ' ' || c == '(' || c == ')' || c == ';' || c == ',';
    }

    private static int nextTokenStart(String s, int from) {
        while (from < s.length() && isTokenDelimiter(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int tokenEnd(String s, int start) {
        while (start < s.length() && !isTokenDelimiter(s.charAt(start))) {
            start++;
        }
        return start;
    }
}
