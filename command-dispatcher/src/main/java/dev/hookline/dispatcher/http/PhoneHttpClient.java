package dev.hookline.dispatcher.http;

import dev.hookline.dispatcher.driver.AuthScheme;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneHttpRequest;
import dev.hookline.dispatcher.driver.PhoneTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * The non-blocking HTTP client towards phones (Vert.x): a bounded pool of connections per phone,
 * a time limit to connect and another to answer, Basic auth up front, Digest when a phone
 * challenges for it (BASIC_OR_DIGEST). Connections are not kept alive: phones' small web
 * servers drop idle connections, and a request replayed on a stale one could act twice.
 */
public final class PhoneHttpClient implements PhoneSender, AutoCloseable {

    static final int MAX_BODY_CHARS = 64 * 1024;

    private final HttpClientAgent client;
    private final long timeoutMillis;
    private final boolean https;
    private final DigestSigner digest;

    /** An answer before the driver reads it: with the Digest challenge, if any. */
    private record Exchange(int status, String body, String challenge) {
    }

    public PhoneHttpClient(Vertx vertx, Duration timeout, int connectionsPerPhone, boolean https, boolean trustAll,
                           DigestSigner digest) {
        this.timeoutMillis = timeout.toMillis();
        this.https = https;
        this.digest = digest;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setTcpNoDelay(true);
        if (https && trustAll) {
            // Phones present self-signed certificates for their IP address; there is nothing to verify against.
            options.setTrustAll(true).setVerifyHost(false);
        }
        this.client = vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(connectionsPerPhone))
                .build();
    }

    @Override
    public Future<PhoneReply> send(PhoneTarget target, PhoneHttpRequest request) {
        String firstAuth = switch (request.auth()) {
            case NONE -> null;
            case BASIC, BASIC_OR_DIGEST -> request.credentials().map(PhoneHttpClient::basic).orElse(null);
        };
        return exchange(target, request, firstAuth)
                .compose(first -> digestIfChallenged(target, request, first))
                .map(exchange -> new PhoneReply(exchange.status(), exchange.body()))
                .recover(error -> Future.failedFuture(SendFailure.of(error, timeoutMillis)));
    }

    private Future<Exchange> digestIfChallenged(PhoneTarget target, PhoneHttpRequest request, Exchange first) {
        if (first.status() != 401 || request.auth() != AuthScheme.BASIC_OR_DIGEST || request.credentials().isEmpty()
                || first.challenge() == null) {
            return Future.succeededFuture(first);
        }
        String authorization = digest.authorization(first.challenge(), request.method(), request.pathAndQuery(),
                request.credentials().get());
        return authorization == null ? Future.succeededFuture(first) : exchange(target, request, authorization);
    }

    private Future<Exchange> exchange(PhoneTarget target, PhoneHttpRequest request, String authorization) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method().toUpperCase(Locale.ROOT)))
                .setHost(target.address())
                .setPort(target.port())
                .setURI(request.pathAndQuery())
                .setSsl(https)
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        request.headers().forEach(options::putHeader);
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        // read() goes on the response future itself: its listeners run on the request's context
        // in the same task that delivers the response, before its body; on a future derived
        // from it, they may run later, on another context, after the body has ended (Vert.x then
        // refuses the handlers with an IllegalStateException, seen once in PhoneHttpClientTest).
        return client.request(options)
                .compose(outgoing -> (request.body() == null ? outgoing.send() : outgoing.send(request.body()))
                        .compose(PhoneHttpClient::read));
    }

    /** Reads the answer, keeping at most {@link #MAX_BODY_CHARS} of its body. */
    private static Future<Exchange> read(HttpClientResponse response) {
        Promise<Exchange> done = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            int room = MAX_BODY_CHARS - body.length();
            if (room > 0) {
                body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(ignored -> done.tryComplete(new Exchange(response.statusCode(),
                body.toString(StandardCharsets.UTF_8), digestChallenge(response))));
        return done.future();
    }

    private static String digestChallenge(HttpClientResponse response) {
        for (String value : response.headers().getAll("WWW-Authenticate")) {
            if (value.regionMatches(true, 0, "Digest", 0, 6)) {
                return value;
            }
        }
        return null;
    }

    static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
    }
}
