package dev.hookline.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The dispatcher's Prometheus metrics: results by status and vendor, time from reading a command
 * to its published result, commands in flight, retries. Labels are statuses and vendor names
 * only, never device ids, addresses or anything from a request.
 */
public final class DispatcherMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> results = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> retries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> latency = new ConcurrentHashMap<>();

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A result acknowledged by Kafka. */
    public void result(String status, String vendor, Duration sinceRead) {
        results.computeIfAbsent(status + "/" + vendor, ignored -> Counter.builder("hookline.dispatcher.results")
                .description("Command results published, by status and vendor")
                .tag("status", status).tag("vendor", vendor).register(registry)).increment();
        latency.computeIfAbsent(vendor, ignored -> Timer.builder("hookline.dispatcher.latency")
                .description("Time from reading a command to Kafka acknowledging its result")
                .tag("vendor", vendor).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry)).record(sinceRead);
    }

    public void retried(String vendor) {
        retries.computeIfAbsent(vendor, ignored -> Counter.builder("hookline.dispatcher.retries")
                .description("Attempts repeated after a connect error, time-out or 5xx answer, by vendor")
                .tag("vendor", vendor).register(registry)).increment();
    }

    /** Commands read and not yet answered, read when scraped. */
    public void bindInFlight(IntSupplier inFlight) {
        Gauge.builder("hookline.dispatcher.in.flight", inFlight::getAsInt)
                .description("Commands read from Kafka whose result is not yet acknowledged").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
