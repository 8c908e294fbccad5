package dev.hookline.processor.normalize;

/**
 * How parameter names compare: ignoring case, {@code -}, {@code _} and spaces, so
 * {@code Remote-Number}, {@code remote_number} and {@code remoteNumber} are one name. Descriptors
 * list a name once and every deployment's spelling of it is read.
 */
final class ParameterNames {

    private ParameterNames() {
    }

    /** The comparison form of a parameter name. */
    static String fold(String name) {
        int n = name.length();
        int i = 0;
        while (i < n && isKept(name.charAt(i)) && !isUpper(name.charAt(i))) {
            i++;
        }
        if (i == n) {
            return name; // Most names already are: no copy.
        }
        StringBuilder b = new StringBuilder(n).append(name, 0, i);
        for (; i < n; i++) {
            char c = name.charAt(i);
            if (isKept(c)) {
                b.append(isUpper(c) ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static boolean isKept(char c) {
        return c != '-' && c != '_' && !Character.isWhitespace(c);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z' || (c > 0x7f && Character.isUpperCase(c));
    }
}
