package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.kafka.CommandClient;
import dev.hookline.dispatcher.CommandDispatcher;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.CommandStatus;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.testkit.phones.SimulatedPhone;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and alert rules of {@code deploy/monitoring/} read only metrics the services
 * export: a panel over a name nobody exports stays empty and an alert over one never fires, and
 * neither says so. The three services run against a real broker with a little traffic, enough for
 * every labelled series to exist (a call, a repeated request, one without a MAC, one no vendor
 * knows, a refused one, a command answered after one retry); then each one's {@code /metrics} is
 * scraped and every name the expressions read must be among the sample names (so {@code _bucket},
 * {@code _count}, {@code _total} as Prometheus stores them). The other way round, every Hookline
 * metric a service exports must be on the dashboard or in an alert, so a new metric is not
 * forgotten there. The names exported are written to
 * {@code target/monitoring-exported-metrics.txt} and each service's last scrape beside it
 * ({@code monitoring-metrics-<service>.txt}), to write new panels from.
 */
@WithKafka
class MonitoringMetricsIT {

    /** Series Prometheus records itself for every scrape target: exported by no service. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final String MAC = "805ec0d1e2f3";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Each service's last scrape. */
    private static final Map<String, String> EXPOSITIONS = new LinkedHashMap<>();

    private static MonitoringFiles files;
    private static Map<String, Set<String>> queried;
    private static Map<String, Set<String>> exported;
    private static Optional<CommandResult> dialed;

    @BeforeAll
    static void runTheServicesWithALittleTraffic(KafkaBroker kafka, @TempDir Path temp) throws Exception {
        files = MonitoringFiles.read(Path.of(""));
        queried = files.queriedNames();
        String prefix = kafka.createTopics("monitoring", 1);
        try (SimulatedPhone phone = SimulatedPhone.builder("yealink").host("127.0.0.1").port(0).start()) {
            registerPhone(kafka, prefix, phone.host());
            try (IngestGateway gateway = new IngestGateway(new GatewayConfig(gatewaySettings(kafka, prefix, temp))).start();
                 StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processorSettings(kafka, prefix,
                         temp))).start(Duration.ofSeconds(60));
                 CommandDispatcher dispatcher = new CommandDispatcher(new DispatcherConfig(dispatcherSettings(kafka, prefix,
                         phone.port()))).start()) {
                sendPhoneRequests(gateway.phonePort());
                phone.failNext(1, 503);
                dialed = dial(kafka, prefix);
                Map<String, Integer> ports = new LinkedHashMap<>();
                ports.put("gateway", gateway.managementPort());
                ports.put("processor", processor.queryPort());
                ports.put("dispatcher", dispatcher.managementPort());
                exported = scrapeUntilEveryQueriedNameIsThere(ports, Duration.ofSeconds(120));
            }
        }
        writeExportedNames();
    }

    @Test
    void shouldQueryOnlyMetricsTheServicesExport() {
        Set<String> all = exported.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Set<String>> missing = new TreeMap<>(queried);
        missing.keySet().removeAll(all);
        missing.keySet().removeAll(PROMETHEUS_OWN);

        assertThat(queried).as("metric names in the dashboard and alerts").isNotEmpty();
        assertThat(missing).as("metrics the dashboard or alerts query that no service exports (name -> where); "
                + "exported names are in target/monitoring-exported-metrics.txt").isEmpty();
    }

    @Test
    void shouldQueryEveryServicesOwnMetrics() {
        for (Map.Entry<String, Set<String>> service : exported.entrySet()) {
            Set<String> own = service.getValue().stream().filter(name -> name.startsWith("hookline_"))
                    .map(MonitoringMetricsIT::withoutSuffix).collect(Collectors.toCollection(TreeSet::new));
            Set<String> shown = queried.keySet().stream().map(MonitoringMetricsIT::withoutSuffix).collect(Collectors.toSet());
            own.removeAll(shown);
            assertThat(own).as("%s's metrics that neither the dashboard nor an alert shows", service.getKey()).isEmpty();
        }
    }

    @Test
    void shouldCountThePhoneOfThisInstanceNotSilent() {
        String processor = EXPOSITIONS.get("processor");

        assertThat(sampleValue(processor, "hookline_processor_phones")).as("hookline_processor_phones").isEqualTo(1.0);
        assertThat(sampleValue(processor, "hookline_processor_phones_silent")).as("hookline_processor_phones_silent")
                .isZero();
        assertThat(sampleValue(processor, "hookline_processor_ready")).as("hookline_processor_ready").isEqualTo(1.0);
    }

    @Test
    void shouldHaveADashboardWithoutAFixedDataSourceAndWithATitleOnEveryPanel() {
        assertThat(files.dashboardProblems()).isEmpty();
    }

    @Test
    void shouldHaveAlertsEachWithADurationASeverityAndASummary() {
        assertThat(files.alertProblems()).isEmpty();
    }

    @Test
    void shouldHaveHadTheCommandRetriedAndDelivered() {
        assertThat(dialed).as("the DIAL command's result").hasValueSatisfying(result -> {
            assertThat(result.getStatus()).as(String.valueOf(result.getDetail())).isEqualTo(CommandStatus.DELIVERED);
            assertThat(result.getAttempts()).isEqualTo(2);
        });
    }

    /**
     * A call (a session), a request sent twice (a duplicate), one without a MAC from the phone's
     * address (attributed to it), a request no vendor knows (a dead letter), a DELETE (a rejection).
     */
    private static void sendPhoneRequests(int port) throws Exception {
        String call = "?mac=" + MAC + "&local=sip:1001@pbx&remote=sip:2002@pbx&call_id=" + MAC + "-1";
        for (String event : List.of("incoming_call", "call_established", "call_terminated")) {
            assertThat(send(port, "GET", "/yealink/" + event + call)).as(event).isEqualTo(200);
        }
        assertThat(send(port, "GET", "/yealink/registered?mac=" + MAC + "&line=1001")).isEqualTo(200);
        assertThat(send(port, "GET", "/yealink/registered?mac=" + MAC + "&line=1001")).isEqualTo(200);
        assertThat(send(port, "GET", "/yealink/off_hook")).isEqualTo(200);
        assertThat(send(port, "GET", "/pbx/zzfrobnicate?mac=0a0b0c0d0e0f")).isEqualTo(200);
        assertThat(send(port, "DELETE", "/yealink/incoming_call?mac=" + MAC)).isEqualTo(405);
    }

    private static int send(int port, String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "Yealink SIP-T46S 66.86.0.15").timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One DIAL to the simulated phone, whose first answer is a 503: a retry, then DELIVERED. */
    private static Optional<CommandResult> dial(KafkaBroker kafka, String prefix) throws InterruptedException {
        Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        PhoneCommand command = PhoneCommand.newBuilder().setCommandId("monitoring-dial-" + prefix).setDeviceId(MAC)
                .setAction(CommandAction.DIAL).setNumber("1002").setRequestedAt(Instant.now())
                .setRequestedBy("MonitoringMetricsIT").build();
        try (CommandClient commands = new CommandClient(client, prefix)) {
            return commands.sendAndAwait(command, Duration.ofSeconds(60));
        }
    }

    /**
     * Scrapes every service until the names queried are all exported and the processor has
     * counted its phone, or {@code timeout} passes: the processor counts a session or a dead
     * letter a moment after the gateway took the request, binds Kafka's per-partition metrics
     * (the consumer lag) at Micrometer's refresh a minute after its start, and counts its phones
     * every 30 s. The sample names of each service's last scrape.
     */
    private static Map<String, Set<String>> scrapeUntilEveryQueriedNameIsThere(Map<String, Integer> ports, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Set<String>> names = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                String exposition = scrape(port.getValue());
                EXPOSITIONS.put(port.getKey(), exposition);
                names.put(port.getKey(), sampleNames(exposition));
            }
            Set<String> all = names.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            boolean counted = sampleValue(EXPOSITIONS.get("processor"), "hookline_processor_phones") >= 1;
            if (all.containsAll(withoutPrometheusOwn(queried.keySet())) && counted || System.nanoTime() > deadline) {
                return names;
            }
            Thread.sleep(500);
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /metrics on port %d", port).isEqualTo(200);
        return response.body();
    }

    /** The names of the samples in a Prometheus text exposition (histograms as their _bucket, _count, _sum). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** The value of the sample {@code name} without labels, NaN when there is none. */
    static double sampleValue(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    private static Set<String> withoutPrometheusOwn(Set<String> names) {
        Set<String> out = new TreeSet<>(names);
        out.removeAll(PROMETHEUS_OWN);
        return out;
    }

    private static String withoutSuffix(String name) {
        return name.replaceFirst("_(total|bucket|count|sum|max)$", "");
    }

    private static void writeExportedNames() throws IOException {
        StringBuilder text = new StringBuilder();
        exported.forEach((service, names) -> names.forEach(name -> text.append(service).append(' ').append(name).append('\n')));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "monitoring-exported-metrics.txt"), text);
        for (Map.Entry<String, String> exposition : EXPOSITIONS.entrySet()) {
            Files.writeString(Path.of("target", "monitoring-metrics-" + exposition.getKey() + ".txt"), exposition.getValue());
        }
    }

    private static void registerPhone(KafkaBroker kafka, String prefix, String address) throws Exception {
        DeviceState state = DeviceState.newBuilder().setDeviceId(MAC).setVendor("yealink").setModel("SIP-T46S")
                .setIp(address).setHook(HookState.ON).setLines(List.of("1001@pbx"))
                .setFirstSeen(Instant.now()).setLastSeen(Instant.now()).build();
        try (KafkaProducer<String, DeviceState> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.DEVICE_STATE.keySerde().serializer(), Topics.DEVICE_STATE.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEVICE_STATE.name(prefix), MAC, state)).get();
        }
    }

    private static Map<String, Object> gatewaySettings(KafkaBroker kafka, String prefix, Path temp) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.TOPIC_PREFIX, prefix);
        values.put(GatewayConfig.SPOOL_DIR, temp.resolve("spool").toString());
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return values;
    }

    private static Map<String, Object> processorSettings(KafkaBroker kafka, String prefix, Path temp) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.APPLICATION_ID, "monitoring-" + prefix.replace(".", ""));
        values.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put(ProcessorConfig.QUERY_ADVERTISED_HOST, "127.0.0.1");
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        values.put("kafka.state.dir", temp.resolve("state").toString());
        values.put("kafka.commit.interval.ms", "100");
        values.put("kafka.num.standby.replicas", "0");
        return values;
    }

    private static Map<String, Object> dispatcherSettings(KafkaBroker kafka, String prefix, int phonePort) {
        Map<String, Object> values = new HashMap<>();
        values.put(DispatcherConfig.GROUP_ID, "monitoring-dispatcher-" + prefix);
        values.put(DispatcherConfig.TOPIC_PREFIX, prefix);
        values.put(DispatcherConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(DispatcherConfig.MANAGEMENT_PORT, 0);
        values.put(DispatcherConfig.PHONE_PORT, phonePort);
        values.put(DispatcherConfig.REQUEST_TIMEOUT_MS, 2000L);
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return values;
    }
}
