package dev.hookline.processor.normalize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lenient percent-decoding of raw request text (phones do not percent-encode what they substitute; docs/vendors.md).
 * A valid {@code %XX} becomes that byte (bytes are then read as UTF-8, malformed sequences become
 * U+FFFD); a stray {@code %} stays literally; {@code +} stays a plus (phones send {@code +E.164}
 * numbers raw). Never throws.
 */
final class LenientDecoder {

    private LenientDecoder() {
    }

    static String decode(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n) {
                int hi = hex(s.charAt(i + 1));
                int lo = hex(s.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            i += Character.charCount(cp);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
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
