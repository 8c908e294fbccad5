package dev.hookline.testkit.sim;

import java.time.Instant;

/**
 * One request a simulated phone sent, and what came of it.
 *
 * @param sentAt when it was sent
 * @param phone the phone's index
 * @param source the phone's address, the request's source
 * @param url the URL as sent
 * @param status the gateway's HTTP status, or 0 when no answer came (see {@code error})
 * @param error why no answer came, or null
 */
public record SentRequest(Instant sentAt, int phone, String source, String url, int status, String error) {

    public boolean acknowledged() {
        return status == 200;
    }
}
