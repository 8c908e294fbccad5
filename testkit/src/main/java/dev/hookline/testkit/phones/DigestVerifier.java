package dev.hookline.testkit.phones;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of HTTP Digest (RFC 7616, MD5, qop=auth) for a simulated phone: issues
 * challenges and checks answers. An answer passes only with the right user, realm and password,
 * a nonce this phone issued, the request's own target as {@code uri}, and a nonce count higher
 * than any seen before with that nonce (so a captured header cannot be replayed).
 */
final class DigestVerifier {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PhoneAuth.Digest login;
    private final String opaque = randomHex(8);
    /** Nonce issued → the highest nonce count used with it so far. */
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    DigestVerifier(PhoneAuth.Digest login) {
        this.login = login;
    }

    /** A fresh {@code WWW-Authenticate} value. */
    String challenge() {
        String nonce = randomHex(16);
        nonces.put(nonce, 0L);
        return "Digest realm=\"" + login.realm() + "\", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"" + opaque
                + "\", algorithm=MD5";
    }

    /** Whether {@code authorization} answers one of this phone's challenges for this request. */
    boolean verify(String method, String rawUri, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = parameters(authorization.substring(7));
        String nonce = p.get("nonce");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (nonce == null || !nonces.containsKey(nonce) || nc == null || !nc.matches("[0-9a-fA-F]{8}")
                || cnonce == null || p.get("response") == null) {
            return false;
        }
        boolean fields = login.username().equals(p.get("username"))
                && login.realm().equals(p.get("realm"))
                && rawUri.equals(p.get("uri"))
                && "auth".equals(p.get("qop"))
                && "MD5".equalsIgnoreCase(p.getOrDefault("algorithm", "MD5"))
                && opaque.equals(p.getOrDefault("opaque", opaque));
        if (!fields) {
            return false;
        }
        String ha1 = md5(login.username() + ":" + login.realm() + ":" + login.password());
        String ha2 = md5(method + ":" + rawUri);
        String expected = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            return false;
        }
        long count = Long.parseLong(nc, 16);
        // Accept each count once, rising: a replayed header fails.
        boolean[] fresh = {false};
        nonces.computeIfPresent(nonce, (n, last) -> {
            fresh[0] = count > last;
            return Math.max(count, last);
        });
        return fresh[0];
    }

    /** {@code name=value} and {@code name="quoted value"} pairs, names lower-case. */
    static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.putIfAbsent(name, value.toString().strip());
        }
        return params;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
