package dev.hookline.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the topology counts: dead letters by reason, sessions by outcome, duplicates dropped,
 * requests attributed to a phone by their address, and
 * how old an event is when the processor handles it (from the gateway's receive time), which is
 * the pipeline's latency as phones see it; and, read when scraped, how many phones this instance
 * holds, how many of them went silent ({@link PhoneCensus} counts them) and whether it is ready.
 * Kafka Streams' own metrics are bound beside these.
 */
public final class ProcessorMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> sessions = new ConcurrentHashMap<>();
    private final Counter duplicates;
    private final Counter events;
    private final Counter attributed;
    private final Timer eventAge;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("hookline.processor.duplicates")
                .description("Repeated requests dropped by de-duplication").register(registry);
        this.events = Counter.builder("hookline.processor.events")
                .description("Events normalized and published to phone.events.v1").register(registry);
        this.attributed = Counter.builder("hookline.processor.attributed")
                .description("Requests without a MAC attributed to the phone last seen with one at their address")
                .register(registry);
        this.eventAge = Timer.builder("hookline.processor.event.age")
                .description("Time from the gateway receiving a request until the processor handled its event")
                .publishPercentileHistogram().register(registry);
    }

    /** Counts into a registry nobody reads (replay, tests, benchmarks). */
    public static ProcessorMetrics discarded() {
        return new ProcessorMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * The phones of this instance's active tasks, and those of them silent for
     * {@code phones.silent.after.ms}: gauges read when scraped.
     */
    void bindPhones(LongSupplier phones, LongSupplier silent) {
        Gauge.builder("hookline.processor.phones", phones::getAsLong)
                .description("Phones in this instance's active tasks' phone store").register(registry);
        Gauge.builder("hookline.processor.phones.silent", silent::getAsLong)
                .description("Phones of this instance whose last request is older than phones.silent.after.ms")
                .register(registry);
    }

    /**
     * 1 while Kafka Streams is RUNNING, as {@code /health/ready} says, else 0. Kafka Streams' own
     * state metrics go away with a client stopped by an error, so an alert on them would never
     * fire; this gauge stays as long as the process answers scrapes.
     */
    void bindReady(BooleanSupplier ready) {
        Gauge.builder("hookline.processor.ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 while Kafka Streams is running (the instance processes and answers queries), else 0")
                .register(registry);
    }

    void deadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, label -> Counter.builder("hookline.processor.dead.letters")
                .description("Raw requests sent to the dead-letter topic, by reason").tag("reason", label)
                .register(registry)).increment();
    }

    void session(String outcome) {
        sessions.computeIfAbsent(outcome, label -> Counter.builder("hookline.processor.sessions")
                .description("Call sessions emitted, by outcome").tag("outcome", label)
                .register(registry)).increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void attributed() {
        attributed.increment();
    }

    void event(long receivedAtMillis, long nowMillis) {
        events.increment();
        if (receivedAtMillis > 0 && nowMillis >= receivedAtMillis) {
            eventAge.record(Duration.ofMillis(nowMillis - receivedAtMillis));
        }
    }
}
