package dev.hookline.testkit.phones;

import java.util.Map;

/** What a simulated phone answers: status, extra headers, body. */
record PhoneReply(int status, Map<String, String> headers, String body) {

    PhoneReply {
        headers = Map.copyOf(headers);
    }

    static PhoneReply ok(String contentType, String body) {
        return new PhoneReply(200, Map.of("Content-Type", contentType), body);
    }

    static PhoneReply status(int status, String body) {
        return new PhoneReply(status, Map.of("Content-Type", "text/plain"), body);
    }
}
