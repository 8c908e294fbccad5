package dev.hookline.gateway.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The shared token phones send, as a query parameter {@code token=T} or a path segment
 * {@code /token=T/}: compared in constant time, and cut out of the request before it is
 * stored so that the secret never reaches a topic or a log.
 */
public final class Tokens {

    static final String NAME = "token=";

    private Tokens() {
    }

    /** A request's path and query with the token taken out. */
    public record Stripped(String path, String query, Optional<String> token) {
    }

    public static Stripped strip(String path, String query) {
        if (!path.contains(NAME) && (query == null || !query.contains(NAME))) {
            return new Stripped(path, query, Optional.empty());
        }
        String token = null;
        StringBuilder cleanPath = new StringBuilder(path.length());
        for (String segment : path.split("/", -1)) {
            if (segment.startsWith(NAME) && token == null) {
                token = segment.substring(NAME.length());
                continue;
            }
            if (cleanPath.length() > 0 || !segment.isEmpty()) {
                cleanPath.append('/').append(segment);
            }
        }
        String cleanQuery = query;
        if (query != null) {
            StringBuilder kept = new StringBuilder(query.length());
            for (String part : query.split("&", -1)) {
                if (part.startsWith(NAME)) {
                    token = token == null ? part.substring(NAME.length()) : token;
                    continue;
                }
                if (kept.length() > 0) {
                    kept.append('&');
                }
                kept.append(part);
            }
            cleanQuery = kept.toString();
        }
        String rebuilt = cleanPath.length() == 0 ? "/" : cleanPath.toString();
        return new Stripped(token == null ? path : rebuilt, token == null ? query : cleanQuery, Optional.ofNullable(token));
    }

    /** Constant-time comparison, so the time taken does not tell how much of a guess was right. */
    public static boolean matches(Optional<String> presented, String expected) {
        byte[] given = presented.orElse("").getBytes(StandardCharsets.UTF_8);
        return presented.isPresent() && MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }
}
