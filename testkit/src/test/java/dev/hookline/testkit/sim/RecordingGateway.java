package dev.hookline.testkit.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A stand-in gateway on 127.0.0.1 that records every request and answers a set status. */
final class RecordingGateway implements AutoCloseable {

    /** One request as the gateway saw it. */
    record Received(String source, String uri, String userAgent) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    RecordingGateway() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    received.add(new Received(request.remoteAddress().hostAddress(), request.uri(),
                            request.getHeader("User-Agent")));
                    request.response().setStatusCode(status).end("OK");
                })
                .listen().await(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    RecordingGateway answer(int status) {
        this.status = status;
        return this;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the stand-in gateway did not stop", e);
        }
    }
}
