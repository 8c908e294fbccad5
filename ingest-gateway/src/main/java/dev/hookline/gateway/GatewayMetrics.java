package dev.hookline.gateway;

import dev.hookline.gateway.publish.SpoolingPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's Prometheus metrics: answers by status, rejections by reason, publish latency. */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<Integer, Counter> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> byReason = new ConcurrentHashMap<>();
    private final Timer publishLatency = Timer.builder("hookline.gateway.publish")
            .description("Time from a request's arrival until Kafka acknowledged it")
            .publishPercentileHistogram()
            .register(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void answered(int status) {
        byStatus.computeIfAbsent(status, code -> Counter.builder("hookline.gateway.requests")
                .description("Requests answered, by HTTP status").tag("status", Integer.toString(code))
                .register(registry)).increment();
    }

    public void rejected(String reason) {
        byReason.computeIfAbsent(reason, label -> Counter.builder("hookline.gateway.rejections")
                .description("Requests turned away and not published, by reason").tag("reason", label)
                .register(registry)).increment();
    }

    public void published(Duration latency) {
        publishLatency.record(latency);
    }

    /** Spool depth and traffic, read from the publisher when scraped. */
    public void bindSpool(SpoolingPublisher publisher) {
        Gauge.builder("hookline.gateway.spool.depth", publisher, SpoolingPublisher::spoolDepth)
                .description("Requests waiting in the spool for Kafka").register(registry);
        FunctionCounter.builder("hookline.gateway.spooled", publisher, SpoolingPublisher::spooledTotal)
                .description("Requests stored in the spool because Kafka was unreachable or slow").register(registry);
        FunctionCounter.builder("hookline.gateway.replayed", publisher, SpoolingPublisher::replayedTotal)
                .description("Requests replayed from the spool to Kafka").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
