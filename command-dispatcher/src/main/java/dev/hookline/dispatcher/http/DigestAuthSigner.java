package dev.hookline.dispatcher.http;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.DigestAuth;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Answers Digest challenges with {@link DigestAuth}: a fresh random client nonce per answer, used once (nc=1). */
public final class DigestAuthSigner implements DigestSigner {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String authorization(String challenge, String method, String uri, Credentials credentials) {
        byte[] cnonce = new byte[16];
        random.nextBytes(cnonce);
        try {
            return DigestAuth.authorizationHeader(challenge, method, uri, credentials, HexFormat.of().formatHex(cnonce), 1);
        } catch (IllegalArgumentException e) {
            // A challenge we cannot answer (unknown algorithm, auth-int): the 401 stands, AUTH_FAILED.
            return null;
        }
    }
}
