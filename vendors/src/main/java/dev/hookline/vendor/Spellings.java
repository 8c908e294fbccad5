package dev.hookline.vendor;

/**
 * How event spellings compare: lower case, letters and digits only, so {@code Off Hook},
 * {@code off_hook} and {@code OffHook} are one spelling.
 */
public final class Spellings {

    private Spellings() {
    }

    /** The comparison key of a spelling (empty when it holds no letter or digit). */
    public static String key(String spelling) {
        int length = spelling.length();
        int i = 0;
        while (i < length && isKeyChar(spelling.charAt(i))) {
            i++;
        }
        if (i == length) {
            return spelling; // Already a key: most event names phones send are.
        }
        StringBuilder b = new StringBuilder(length).append(spelling, 0, i);
        for (; i < length; i++) {
            char c = Character.toLowerCase(spelling.charAt(i));
            if (isKeyChar(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
