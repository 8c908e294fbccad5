package dev.hookline.testkit.phones;

import java.util.Map;

/** What a simulated phone answers: status, extra headers, body. */
public record PhoneReply(int status, Map<String, String> headers, String body) {

    public PhoneReply {
        headers = Map.copyOf(headers);
    }

    public static PhoneReply ok(String contentType, String body) {
        return new PhoneReply(200, Map.of("Content-Type", contentType), body);
    }

    public static PhoneReply status(int status, String body) {
        return new PhoneReply(status, Map.of("Content-Type", "text/plain"), body);
    }
}
