package dev.hookline.processor.normalize;

/** Absent values: phones send an empty string or leave the variable unsubstituted ({@code $remote}, {@code $$REMOTENUMBER$$}). */
final class Values {

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
}
