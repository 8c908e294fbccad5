package dev.hookline.testkit.phones;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=b&c=d} split as a phone's web server would: on '&', then on the first '='; values
 * percent-decoded ('+' is kept: the drivers encode a plus as %2B). The first of a repeated name wins.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The query of a raw request target (after the first '?'), or "". */
    static String queryOf(String rawUri) {
        int q = rawUri.indexOf('?');
        return q < 0 ? "" : rawUri.substring(q + 1);
    }

    /** The path of a raw request target (before the first '?'). */
    static String pathOf(String rawUri) {
        int q = rawUri.indexOf('?');
        return q < 0 ? rawUri : rawUri.substring(0, q);
    }

    /** %XX decoding; a malformed escape stays as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
