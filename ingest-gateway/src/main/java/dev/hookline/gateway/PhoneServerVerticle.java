package dev.hookline.gateway;

import dev.hookline.service.Networks;
import dev.hookline.gateway.http.HttpLimits;
import dev.hookline.gateway.http.PhoneConnection;
import dev.hookline.gateway.http.PhoneResponse;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/** The port phones call, served by one event loop; several instances share the port. */
final class PhoneServerVerticle extends VerticleBase {

    private final NetServerOptions options;
    private final HttpLimits limits;
    private final Networks sources;
    private final IngestHandler handler;
    private NetServer server;

    PhoneServerVerticle(NetServerOptions options, HttpLimits limits, Networks sources, IngestHandler handler) {
        this.options = options;
        this.limits = limits;
        this.sources = sources;
        this.handler = handler;
    }

    @Override
    public Future<?> start() {
        server = vertx.createNetServer(options).connectHandler(this::accept);
        return server.listen();
    }

    private void accept(NetSocket socket) {
        String source = socket.remoteAddress().hostAddress();
        if (!sources.allows(source)) {
            handler.onProtocolError(source, 403, "source_not_allowed");
            socket.end(PhoneResponse.error(403, "Forbidden").encode(true));
            return;
        }
        new PhoneConnection(vertx, socket, limits, handler, handler);
    }

    int actualPort() {
        return server.actualPort();
    }
}
