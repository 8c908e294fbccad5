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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The port phones call, served by one event loop; several instances share the port. Its
 * connections are checked for slow requests (408) together, on one periodic tick.
 */
final class PhoneServerVerticle extends VerticleBase {

    private final NetServerOptions options;
    private final HttpLimits limits;
    private final Networks sources;
    private final IngestHandler handler;
    private final Set<PhoneConnection> connections = new HashSet<>();
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
        vertx.setPeriodic(tickMillis(limits.requestTimeout()), id -> timeOutSlowRequests());
        return server.listen();
    }

    private void accept(NetSocket socket) {
        String source = socket.remoteAddress().hostAddress();
        if (!sources.allows(source)) {
            handler.onProtocolError(source, 403, "source_not_allowed");
            socket.end(PhoneResponse.error(403, "Forbidden").encode(true));
            return;
        }
        connections.add(new PhoneConnection(socket, limits, handler, handler, connections::remove));
    }

    private void timeOutSlowRequests() {
        long now = System.nanoTime();
        List<PhoneConnection> late = new ArrayList<>();
        for (PhoneConnection connection : connections) {
            if (connection.requestOverdue(now)) {
                late.add(connection);
            }
        }
        late.forEach(PhoneConnection::timeOut);
    }

    /**
     * A tenth of the time-out, between 10 ms and 1 s: a slow request gets its 408 at most 10% late.
     * Coarser than {@link TimeoutQueue#tickFor}: each sweep visits every open connection, not
     * only the ones due.
     */
    private static long tickMillis(Duration timeout) {
        return Math.max(10, Math.min(1000, timeout.toMillis() / 10));
    }

    int actualPort() {
        return server.actualPort();
    }
}
