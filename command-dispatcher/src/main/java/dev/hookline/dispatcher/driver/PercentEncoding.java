package dev.hookline.dispatcher.driver;

import java.nio.charset.StandardCharsets;

/** Percent-encodes a value for a URL query (RFC 3986), keeping unreserved characters and the given extras raw. */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * @param value   the text to encode
     * @param keepRaw characters the vendor documents in raw form (e.g. {@code "*"} in a Yealink key)
     */
    public static String encode(String value, String keepRaw) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (c < 0x80 && keepRaw.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
