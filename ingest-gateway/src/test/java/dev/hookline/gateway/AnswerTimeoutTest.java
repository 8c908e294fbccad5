package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.guard.RateLimiter;
import dev.hookline.gateway.guard.RateLimits;
import dev.hookline.gateway.http.HttpLimits;
import dev.hookline.gateway.publish.RawPublisher;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.service.Networks;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own answer bound: when neither Kafka nor the spool takes a request in time, the
 * phone still gets an answer, 503 with Retry-After, and it is counted once.
 */
class AnswerTimeoutTest {

    /** Storage that never finishes: neither Kafka nor the spool ever confirms. */
    private static final class StuckPublisher implements RawPublisher {
        final AtomicInteger published = new AtomicInteger();

        @Override
        public CompletableFuture<Void> publish(String key, byte[] value) {
            published.incrementAndGet();
            return new CompletableFuture<>();
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private Vertx vertx;

    @BeforeEach
    void start() {
        SchemaTrust.install();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenARequestIsNotStoredInTime() throws Exception {
        StuckPublisher publisher = new StuckPublisher();
        GatewayMetrics metrics = new GatewayMetrics();
        IngestHandler handler = new IngestHandler(vertx, "/", Optional.empty(),
                new RateLimits(new RateLimiter(0, 1), new RateLimiter(0, 1), System::nanoTime),
                new RawRecordFactory("gw", Optional.empty(), Optional.empty(), List.of("Host"), 64),
                record -> dev.hookline.schema.Topics.PHONE_RAW.valueSerde().encode("phone.raw.v1", record), publisher, metrics,
                Duration.ofMillis(300), record -> { });
        HttpLimits limits = new HttpLimits(2048, 8192, 65536, Duration.ofSeconds(10));
        PhoneServerVerticle server = new PhoneServerVerticle(new NetServerOptions().setHost("127.0.0.1").setPort(0),
                limits, Networks.of(List.of()), handler);
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);

        long startedAt = System.nanoTime();
        String answer = RawHttp.get(server.actualPort(), "/yealink/off_hook?mac=805ec0a1b2c3", null);
        long tookMillis = (System.nanoTime() - startedAt) / 1_000_000;

        assertThat(RawHttp.status(answer)).isEqualTo(503);
        assertThat(answer).contains("Retry-After: 5");
        assertThat(publisher.published).hasValue(1);
        // Not before the bound; and answered by it, long before the 10 s request time-out would
        // end the wait (the margin is for a busy machine: a tick is a twentieth of the bound).
        assertThat(tookMillis).isBetween(300L, 5000L);
        assertThat(metrics.scrape())
                .contains("hookline_gateway_requests_total{status=\"503\"} 1.0")
                .doesNotContain("status=\"200\"");
    }
}
