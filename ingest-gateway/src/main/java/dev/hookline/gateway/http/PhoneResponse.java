package dev.hookline.gateway.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The tiny answers the gateway gives. Phones ignore the body (Yealink saves it to a temp
 * file, Aastra does not look), so it is a few bytes of plain text.
 */
public record PhoneResponse(int status, String reason, String body, long retryAfterSeconds) {

    public static final PhoneResponse OK = new PhoneResponse(200, "OK", "OK\n", 0);

    // The answer to nearly every request, encoded once; a Buffer's copy is cheap.
    private static final Buffer OK_KEEP_ALIVE = OK.render(false);
    private static final Buffer OK_CLOSE = OK.render(true);

    public static PhoneResponse error(int status, String reason) {
        return new PhoneResponse(status, reason, reason + "\n", 0);
    }

    public static PhoneResponse retryLater(int status, String reason, long retryAfterSeconds) {
        return new PhoneResponse(status, reason, reason + "\n", retryAfterSeconds);
    }

    /** The bytes on the wire; {@code close} adds {@code Connection: close}. */
    public Buffer encode(boolean close) {
        if (this == OK) {
            return (close ? OK_CLOSE : OK_KEEP_ALIVE).copy();
        }
        return render(close);
    }

    private Buffer render(boolean close) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(128)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        if (retryAfterSeconds > 0) {
            head.append("Retry-After: ").append(retryAfterSeconds).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        return Buffer.buffer(head.toString()).appendBytes(content);
    }
}
