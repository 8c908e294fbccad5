package dev.hookline.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A service's management port: liveness, readiness and Prometheus metrics, the same on every
 * Hookline service. Extra routes (the gateway's provisioning, the processor's query API) are
 * added to {@link #router()} by the service that owns them.
 */
public final class ManagementServer {

    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    public ManagementServer(Vertx vertx, BooleanSupplier ready, Supplier<String> metrics) {
        this(vertx, () -> true, ready, metrics);
    }

    public ManagementServer(Vertx vertx, BooleanSupplier live, BooleanSupplier ready, Supplier<String> metrics) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.get("/health/live").handler(context -> health(context, live.getAsBoolean()));
        router.get("/health/ready").handler(context -> health(context, ready.getAsBoolean()));
        router.get("/metrics").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.get()));
    }

    public Router router() {
        return router;
    }

    public Future<HttpServer> listen(String host, int port) {
        return listen(new HttpServerOptions().setHost(host).setPort(port));
    }

    /** With the given options: HTTPS, when they say so. */
    public Future<HttpServer> listen(HttpServerOptions options) {
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(started -> server = started);
    }

    public int actualPort() {
        return server.actualPort();
    }

    private static void health(RoutingContext context, boolean up) {
        context.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
    }
}
