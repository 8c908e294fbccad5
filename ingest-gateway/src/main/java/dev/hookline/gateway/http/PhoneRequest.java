package dev.hookline.gateway.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP request from a phone, as received: the request target exactly as sent (raw spaces,
 * '+', '%' and all; not decoded), the headers in order, the body.
 */
public record PhoneRequest(
        String method,
        String target,
        String version,
        List<Header> headers,
        byte[] body,
        String remoteAddress,
        int remotePort,
        long receivedAtMillis) {

    /** One header line, name as sent. */
    public record Header(String name, String value) {
    }

    /** The target up to '?': the raw path. */
    public String path() {
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    /** The raw query after '?', or null when there is none. */
    public String query() {
        int question = target.indexOf('?');
        return question < 0 ? null : target.substring(question + 1);
    }

    public Optional<String> header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
    public boolean keepAlive() {
        String connection = header("Connection").map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
        if ("HTTP/1.0".equals(version)) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }
}
