package dev.hookline.gateway.provisioning;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The validated gateway address the phones will call, and the optional token they present. */
record GatewayTarget(String baseUrl, Optional<String> token) {
    // RFC 3986 unreserved characters: safe in a query value without encoding, on every phone.
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    static GatewayTarget of(String baseUrl, Optional<String> token) {
        return new GatewayTarget(checkBaseUrl(baseUrl), checkToken(token));
    }

    private static String checkBaseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw bad(raw, "is required, e.g. http://gateway.example:8080");
        }
        String url = raw.strip();
        if (url.chars().anyMatch(Character::isWhitespace)) {
            throw bad(raw, "must not contain spaces");
        }
        // Phones substitute $name (Aastra $$NAME$$) anywhere in the URL.
        if (url.indexOf('$') >= 0) {
            throw bad(raw, "must not contain '$': phones would read it as a variable");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(raw, "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(raw, "must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw bad(raw, "has no valid host name");
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the URL holds a password.
            throw new ProvisioningException("base URL must not contain user credentials; use a token instead");
        }
        if (uri.getRawQuery() != null) {
            throw bad(raw, "must not have a query (?...): Hookline adds the phone's variables there");
        }
        if (uri.getRawFragment() != null) {
            throw bad(raw, "must not have a fragment (#...)");
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static Optional<String> checkToken(Optional<String> token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String t = token.get();
        // Never echo the token: error messages end up in logs and terminals.
        if (t.isEmpty()) {
            throw new ProvisioningException("token is empty; omit it or give a non-empty value");
        }
        if (!URL_SAFE.matcher(t).matches()) {
            throw new ProvisioningException("token (" + t.length() + " characters) may contain only"
                    + " letters, digits and - . _ ~ so that it needs no URL encoding");
        }
        return token;
    }

    private static ProvisioningException bad(String raw, String why) {
        return new ProvisioningException("base URL '" + raw + "' " + why);
    }
}
