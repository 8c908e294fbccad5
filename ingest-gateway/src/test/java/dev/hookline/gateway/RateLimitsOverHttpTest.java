package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.gateway.guard.RateLimits;
import dev.hookline.gateway.http.HttpLimits;
import dev.hookline.gateway.publish.RawPublisher;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.service.Networks;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limits through real HTTP on loopback, where every phone shares the one address
 * 127.0.0.1 like a site behind NAT. The limits' clock stands still, so no bucket refills: what
 * passes, passes on the bursts alone, however slow the machine.
 */
class RateLimitsOverHttpTest {

    /** Storage that takes every request at once, keeping the keys it was given. */
    private static final class InstantPublisher implements RawPublisher {
        final Set<String> keys = ConcurrentHashMap.newKeySet();
        final List<String> published = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<Void> publish(String key, byte[] value) {
            keys.add(key);
            published.add(key);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final InstantPublisher publisher = new InstantPublisher();
    private final GatewayMetrics metrics = new GatewayMetrics();
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

    /** A phone server at the given settings (the defaults but for {@code settings}), on a clock that stands still. */
    private int serve(Map<String, Object> settings) throws Exception {
        RateLimits limits = RateLimits.from(new GatewayConfig(settings), () -> 42L);
        IngestHandler handler = new IngestHandler(vertx, "/", Optional.empty(), limits,
                new RawRecordFactory("gw", Optional.empty(), Optional.empty(), List.of("Host"), 64),
                record -> dev.hookline.schema.Topics.PHONE_RAW.valueSerde().encode("phone.raw.v1", record), publisher, metrics,
                Duration.ofSeconds(5), record -> { });
        PhoneServerVerticle server = new PhoneServerVerticle(new NetServerOptions().setHost("127.0.0.1").setPort(0),
                new HttpLimits(2048, 8192, 65536, Duration.ofSeconds(10)), Networks.of(List.of()), handler);
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static String mac(int phone) {
        return String.format("805ec0%06x", phone);
    }

    /**
     * Requests sent back to back on one connection (pipelined), the last closing it; the statuses
     * in order. Kept under 8 KB: the reader takes more bytes waiting behind an unanswered request
     * for an over-long line (414).
     */
    private static List<Integer> pipeline(int port, List<String> targets) throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            requests.append("GET ").append(targets.get(i)).append(" HTTP/1.1\r\nHost: gateway\r\n")
                    .append(i == targets.size() - 1 ? "Connection: close\r\n" : "").append("\r\n");
        }
        assertThat(requests.length()).isLessThan(8192);
        String answers = RawHttp.send(port, requests.toString());
        List<Integer> statuses = new ArrayList<>();
        for (int at = answers.indexOf("HTTP/1.1 "); at >= 0; at = answers.indexOf("HTTP/1.1 ", at + 1)) {
            statuses.add(RawHttp.status(answers.substring(at)));
        }
        return statuses;
    }

    @Test
    void shouldAnswer200ToAThousandPhonesRegisteringAtOnceFromOneAddressAtTheDefaults() throws Exception {
        int port = serve(Map.of());
        int phonesPerConnection = 10;
        ExecutorService senders = Executors.newFixedThreadPool(10);
        List<Future<List<Integer>>> sent = new ArrayList<>();
        try {
            for (int first = 0; first < 1_000; first += phonesPerConnection) {
                List<String> targets = new ArrayList<>();
                for (int phone = first; phone < first + phonesPerConnection; phone++) {
                    for (String event : List.of("registered", "setup_completed", "ip_change")) {
                        targets.add("/yealink/" + event + "?mac=" + mac(phone));
                    }
                }
                sent.add(senders.submit(() -> pipeline(port, targets)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> connection : sent) {
                statuses.addAll(connection.get(60, TimeUnit.SECONDS));
            }

            assertThat(statuses).hasSize(3_000).containsOnly(200);
            assertThat(publisher.published).hasSize(3_000);
            assertThat(publisher.keys).hasSize(1_000);
            assertThat(metrics.scrape()).doesNotContain("hookline_gateway_rejections_total{");
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void shouldAnswer429ToOnePhoneFloodingPastItsBurstAndStill200ToItsNeighbours() throws Exception {
        int port = serve(Map.of());
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            flood.add("/yealink/off_hook?mac=" + mac(1) + "&n=" + i);
        }

        List<Integer> statuses = pipeline(port, flood);
        String refused = RawHttp.get(port, "/yealink/on_hook?mac=" + mac(1), null);
        String neighbour = RawHttp.get(port, "/yealink/on_hook?mac=" + mac(2), null);

        assertThat(statuses.subList(0, 50)).as("the per-phone burst").containsOnly(200);
        assertThat(statuses.subList(50, 60)).containsOnly(429);
        assertThat(refused).startsWith("HTTP/1.1 429 Too Many Requests").contains("Retry-After: 1")
                .endsWith("Too Many Requests: device_rate_limited\n");
        assertThat(RawHttp.status(neighbour)).isEqualTo(200);
        assertThat(publisher.published).hasSize(51);
        assertThat(metrics.scrape()).contains("hookline_gateway_rejections_total{reason=\"device_rate_limited\"} 11.0")
                .doesNotContain("address_rate_limited");
    }

    @Test
    void shouldAnswer429NamingTheAddressLimitWhenTheSiteAsAWholeIsPastItsBurst() throws Exception {
        int port = serve(Map.of(GatewayConfig.SECURITY_ADDRESS_RATE_BURST, 5));
        List<String> phones = new ArrayList<>();
        for (int p = 0; p < 7; p++) {
            phones.add("/yealink/registered?mac=" + mac(p));
        }

        List<Integer> statuses = pipeline(port, phones);
        String refused = RawHttp.get(port, "/yealink/registered?mac=" + mac(8), null);

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
        assertThat(refused).startsWith("HTTP/1.1 429 ").endsWith("Too Many Requests: address_rate_limited\n");
        assertThat(publisher.published).hasSize(5);
        assertThat(metrics.scrape()).contains("hookline_gateway_rejections_total{reason=\"address_rate_limited\"} 3.0");
    }
}
