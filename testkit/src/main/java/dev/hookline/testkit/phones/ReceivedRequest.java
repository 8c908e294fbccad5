package dev.hookline.testkit.phones;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One request a {@link SimulatedPhone} received, as it arrived.
 *
 * @param method     e.g. {@code GET}
 * @param rawUri     the request target exactly as sent, not decoded
 * @param headers    header names lower-case; a repeated header keeps its first value
 * @param body       the body as UTF-8 text (empty for a GET)
 * @param receivedAt when it arrived
 */
public record ReceivedRequest(String method, String rawUri, Map<String, String> headers, String body, Instant receivedAt) {

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    /** A header's value by name (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
