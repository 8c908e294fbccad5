package dev.hookline.dispatcher.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Sends a driver's request the way the dispatcher's client is meant to (Basic first; one Digest
 * retry on a Digest challenge for {@link AuthScheme#BASIC_OR_DIGEST}), so driver output can be
 * checked against simulated phones. Test code only: the real client lives in the dispatcher.
 */
final class TestPhoneSender {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestPhoneSender() {
    }

    /** The phone's final status and body. */
    static HttpResponse<String> send(PhoneTarget target, PhoneHttpRequest request) {
        Optional<String> basic = request.auth() == AuthScheme.NONE ? Optional.empty()
                : request.credentials().map(TestPhoneSender::basic);
        HttpResponse<String> response = exchange(target, request, basic);
        Optional<String> challenge = response.headers().firstValue("WWW-Authenticate")
                .filter(c -> c.regionMatches(true, 0, "Digest", 0, 6));
        if (response.statusCode() == 401 && request.auth() == AuthScheme.BASIC_OR_DIGEST && challenge.isPresent()
                && request.credentials().isPresent()) {
            String digest = DigestAuth.authorizationHeader(challenge.get(), request.method(), request.pathAndQuery(),
                    request.credentials().get(), "c0ffee42", 1);
            response = exchange(target, request, Optional.of(digest));
        }
        return response;
    }

    private static HttpResponse<String> exchange(PhoneTarget target, PhoneHttpRequest request, Optional<String> authorization) {
        HttpRequest.Builder http = HttpRequest.newBuilder(
                        URI.create("http://" + target.address() + ":" + target.port() + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(http::header);
        authorization.ifPresent(value -> http.header("Authorization", value));
        try {
            return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("sending " + request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String basic(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }
}
