package dev.hookline.dispatcher.http;

import dev.hookline.dispatcher.driver.Credentials;

/** Answers an HTTP Digest challenge ({@code WWW-Authenticate: Digest ...}) with an Authorization header value. */
@FunctionalInterface
public interface DigestSigner {

    /** @return the Authorization header value, or null when the challenge cannot be answered */
    String authorization(String challenge, String method, String uri, Credentials credentials);
}
