package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.driver.Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Last line of defence for result details: a driver's text (or a phone's error page echoing the
 * request) must never carry a password into a topic. Also bounds the length.
 */
final class Redaction {

    static final String MASK = "****";
    static final int MAX_DETAIL = 500;

    private Redaction() {
    }

    static String scrub(String detail, Optional<Credentials> credentials) {
        if (detail == null) {
            return null;
        }
        String text = detail;
        if (credentials.isPresent() && !credentials.get().password().isEmpty()) {
            String password = credentials.get().password();
            text = text.replace(password, MASK)
                    .replace(URLEncoder.encode(password, StandardCharsets.UTF_8), MASK)
                    .replace(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"), MASK);
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }
}
