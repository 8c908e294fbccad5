package dev.hookline.gateway.device;

/**
 * Lenient decoding of raw request-target text (phones do not percent-encode what they substitute,
 * so raw spaces, {@code +}, {@code @}, {@code :} and stray {@code %} all occur).
 *
 * <p>Only what the device-id rules need: {@code %XX} with two hex digits becomes that byte when it
 * is ASCII, and U+FFFD otherwise (non-ASCII never matters for names or MACs); a {@code %} not
 * followed by two hex digits stays as it is; {@code +} becomes a space. Never throws.
 */
final class LenientUrlText {

    private LenientUrlText() {
    }

    /** Decodes {@code s[from, to)}. */
    static String decode(CharSequence s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.append(' ');
            } else if (c == '%' && i + 2 < to) {
                int hi = hexValue(s.charAt(i + 1));
                int lo = hexValue(s.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    out.append(c);
                } else {
                    int b = (hi << 4) | lo;
                    out.append(b < 0x80 ? (char) b : '\uFFFD');
                    i += 2;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The end of the parameter starting at {@code from}: the next {@code &} or {@code ;}, or a
     * {@code :} followed by {@code name=} (deployments separate parameters so; a {@code :} inside
     * a MAC or a SIP URI is not followed by a name and {@code =}); {@code to} when none.
     */
    static int parameterEnd(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '&' || c == ';' || (c == ':' && startsName(s, i + 1, to))) {
                return i;
            }
        }
        return to;
    }

    /** Whether {@code s[from, to)} starts with a name (a letter, then letters, digits, '_', '-', '.') and then '='. */
    private static boolean startsName(CharSequence s, int from, int to) {
        if (from >= to || !isLetter(s.charAt(from))) {
            return false;
        }
        int i = from + 1;
        while (i < to && i - from < DeviceIdSources.MAX_RAW_NAME_LENGTH) {
            char c = s.charAt(i);
            if (c == '=' || c == ' ') {
                while (i < to && s.charAt(i) == ' ') {
                    i++;
                }
                return i < to && s.charAt(i) == '=';
            }
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) {
                return false;
            }
            i++;
        }
        return false;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
