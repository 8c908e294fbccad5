package dev.hookline.processor.normalize;

/** Absent values: phones send an empty string or leave the variable unsubstituted ({@code $remote}, {@code $$REMOTENUMBER$$}). */
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
        return t.isEmpty() || t.charAt(0) == '$' || t.equals("\"\"");
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
