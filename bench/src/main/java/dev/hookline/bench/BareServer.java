package dev.hookline.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The ceiling the gateway is measured against: a Vert.x HTTP server that answers every request
 * 200 with a tiny body and does nothing else, one instance per core like the gateway.
 * Usage: BareServer PORT
 */
public final class BareServer extends VerticleBase {

    private final int port;

    private BareServer(int port) {
        this.port = port;
    }

    @Override
    public Future<HttpServer> start() {
        return vertx.createHttpServer()
                .requestHandler(request -> request.response().putHeader("Content-Type", "text/plain").end("OK\n"))
                .listen(port, "127.0.0.1");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx.vertx().deployVerticle(() -> new BareServer(port),
                        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println("bare server listening on 127.0.0.1:" + port))
                .onFailure(error -> {
                    error.printStackTrace();
                    System.exit(1);
                });
    }
}
