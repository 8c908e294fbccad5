package dev.hookline.dispatcher.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Waiting without blocking: Vert.x timers in the service, instant (virtual) waits in unit tests. */
@FunctionalInterface
public interface Delays {

    Future<Void> after(long millis);

    static Delays timers(Vertx vertx) {
        return millis -> {
            if (millis <= 0) {
                return Future.succeededFuture();
            }
            Promise<Void> done = Promise.promise();
            vertx.setTimer(millis, id -> done.complete());
            return done.future();
        };
    }
}
