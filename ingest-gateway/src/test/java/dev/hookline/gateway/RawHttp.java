package dev.hookline.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes to the gateway over a plain socket, exactly as given: unlike an HTTP client it
 * does not encode raw spaces or '%', which is what phones send.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends one request and returns the whole answer (the gateway closes after it with Connection: close). */
    static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** A GET with Connection: close, the target written byte for byte. */
    static String get(int port, String target, String userAgent) throws IOException {
        return send(port, "GET " + target + " HTTP/1.1\r\nHost: gateway\r\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int read; (read = in.read(chunk)) >= 0; ) {
            buffer.write(chunk, 0, read);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
