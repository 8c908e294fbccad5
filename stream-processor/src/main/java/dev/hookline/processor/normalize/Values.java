package dev.hookline.processor.normalize;

/**
 * Absent values: phones send an empty string or leave the variable unsubstituted, in every form
 * deployments get wrong: {@code $remote}, {@code $$REMOTENUMBER$$}, {@code $$REMOTENUMBER$},
 * {@code ${mac}}, {@code $(remote)}, {@code %24mac} (decoded to {@code $mac}; {@code %2524mac}
 * decoded to {@code %24mac}), quoted
 * ({@code "$remote"}), or a template's own placeholder ({@code {remote}}, {@code {{remote}}},
 * {@code %remote%}).
 */
final class Values {

    /** The longest value kept in an event field or attribute: a phone's text is not ours to store unbounded. */
    static final int MAX_VALUE = 256;

    private Values() {
    }

    static boolean isAbsent(String v) {
        if (v == null) {
            return true;
        }
        String t = v.trim();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            t = t.substring(1, t.length() - 1).trim();
        }
        // "%24" left after decoding: the '$' was encoded twice (a proxy or a template encoded it again).
        return t.isEmpty() || t.charAt(0) == '$' || t.regionMatches(true, 0, "%24", 0, 3) || isPlaceholder(t);
    }

    /** {@code {name}}, {@code {{name}}} or {@code %name%}: a variable name, no value. */
    private static boolean isPlaceholder(String t) {
        int n = t.length();
        char first = t.charAt(0);
        char last = t.charAt(n - 1);
        if (n < 3 || !((first == '{' && last == '}') || (first == '%' && last == '%'))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '{' || c == '}')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A number one could dial or a SIP address: digits with {@code + * # - . ( )} and spaces, or
     * text with {@code sip:}, {@code tel:} or {@code @}. A display name is none of these.
     */
    static boolean isDialable(String v) {
        String t = v.trim();
        if (startsWithIgnoreCase(t, "sip:") || startsWithIgnoreCase(t, "sips:") || startsWithIgnoreCase(t, "tel:")
                || t.indexOf('@') > 0) {
            return true;
        }
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("+*#-.() ".indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }

    /**
     * Whether {@code s} in lower case ({@link java.util.Locale#ROOT}) starts with {@code lowerAsciiPrefix},
     * without lower-casing all of {@code s}. The prefix is lower-case ASCII without a 'k' (a URI
     * scheme): only ASCII letters lower-case to its letters (the Kelvin sign lower-cases to 'k').
     */
    static boolean startsWithIgnoreCase(String s, String lowerAsciiPrefix) {
        if (s.length() < lowerAsciiPrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerAsciiPrefix.length(); i++) {
            char c = s.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerAsciiPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Trimmed value, or null when absent. */
    static String clean(String v) {
        return isAbsent(v) ? null : v.trim();
    }

    /** Printable, bounded text for a rejection reason. */
    static String shown(String v) {
        if (v == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length() && b.length() < 48; i++) {
            char c = v.charAt(i);
            b.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        if (v.length() > 48) {
            b.append("...");
        }
        return b.toString();
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
