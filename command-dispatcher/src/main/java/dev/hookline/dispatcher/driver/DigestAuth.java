package dev.hookline.dispatcher.driver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of HTTP Digest (RFC 7616, with RFC 2617's older forms): the Authorization
 * header that answers a phone's {@code WWW-Authenticate: Digest ...} challenge. Snom phones ask
 * for it when {@code http_scheme} is on; Polycom's push API always does.
 *
 * <p>Supports algorithm MD5 (the default, and what phones send) and SHA-256, with
 * {@code qop=auth} or with no qop at all (RFC 2069). {@code auth-int} and the {@code -sess}
 * variants are refused: no phone is known to require them.
 */
public final class DigestAuth {

    private DigestAuth() {
    }

    /**
     * @param challengeHeader the {@code WWW-Authenticate} value, e.g. {@code Digest realm="x", qop="auth", nonce="..."}
     * @param method          the request method ({@code GET})
     * @param uri             the request target exactly as sent ({@code /command.htm?key=OK})
     * @param credentials     the login
     * @param cnonce          a fresh client nonce (random, unquoted)
     * @param nc              how many times this nonce has been used, starting at 1
     * @throws IllegalArgumentException when the challenge is not a Digest challenge this class can answer
     */
    public static String authorizationHeader(String challengeHeader, String method, String uri,
                                             Credentials credentials, String cnonce, int nc) {
        Map<String, String> challenge = parseChallenge(challengeHeader);
        String realm = require(challenge, "realm");
        String nonce = require(challenge, "nonce");
        String algorithm = challenge.getOrDefault("algorithm", "MD5");
        String javaAlgorithm = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new IllegalArgumentException("unsupported Digest algorithm " + algorithm);
        };
        String qop = chooseQop(challenge.get("qop"));

        String ha1 = hash(javaAlgorithm, credentials.username() + ":" + realm + ":" + credentials.password());
        String ha2 = hash(javaAlgorithm, method + ":" + uri);
        String ncHex = String.format(Locale.ROOT, "%08x", nc);
        String response = qop == null
                ? hash(javaAlgorithm, ha1 + ":" + nonce + ":" + ha2)
                : hash(javaAlgorithm, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":" + qop + ":" + ha2);

        StringBuilder header = new StringBuilder("Digest ")
                .append("username=").append(quote(credentials.username()))
                .append(", realm=").append(quote(realm))
                .append(", nonce=").append(quote(nonce))
                .append(", uri=").append(quote(uri))
                .append(", algorithm=").append(algorithm);
        if (qop != null) {
            header.append(", qop=").append(qop)
                    .append(", nc=").append(ncHex)
                    .append(", cnonce=").append(quote(cnonce));
        }
        header.append(", response=").append(quote(response));
        if (challenge.containsKey("opaque")) {
            header.append(", opaque=").append(quote(challenge.get("opaque")));
        }
        return header.toString();
    }

    /** The Digest challenge's parameters, names lower-case; other schemes in the header are skipped. */
    static Map<String, String> parseChallenge(String header) {
        int start = indexOfScheme(header);
        if (start < 0) {
            throw new IllegalArgumentException("not a Digest challenge");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = start + "digest".length();
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ',' || Character.isWhitespace(header.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ',' && !Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i >= n || header.charAt(i) != '=') {
                break; // the next scheme starts ("Digest ..., Basic realm=...")
            }
            i++;
            while (i < n && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(header.charAt(i++));
                }
                i++;
            } else {
                while (i < n && header.charAt(i) != ',') {
                    value.append(header.charAt(i++));
                }
            }
            params.putIfAbsent(name, value.toString().strip());
        }
        return params;
    }

    private static int indexOfScheme(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("digest");
        while (at >= 0) {
            boolean startsToken = at == 0 || lower.charAt(at - 1) == ' ' || lower.charAt(at - 1) == ',';
            boolean endsToken = at + 6 < lower.length() && lower.charAt(at + 6) == ' ';
            if (startsToken && endsToken) {
                return at;
            }
            at = lower.indexOf("digest", at + 1);
        }
        return -1;
    }

    private static String require(Map<String, String> challenge, String name) {
        String value = challenge.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Digest challenge without " + name);
        }
        return value;
    }

    /** "auth" when offered; null when the server offers no qop (RFC 2069). */
    private static String chooseQop(String offered) {
        if (offered == null) {
            return null;
        }
        for (String option : offered.split(",")) {
            if (option.strip().equalsIgnoreCase("auth")) {
                return "auth";
            }
        }
        throw new IllegalArgumentException("Digest challenge offers qop=" + offered + ", not auth");
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
