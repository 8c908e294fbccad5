package dev.hookline.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a configured Action URL's variables as a phone does: a plain text replacement of
 * {@code $name} and {@code $$NAME$$}. Values are percent-encoded where a URL needs it (spaces in
 * display names), but {@code :} and {@code @} stay raw, as in real captures of {@code sip:1001@pbx}.
 */
final class UrlFiller {

    // Aastra's $$NAME$$ first; Snom's $call-id has a hyphen; a variable ends at '&', '=', '/' or the end.
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$([A-Za-z_]+)\\$\\$|\\$([A-Za-z][A-Za-z0-9_-]*)");

    /** A URL with its variables filled, and the value each variable got. */
    record Filled(String url, Map<String, String> values) {
    }

    private UrlFiller() {
    }

    /** @param valueOf a variable's value, or null to leave the variable as it is */
    static Filled fill(String template, Function<String, String> valueOf) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        Map<String, String> values = new LinkedHashMap<>();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = valueOf.apply(name);
            if (value != null) {
                values.put(name, value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : encode(value)));
        }
        m.appendTail(out);
        return new Filled(out.toString(), values);
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
