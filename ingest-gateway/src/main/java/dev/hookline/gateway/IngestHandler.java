package dev.hookline.gateway;

import dev.hookline.gateway.device.DeviceId;
import dev.hookline.gateway.guard.RateLimits;
import dev.hookline.gateway.guard.Rejection;
import dev.hookline.gateway.guard.Tokens;
import dev.hookline.gateway.http.PhoneConnection;
import dev.hookline.gateway.http.PhoneRequest;
import dev.hookline.gateway.http.PhoneResponse;
import dev.hookline.gateway.publish.RawPublisher;
import dev.hookline.schema.RawPhoneRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does with each request: check it (path, method, token, rate limits), store it as
 * received, answer 200 once it is stored, 503 with Retry-After when it cannot be stored in time.
 * Runs on the connection's event loop and never blocks it.
 */
public final class IngestHandler implements PhoneConnection.RequestHandler, PhoneConnection.ProtocolErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    private final Vertx vertx;
    private final String pathPrefix;
    private final Optional<String> token;
    private final RateLimits rateLimits;
    private final RawRecordFactory records;
    /** A record as the value of phone.raw.v1, in the topic's format. */
    private final Function<RawPhoneRequest, byte[]> encoder;
    private final RawPublisher publisher;
    private final GatewayMetrics metrics;
    private final Duration answerTimeout;
    private final Consumer<RawPhoneRequest> onStored;
    private final SampledLog rejectionLog = new SampledLog(LOG, Duration.ofSeconds(10).toNanos());
    private final SampledLog failureLog = new SampledLog(LOG, Duration.ofSeconds(10).toNanos());
    /** Answers waiting for storage, per event loop, each ticked by a timer of its own loop. */
    private final ThreadLocal<TimeoutQueue> pendingAnswers = new ThreadLocal<>();

    public IngestHandler(Vertx vertx, String pathPrefix, Optional<String> token, RateLimits rateLimits,
                         RawRecordFactory records, Function<RawPhoneRequest, byte[]> encoder, RawPublisher publisher,
                         GatewayMetrics metrics, Duration answerTimeout, Consumer<RawPhoneRequest> onStored) {
        this.vertx = vertx;
        this.pathPrefix = pathPrefix;
        this.token = token;
        this.rateLimits = rateLimits;
        this.records = records;
        this.encoder = encoder;
        this.publisher = publisher;
        this.metrics = metrics;
        this.answerTimeout = answerTimeout;
        this.onStored = onStored;
    }

    @Override
    public Future<PhoneResponse> apply(PhoneRequest request) {
        Tokens.Stripped target = Tokens.strip(request.path(), request.query());
        Optional<Rejection> rejection = check(request, target);
        if (rejection.isPresent()) {
            return Future.succeededFuture(reject(request, rejection.get(), null));
        }
        DeviceId device = records.deviceId(request, target);
        rejection = rateLimits.check(request.remoteAddress(), device);
        if (rejection.isPresent()) {
            return Future.succeededFuture(reject(request, rejection.get(), device.value()));
        }
        RawPhoneRequest record = records.build(request, target, device);
        byte[] value = encoder.apply(record);
        return store(record.getDeviceId(), value, request.receivedAtMillis())
                .onSuccess(response -> {
                    if (response.status() == 200) {
                        onStored.accept(record);
                    }
                });
    }

    private Optional<Rejection> check(PhoneRequest request, Tokens.Stripped target) {
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            return Optional.of(Rejection.METHOD_NOT_ALLOWED);
        }
        if (!underPrefix(request.path())) {
            return Optional.of(Rejection.NOT_FOUND);
        }
        if (token.isPresent() && !Tokens.matches(target.token(), token.get())) {
            return Optional.of(Rejection.BAD_TOKEN);
        }
        return Optional.empty();
    }

    private boolean underPrefix(String path) {
        return path.startsWith(pathPrefix) || path.equals(pathPrefix.substring(0, pathPrefix.length() - 1));
    }

    /** @param device the device id when it was read (a MAC or {@code ip-...}), else null */
    private PhoneResponse reject(PhoneRequest request, Rejection rejection, String device) {
        metrics.rejected(rejection.label());
        metrics.answered(rejection.status());
        // The source, the device id and the reason only: the request may carry the (wrong) token.
        if (device == null) {
            rejectionLog.warn("Rejected a request from {}: {}", request.remoteAddress(), rejection.label());
        } else {
            rejectionLog.warn("Rejected a request from {} (device {}): {}", request.remoteAddress(), device,
                    rejection.label());
        }
        if (rejection.status() == 429) {
            // The body names the limit (device or address), for whoever reads it with curl.
            return new PhoneResponse(429, rejection.reason(), rejection.reason() + ": " + rejection.label() + "\n", 1);
        }
        return PhoneResponse.error(rejection.status(), rejection.reason());
    }

    private Future<PhoneResponse> store(String key, byte[] value, long receivedAtMillis) {
        Context context = vertx.getOrCreateContext();
        Promise<PhoneResponse> answer = Promise.promise();
        pendingAnswers(context).watch(new TimeoutQueue.Watched() {
            @Override
            public boolean settled() {
                return answer.future().isComplete();
            }

            @Override
            public void expire() {
                if (answer.tryComplete(unavailable())) {
                    failureLog.warn("A request was not stored within {} ms; answered 503", answerTimeout.toMillis());
                }
            }
        });
        publisher.publish(key, value).whenComplete((ignored, error) -> context.runOnContext(v -> {
            if (error == null) {
                metrics.published(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - receivedAtMillis)));
                if (answer.tryComplete(PhoneResponse.OK)) {
                    metrics.answered(200);
                }
            } else if (answer.tryComplete(unavailable())) {
                failureLog.warn("A request could not be stored: {}", error.toString());
            }
        }));
        return answer.future();
    }

    /** This event loop's answers in waiting; the first request on a loop starts its tick there. */
    private TimeoutQueue pendingAnswers(Context context) {
        TimeoutQueue queue = pendingAnswers.get();
        if (queue == null) {
            TimeoutQueue created = new TimeoutQueue(answerTimeout);
            // Called on the loop itself, so the tick runs there too (answers complete on their loop).
            vertx.setPeriodic(TimeoutQueue.tickFor(answerTimeout).toMillis(), id -> created.expireDue(System.nanoTime()));
            pendingAnswers.set(created);
            queue = created;
        }
        return queue;
    }

    private PhoneResponse unavailable() {
        metrics.answered(503);
        return PhoneResponse.retryLater(503, "Service Unavailable", RETRY_AFTER_SECONDS);
    }

    @Override
    public void onProtocolError(String remoteAddress, int status, String reason) {
        String label = Rejection.labelForStatus(status);
        metrics.rejected(label);
        metrics.answered(status);
        rejectionLog.warn("Rejected a request from {}: {}", remoteAddress, label);
    }
}
