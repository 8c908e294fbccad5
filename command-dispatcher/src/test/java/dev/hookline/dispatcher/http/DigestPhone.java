package dev.hookline.dispatcher.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A server that challenges for Digest and accepts any Digest answer; records each Authorization header. */
final class DigestPhone implements AutoCloseable {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private DigestPhone(Vertx vertx) throws Exception {
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    static DigestPhone start(Vertx vertx) throws Exception {
        return new DigestPhone(vertx);
    }

    private void handle(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        authorizations.add(String.valueOf(authorization));
        if (authorization != null && authorization.startsWith("Digest")) {
            request.response().end("OK");
        } else {
            request.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Digest realm=\"phone\", qop=\"auth\", nonce=\"abc\"")
                    .end();
        }
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the test phone did not stop", e);
        }
    }
}
