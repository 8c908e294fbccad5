package dev.hookline.bench.e2e;

import dev.hookline.bench.WriteFootprint;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.schema.Topics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End to end on this machine: phones' GETs into a running gateway, through Kafka and the
 * processor (separate JVMs, started by bench/e2e.sh). Phases, each bounded:
 * 1. a registration storm: PHONES phones boot (3 requests each) within STORM_SECONDS; time until
 *    the processor handled them all, the phones it knows, its RSS (end and peak);
 * then the baseline: the same load generator and call flows against a bare server (-Dbare.port);
 * 2. calls at RATE events/s for SECONDS: accepted rate, and how long the processor needs
 *    afterwards to catch up;
 * 3. calls at LATENCY_RATE events/s: latency from the phone's GET of a call's last event to the
 *    call's session being readable (read_committed) on call.sessions.v1.
 * The storm, the baseline and phase 2 also give each process's CPU per accepted event (-Dpids, see {@link ProcessCpu}).
 * Prints RESULT lines. Usage: EndToEndBench BOOTSTRAP GATEWAY_PORT PROCESSOR_PORT PROCESSOR_PID
 * PHONES RATE SECONDS LATENCY_RATE LATENCY_SECONDS [STORM_SECONDS]
 */
public final class EndToEndBench {

    private static final Pattern EVENTS = Pattern.compile("(?m)^hookline_processor_events_total(?:\\{[^}]*})? (\\S+)$");
    private static final Pattern PHONES = Pattern.compile("(?m)^hookline_processor_phones(?:\\{[^}]*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WARM_UP_MILLIS = 5_000;

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        int gatewayPort = Integer.parseInt(args[1]);
        int processorPort = Integer.parseInt(args[2]);
        long processorPid = Long.parseLong(args[3]);
        int phones = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int latencyRate = Integer.parseInt(args[7]);
        int latencySeconds = Integer.parseInt(args[8]);
        int stormSeconds = args.length > 9 ? Integer.parseInt(args[9]) : 60;
        int barePort = Integer.getInteger("bare.port", 0);
        ProcessCpu cpu = ProcessCpu.fromProperty();
        Vertx vertx = Vertx.vertx();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // 1. A registration storm: every phone boots once (3 requests each) within STORM_SECONDS.
            int stormRate = (int) Math.ceil(phones * (double) CallLoad.Flow.BOOT.events.size() / stormSeconds);
            CallLoad storm = new CallLoad(vertx, gatewayPort, 200_000, phones, 256, CallLoad.Flow.BOOT);
            double before = processedEvents(processorPort);
            double phonesBefore = metric(processorPort, PHONES);
            long start = System.nanoTime();
            RssPeak peak = RssPeak.watch(processorPid);
            Map<String, Long> stormCpu = cpu.sample();
            storm.run(stormRate, stormSeconds + 30).get(stormSeconds + 150L, TimeUnit.SECONDS);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            double processSeconds = awaitProcessed(processorPort, before + storm.accepted(), start);
            // The phone census counts phones every few seconds: wait for it to have seen the last ones.
            double phonesKnown = awaitMetric(processorPort, PHONES, phonesBefore + phones, Duration.ofSeconds(30)) - phonesBefore;
            System.out.printf("RESULT name=register devices=%d rate=%d requests=%d accepted=%d failed=%d behind=%d send_s=%.1f "
                            + "processed_s=%.1f phones_known=%.0f rss_mib=%d rss_peak_mib=%d failures=%s %s%n",
                    phones, stormRate, storm.sent(), storm.accepted(), storm.failed(), storm.behind(), sendSeconds,
                    processSeconds, phonesKnown, rssMib(processorPid), peak.stop(), storm.failureReasons(),
                    ProcessCpu.perEvent(stormCpu, cpu.sample(), storm.accepted()));

            // The baseline: the same load generator and call flows against a server that only answers 200,
            // after the storm warmed the load generator's JIT up, as it did the services'.
            if (barePort > 0) {
                int baselineSeconds = Math.min(seconds, 20);
                CallLoad bare = new CallLoad(vertx, barePort, 0, Math.min(phones, 20_000), 256);
                Map<String, Long> cpuBefore = cpu.sample();
                long baselineStart = System.nanoTime();
                bare.run(rate, baselineSeconds).get(baselineSeconds + 60L, TimeUnit.SECONDS);
                double baselineLoadSeconds = (System.nanoTime() - baselineStart) / 1e9;
                System.out.printf("RESULT name=baseline target=%d seconds=%d accepted=%d failed=%d behind=%d accepted_rate=%.0f %s%n",
                        rate, baselineSeconds, bare.accepted(), bare.failed(), bare.behind(),
                        bare.accepted() / baselineLoadSeconds, ProcessCpu.perEvent(cpuBefore, cpu.sample(), bare.accepted()));
            }

            // 2. Sustained call traffic.
            CallLoad calls = new CallLoad(vertx, gatewayPort, 0, Math.min(phones, 20_000), 256);
            WriteFootprint.Snapshot topicsBefore = WriteFootprint.snapshot(admin, topic -> true);
            before = processedEvents(processorPort);
            Map<String, Long> callsCpu = cpu.sample();
            start = System.nanoTime();
            calls.run(rate, seconds).get(seconds + 120L, TimeUnit.SECONDS);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            double caughtUp = awaitProcessed(processorPort, before + calls.accepted(), start);
            String callsCpuFields = ProcessCpu.perEvent(callsCpu, cpu.sample(), calls.accepted());
            System.out.printf("RESULT name=sustained target=%d seconds=%d accepted=%d failed=%d behind=%d accepted_rate=%.0f "
                            + "catch_up_s=%.1f processed_rate=%.0f rss_mib=%d failures=%s %s%n",
                    rate, seconds, calls.accepted(), calls.failed(), calls.behind(), calls.accepted() / loadSeconds,
                    caughtUp - loadSeconds, calls.accepted() / caughtUp, rssMib(processorPid), calls.failureReasons(),
                    callsCpuFields);
            // What that traffic wrote to Kafka, every topic (the gateway's, the processor's and its changelog).
            Map<String, WriteFootprint.Written> written = WriteFootprint.since(bootstrap, admin, topicsBefore, topic -> true);
            long events = Math.max(1, calls.accepted());
            written.forEach((topic, w) -> {
                if (w.records() > 0) {
                    System.out.printf("RESULT name=written topic=%s records_per_event=%.2f payload_per_event=%.0f log_per_event=%.0f%n",
                            topic, w.records() / (double) events, w.payloadBytes() / (double) events, w.logBytes() / (double) events);
                }
            });
            WriteFootprint.Written total = WriteFootprint.total(written);
            System.out.printf("RESULT name=written-total records_per_event=%.2f payload_per_event=%.0f log_per_event=%.0f%n",
                    total.records() / (double) events, total.payloadBytes() / (double) events, total.logBytes() / (double) events);

            // 3. Latency at a fixed load.
            long[] latencies = latency(vertx, bootstrap, gatewayPort, Math.min(phones, 20_000), latencyRate, latencySeconds);
            int n = latencies.length;
            System.out.printf("RESULT name=latency rate=%d seconds=%d sessions=%d p50=%d p99=%d max=%d%n", latencyRate,
                    latencySeconds, n, latencies[n / 2], latencies[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)],
                    latencies[n - 1]);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static long[] latency(Vertx vertx, String bootstrap, int gatewayPort, int phones, int rate, int seconds)
            throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long[] latencies = new long[rate * seconds];
        int count = 0;
        try (KafkaConsumer<String, CallSession> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.CALL_SESSIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CALL_SESSIONS.name()));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            CallLoad calls = new CallLoad(vertx, gatewayPort, 50_000, phones, 256);
            long countFrom = System.currentTimeMillis() + WARM_UP_MILLIS;
            AtomicBoolean loading = new AtomicBoolean(true);
            calls.run(rate, seconds).whenComplete((ok, error) -> loading.set(false));
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<String, CallSession> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    long endedAt = record.value().getEndedAt().toEpochMilli();
                    if (endedAt >= countFrom && count < latencies.length) {
                        latencies[count++] = now - endedAt;
                    }
                }
                if (!loading.get() && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 5_000;
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        if (count == 0) {
            throw new IllegalStateException("no session arrived during the latency run");
        }
        return sorted;
    }

    /** Seconds from {@code start} until the processor has handled {@code target} events (at most 5 minutes). */
    private static double awaitProcessed(int processorPort, double target, long start) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (processedEvents(processorPort) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not catch up within 5 minutes");
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double processedEvents(int processorPort) throws IOException, InterruptedException {
        return metric(processorPort, EVENTS);
    }

    private static double metric(int processorPort, Pattern metric) throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processorPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = metric.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The metric once it reached target, or its value when the time ran out. */
    private static double awaitMetric(int processorPort, Pattern metric, double target, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        double value = metric(processorPort, metric);
        while (value < target && System.nanoTime() < deadline) {
            Thread.sleep(500);
            value = metric(processorPort, metric);
        }
        return value;
    }

    /** The highest RSS a process had, sampled every 500 ms until stopped. */
    private static final class RssPeak {
        private final long pid;
        private final Thread sampler;
        private volatile long peak;

        private RssPeak(long pid) {
            this.pid = pid;
            sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak = Math.max(peak, rssMib(pid));
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    // stopped
                }
            }, "bench-rss");
            sampler.setDaemon(true);
        }

        static RssPeak watch(long pid) {
            RssPeak rss = new RssPeak(pid);
            rss.sampler.start();
            return rss;
        }

        /** The peak, the RSS now included. */
        long stop() throws IOException {
            sampler.interrupt();
            return Math.max(peak, rssMib(pid));
        }
    }

    private static long rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
