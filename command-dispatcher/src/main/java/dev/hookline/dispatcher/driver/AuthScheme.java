package dev.hookline.dispatcher.driver;

/** How the HTTP client authenticates a {@link PhoneHttpRequest}. */
public enum AuthScheme {
    /** No HTTP authentication (none configured, or the credentials travel in the query). */
    NONE,
    /** Basic, sent with the first request. */
    BASIC,
    /** Basic first; when the phone answers 401 with a Digest challenge, retry once with Digest. */
    BASIC_OR_DIGEST
}
