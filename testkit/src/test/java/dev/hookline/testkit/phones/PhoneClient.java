package dev.hookline.testkit.phones;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** A plain HTTP/1.1 client for the simulator's tests: sends the target as given, follows no redirect. */
final class PhoneClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PhoneClient() {
    }

    static HttpResponse<String> get(SimulatedPhone phone, String target, Map<String, String> headers) {
        return send(phone, "GET", target, headers, null);
    }

    static HttpResponse<String> get(SimulatedPhone phone, String target) {
        return get(phone, target, Map.of());
    }

    static HttpResponse<String> send(SimulatedPhone phone, String method, String target, Map<String, String> headers,
                                     String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(phone.baseUri() + target))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to the simulated phone failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** An RFC 7616 MD5 qop=auth answer to {@code challenge}, computed independently of the simulator's code. */
    static String digest(String challenge, String method, String uri, String user, String password, String nc) {
        Map<String, String> p = DigestVerifier.parameters(challenge.substring("Digest ".length()));
        String cnonce = "0a4f113b";
        String ha1 = md5(user + ":" + p.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + p.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce
                + "\", response=\"" + response + "\", opaque=\"" + p.get("opaque") + "\"";
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
