package dev.hookline.service;

import java.util.Optional;

/**
 * MAC address text to the device-id form: 12 lower-case hex digits ({@code 805ec0a1b2c3}).
 *
 * <p>Accepted shapes (surrounding whitespace ignored, any letter case; the forms phones put in
 * their variables and User-Agents, see docs/vendors.md):
 * <ul>
 *   <li>12 hex digits: {@code 805EC0A1B2C3} (Yealink/Htek/Snom/Fanvil/Grandstream {@code $mac}),</li>
 *   <li>6 groups of 2 with one separator {@code :}, {@code -} or {@code .}:
 *       {@code 80:5e:c0:a1:b2:c3} (Yealink/Htek UA), {@code 00-08-5D-23-74-29} (Aastra/Mitel UA),</li>
 *   <li>3 groups of 4: {@code 805E.C0A1.B2C3},</li>
 *   <li>2 groups of 6: {@code 805ec0-a1b2c3}.</li>
 * </ul>
 * The separator must be the same throughout. Anything else is not a MAC: this is stricter than
 * "strip everything that is not hex" on purpose, so {@code sip:1002@10.0.0.1}, a firmware version
 * or an unsubstituted {@code $mac} never turn into a device id. One hex digit twelve times
 * (all-zero, broadcast {@code ff:ff:ff:ff:ff:ff}, {@code 111111111111}) is rejected: it is a
 * placeholder people type into templates and examples, not a phone's address.
 *
 * <p>Allocation-free until a match; never throws.
 */
public final class Macs {

    /** Length of a device id. */
    public static final int HEX_DIGITS = 12;

    private Macs() {
    }

    /** The device-id form of {@code text}, or empty when it is not a MAC in an accepted shape. */
    public static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(normalizeOrNull(text, 0, text.length()));
    }

    /** True when {@code text} is already a device id: 12 lower-case hex digits, not one digit repeated. */
    public static boolean isDeviceId(String text) {
        if (text == null || text.length() != HEX_DIGITS) {
            return false;
        }
        for (int i = 0; i < HEX_DIGITS; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return normalizeOrNull(text, 0, HEX_DIGITS) != null;
    }

    /** {@link #normalize(String)} over {@code s[from, to)}, returning null instead of empty. */
    public static String normalizeOrNull(CharSequence s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        int groupLength;
        switch (to - from) {
            case 12:
                groupLength = 12;
                break;
            case 13:
                groupLength = 6;
                break;
            case 14:
                groupLength = 4;
                break;
            case 17:
                groupLength = 2;
                break;
            default:
                return null;
        }
        char separator = groupLength == 12 ? 0 : s.charAt(from + groupLength);
        if (groupLength != 12 && separator != ':' && separator != '-' && separator != '.') {
            return null;
        }
        char[] out = new char[HEX_DIGITS];
        int digits = 0;
        boolean allSame = true;
        for (int i = from, inGroup = 0; i < to; i++) {
            char c = s.charAt(i);
            if (inGroup == groupLength) {
                if (c != separator) {
                    return null;
                }
                inGroup = 0;
                continue;
            }
            char lower = lowerHex(c);
            if (lower == 0) {
                return null;
            }
            allSame &= digits == 0 || lower == out[0];
            out[digits++] = lower;
            inGroup++;
        }
        if (digits != HEX_DIGITS || allSame) {
            return null;
        }
        return new String(out);
    }

    /** The lower-case hex digit for {@code c}, or 0 when {@code c} is not a hex digit. */
    public static char lowerHex(char c) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            return c;
        }
        if (c >= 'A' && c <= 'F') {
            return (char) (c + ('a' - 'A'));
        }
        return 0;
    }
}
