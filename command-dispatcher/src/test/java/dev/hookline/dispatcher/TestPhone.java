package dev.hookline.dispatcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny phone web server on a loopback address for tests: records every request and answers
 * with a status chosen per request (by default 200), optionally after a delay.
 */
public final class TestPhone implements AutoCloseable {

    /** One request as the phone saw it. */
    public record Seen(String method, String uri, String authorization, long atNanos) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Function<Seen, Integer> status = request -> 200;
    private volatile long delayMillis;

    private TestPhone(Vertx vertx, String host, int port) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(port, host)
                .await(10, TimeUnit.SECONDS);
    }

    /** Starts a phone on {@code host:port} (port 0: any free port). */
    public static TestPhone start(Vertx vertx, String host, int port) throws Exception {
        return new TestPhone(vertx, host, port);
    }

    private void handle(HttpServerRequest request) {
        Seen seenNow = new Seen(request.method().name(), request.uri(), request.getHeader("Authorization"), System.nanoTime());
        seen.add(seenNow);
        int code = status.apply(seenNow);
        Runnable answer = () -> request.response().setStatusCode(code).end(code < 300 ? "OK" : "error " + code);
        if (delayMillis > 0) {
            vertx.setTimer(delayMillis, id -> answer.run());
        } else {
            answer.run();
        }
    }

    public TestPhone answering(Function<Seen, Integer> status) {
        this.status = status;
        return this;
    }

    public TestPhone slow(long delayMillis) {
        this.delayMillis = delayMillis;
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int port() {
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
