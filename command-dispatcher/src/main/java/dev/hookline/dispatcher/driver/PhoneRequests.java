package dev.hookline.dispatcher.driver;

import java.util.Map;
import java.util.Optional;

/** Builds the {@link PhoneHttpRequest}s drivers send; without credentials the request carries no authentication. */
public final class PhoneRequests {

    private PhoneRequests() {
    }

    /** A GET whose target holds no secret (so it is its own log form). */
    public static PhoneHttpRequest get(String pathAndQuery, AuthScheme scheme, Optional<Credentials> credentials) {
        return new PhoneHttpRequest("GET", pathAndQuery, Map.of(), null,
                credentials.isPresent() ? scheme : AuthScheme.NONE, credentials, pathAndQuery);
    }

    /** A POST to a target that holds no secret. */
    public static PhoneHttpRequest post(String pathAndQuery, Map<String, String> headers, String body,
                                        AuthScheme scheme, Optional<Credentials> credentials) {
        return new PhoneHttpRequest("POST", pathAndQuery, headers, body,
                credentials.isPresent() ? scheme : AuthScheme.NONE, credentials, pathAndQuery);
    }
}
