package dev.hookline.testkit.phones;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Checks a request against the phone's {@link PhoneAuth}; answers 401 with the right challenge when it fails. */
final class AuthGate {

    private final PhoneAuth auth;
    private final DigestVerifier digest;

    AuthGate(PhoneAuth auth) {
        this.auth = auth;
        this.digest = auth instanceof PhoneAuth.Digest d ? new DigestVerifier(d) : null;
    }

    /** Empty when the request may proceed; else the 401 to send. */
    Optional<PhoneReply> check(ReceivedRequest request) {
        if (auth instanceof PhoneAuth.Basic basic) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
            String given = request.header("Authorization");
            return given != null && constantTimeEquals(given, expected) ? Optional.empty()
                    : Optional.of(unauthorized("Basic realm=\"phone\""));
        }
        if (auth instanceof PhoneAuth.Digest) {
            return digest.verify(request.method(), request.rawUri(), request.header("Authorization"))
                    ? Optional.empty() : Optional.of(unauthorized(digest.challenge()));
        }
        if (auth instanceof PhoneAuth.QueryLogin login) {
            Map<String, String> query = QueryParameters.parse(QueryParameters.queryOf(request.rawUri()));
            boolean ok = "login".equals(query.get("p")) && "login".equals(query.get("q"))
                    && login.username().equals(query.get("username")) && login.password().equals(query.get("pwd"));
            return ok ? Optional.empty() : Optional.of(PhoneReply.status(401, "login required"));
        }
        return Optional.empty();
    }

    private static PhoneReply unauthorized(String challenge) {
        return new PhoneReply(401, Map.of("WWW-Authenticate", challenge, "Content-Type", "text/plain"), "unauthorized");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
