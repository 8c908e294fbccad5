package dev.hookline.dispatcher.driver;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to a phone, exactly as a vendor driver built it: the HTTP client sends it as is.
 *
 * @param method       {@code GET} or {@code POST}
 * @param pathAndQuery the request target, starting with {@code /} (already percent-encoded where needed)
 * @param headers      extra headers (e.g. Content-Type for a POST); never an Authorization header
 * @param body         the body of a POST, or null
 * @param auth         how to authenticate
 * @param credentials  the login for {@code auth}, when any
 * @param logTarget    {@code pathAndQuery} with any secret in it replaced by {@code ****}: the only form
 *                     that may reach a log line, a metric, an exception or a topic
 */
public record PhoneHttpRequest(
        String method,
        String pathAndQuery,
        Map<String, String> headers,
        String body,
        AuthScheme auth,
        Optional<Credentials> credentials,
        String logTarget) {

    public PhoneHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(logTarget, "logTarget");
    }

    @Override
    public String toString() {
        return method + " " + logTarget;
    }
}
