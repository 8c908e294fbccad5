package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.deploy.local.BrokerRestarts;
import dev.hookline.deploy.local.LocalDataDir;
import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalKafkaNode;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.deploy.local.LocalRegistry;
import dev.hookline.deploy.local.LocalService;
import dev.hookline.deploy.services.DispatcherService;
import dev.hookline.deploy.services.GatewayService;
import dev.hookline.deploy.services.ProcessorService;
import dev.hookline.deploy.sim.LocalSimulation;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.schema.Topics;
import dev.hookline.schema.format.FormatConfig;
import dev.hookline.schema.format.ValueFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hookline local}: the all-in-one mode. A real Kafka broker (or a cluster of several,
 * each in its own process) with its data in a local folder, the topics, and the services that
 * exist, until Ctrl-C or SIGTERM.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run everything on this machine: a Kafka broker or cluster (data kept in --data-dir), the topics "
                + "and the services.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--data-dir",
            description = "Where the brokers keep their data; reused on the next start (default: .hookline, "
                    + ".hookline/brokers-N with --brokers N).")
    Path dataDir;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "Kafka brokers, each its own process (default: ${DEFAULT-VALUE}); with 3, every topic has "
                    + "3 replicas and takes writes with one broker down (min.insync.replicas=2).")
    int brokers;

    @Option(names = "--broker-restart-delay", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "With several brokers, a broker that stops (kill -9 <pid>) is started again after this "
                    + "long (default: ${DEFAULT-VALUE}).")
    Duration brokerRestartDelay;

    @Option(names = "--host", defaultValue = "localhost",
            description = "Address the broker listens on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", defaultValue = "9092",
            description = "Port of the embedded Kafka broker (default: ${DEFAULT-VALUE}); with --brokers N, brokers "
                    + "listen on this port and the N-1 after it, their controllers on the N ports after those.")
    int kafkaPort;

    @Option(names = "--partitions", defaultValue = "" + Topics.LOCAL_PARTITIONS,
            description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--broker-heap", defaultValue = "512m",
            description = "Maximum heap of each broker's JVM (default: ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "How long to wait for the brokers to be ready (default: PT60S, PT120S with several: they "
                    + "start at once and share the CPUs).")
    Duration startupTimeout;

    @Option(names = "--gateway-port", defaultValue = "8080",
            description = "Port phones call, of the ingest gateway (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--gateway-management-port", defaultValue = "8088",
            description = "Port of the gateway's health and metrics (default: ${DEFAULT-VALUE}).")
    int gatewayManagementPort;

    @Option(names = "--processor-port", defaultValue = "8081",
            description = "Port of the stream processor's query API, health and metrics (default: ${DEFAULT-VALUE}).")
    int processorPort;

    @Option(names = "--dispatcher-port", defaultValue = "8082",
            description = "Port of the command dispatcher's health and metrics (default: ${DEFAULT-VALUE}).")
    int dispatcherPort;

    @Option(names = "--services", paramLabel = "NAMES", split = ",", defaultValue = "gateway,processor,dispatcher",
            description = "Services to run beside the broker (default: ${DEFAULT-VALUE}); 'none' for the broker and topics alone.")
    List<String> serviceNames;

    @Option(names = "--simulate", defaultValue = "0", paramLabel = "N",
            description = "Also run N simulated phones (every vendor, each on its own 127.x address) calling the "
                    + "gateway once everything is ready, so call.sessions.v1 fills within seconds (default: none).")
    int simulate;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The value format of every topic: avro-single-object (default; no other server), "
                    + "avro-registry (the Confluent wire format; with --registry, or --set registry.url=...) or json.")
    String format;

    @Option(names = "--registry",
            description = "Also run a schema registry (Apicurio Registry, Confluent-compatible API) beside the broker; "
                    + "the services use it (registry.url) for --format avro-registry.")
    boolean registry;

    @Option(names = "--registry-port", defaultValue = "8085", paramLabel = "PORT",
            description = "Port of the schema registry of --registry (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Mixin
    ServiceOptions serviceOptions;

    private int actionUriPort;

    @Spec
    CommandSpec spec;

    /** The value-format settings every service gets: --format, and the registry of --registry. */
    private Map<String, Object> formatSettings() {
        Map<String, Object> settings = new HashMap<>();
        if (format != null) {
            try {
                settings.put(FormatConfig.VALUE_FORMAT, ValueFormat.parse(format).id());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
        }
        if (registry) {
            settings.put(FormatConfig.REGISTRY_URL, registryUrl());
        }
        boolean needsRegistry = ValueFormat.AVRO_REGISTRY.id().equals(settings.get(FormatConfig.VALUE_FORMAT))
                || ValueFormat.AVRO_REGISTRY.id().equals(serviceOptions.values(Map.of()).get(FormatConfig.VALUE_FORMAT));
        if (needsRegistry && !registry && !serviceOptions.values(Map.of()).containsKey(FormatConfig.REGISTRY_URL)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format avro-registry needs a schema registry: add --registry (or --set registry.url=URL)");
        }
        return settings;
    }

    private String registryUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + registryPort + "/apis/ccompat/v7";
    }

    /** The services local mode runs beside the broker, in start order. */
    private List<LocalService> services(Path data, int replicationFactor) {
        Map<String, Object> formats = formatSettings();
        Map<String, Object> gateway = new HashMap<>(serviceOptions.values(Map.of(
                GatewayConfig.HTTP_PORT, gatewayPort,
                GatewayConfig.MANAGEMENT_PORT, gatewayManagementPort)));
        gateway.putIfAbsent(GatewayConfig.SPOOL_DIR, data.resolve("gateway-spool").toString());
        Map<String, Object> processor = new HashMap<>(serviceOptions.values(Map.of(ProcessorConfig.QUERY_PORT, processorPort)));
        processor.putIfAbsent(ProcessorConfig.KAFKA_PREFIX + "state.dir", data.resolve("processor-state").toString());
        // One user on one machine: the query port and live view listen on loopback only, without sign-in.
        processor.putIfAbsent(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        processor.putIfAbsent(ProcessorConfig.QUERY_AUTH_ENABLED, false);
        // As many replicas of the processor's internal topics as of the others: one per broker, three at most.
        processor.putIfAbsent(ProcessorConfig.KAFKA_PREFIX + "replication.factor", Integer.toString(replicationFactor));
        // One processor: no other instance could hold a standby, and Kafka Streams would warn of it at each start.
        processor.putIfAbsent(ProcessorConfig.KAFKA_PREFIX + "num.standby.replicas", "0");
        Map<String, Object> dispatcher = new HashMap<>(serviceOptions.values(Map.of(
                DispatcherConfig.MANAGEMENT_PORT, dispatcherPort)));
        if (simulate > 0) {
            // The simulated phones take commands where the dispatcher sends them.
            dispatcher.putIfAbsent(DispatcherConfig.PHONE_PORT, actionUriPort());
        }
        for (Map<String, Object> settings : List.of(gateway, processor, dispatcher)) {
            settings.putAll(formats);
        }
        Map<String, LocalService> all = new java.util.LinkedHashMap<>();
        all.put("gateway", new GatewayService(gateway, "--gateway-port", "--gateway-management-port"));
        all.put("processor", new ProcessorService(processor, "--processor-port"));
        all.put("dispatcher", new DispatcherService(dispatcher, "--dispatcher-port"));
        List<LocalService> chosen = new ArrayList<>();
        for (String name : serviceNames) {
            String service = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (service.equals("none") || service.isEmpty()) {
                continue;
            }
            if (!all.containsKey(service)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown service '" + name
                        + "' in --services; choose from " + all.keySet() + " or none");
            }
            chosen.add(all.get(service));
        }
        return chosen;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (brokers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--brokers must be at least 1, not " + brokers);
        }
        long startedAt = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
        // Held while the main loop looks at the brokers, so a stop in progress is never taken for a failure.
        Object lifecycle = new Object();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread shutdown = new Thread(() -> {
            synchronized (lifecycle) {
                stopping.set(true);
            }
            stopAll(running, out);
            stopped.countDown();
        }, "hookline-local-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        Path dir = dataDir().toAbsolutePath().normalize();
        LocalKafkaCluster cluster = new LocalKafkaCluster(new LocalKafkaCluster.Settings(
                dir, host, kafkaPort, brokers, brokerHeap, startupTimeout()));
        List<LocalService> services = services(dir, cluster.layout().replicationFactor());
        LocalDataDir data = LocalDataDir.open(dir);
        running.add(data);
        running.add(cluster);
        out.println("Starting Kafka (KRaft" + (brokers > 1 ? ", " + brokers + " brokers" : "") + ") with data in "
                + data.path() + " ...");
        out.flush();
        if (registry) {
            LocalPorts.requireFree(host, registryPort, "--registry-port");
        }
        cluster.start();
        String bootstrap = cluster.bootstrapServers();
        createTopics(bootstrap, cluster.layout().replicationFactor());
        LocalRegistry schemaRegistry = null;
        if (registry) {
            out.println("Starting the schema registry ...");
            out.flush();
            schemaRegistry = LocalRegistry.start(host, registryPort, data.path().resolve("registry.log"));
            running.add(schemaRegistry);
        }

        List<String> addresses = new ArrayList<>();
        GatewayService gateway = null;
        for (LocalService service : services) {
            running.add(service);
            addresses.add(String.format("  %-18s %s", service.name(), service.start(bootstrap, "")));
            if (service instanceof GatewayService g) {
                gateway = g;
            }
        }
        if (simulate > 0) {
            // Last to start, first to stop: the phones stop before the gateway they call.
            LocalSimulation phones = startPhones(gateway, out);
            running.add(phones);
            addresses.add(String.format("  %-18s %s", "simulated phones", phones.describe()));
        }

        if (schemaRegistry != null) {
            addresses.add(0, String.format("  %-18s %s (Confluent-compatible; log %s)", "schema registry",
                    schemaRegistry.ccompatUrl(), schemaRegistry.log()));
        }
        if (format != null) {
            addresses.add(0, String.format("  %-18s %s", "value format", ValueFormat.parse(format).id()));
        }
        printReady(out, startedAt, cluster, addresses);
        BrokerRestarts restarts = new BrokerRestarts(cluster, brokerRestartDelay, out);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            synchronized (lifecycle) {
                if (stopping.get()) {
                    continue;
                }
                if (brokers > 1) {
                    restarts.check();
                } else if (!cluster.node(1).isAlive()) {
                    throw new HooklineException("the Kafka broker stopped unexpectedly; see " + cluster.node(1).layout().log());
                }
            }
        }
        return 0;
    }

    /** One free port for every simulated phone's Action URI (each phone has its own 127.1.x address). */
    private int actionUriPort() {
        if (actionUriPort == 0) {
            actionUriPort = LocalPorts.findFree("127.1.0.1");
        }
        return actionUriPort;
    }

    private Duration startupTimeout() {
        return startupTimeout != null ? startupTimeout : Duration.ofSeconds(brokers == 1 ? 60 : 120);
    }

    private Path dataDir() {
        return dataDir != null ? dataDir : Path.of(brokers == 1 ? ".hookline" : ".hookline/brokers-" + brokers);
    }

    private void printReady(PrintWriter out, long startedAt, LocalKafkaCluster cluster, List<String> addresses) {
        out.printf("hookline local ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
        out.printf("  %-18s %s%n", "Kafka bootstrap", cluster.bootstrapServers());
        for (LocalKafkaNode node : cluster.nodes()) {
            out.printf("  %-18s %s (pid %d)%n", "broker " + node.id(), node.layout().address(), node.pid().orElse(-1));
        }
        int replicas = cluster.layout().replicationFactor();
        out.printf("  %-18s %d topics, %d partitions%s each (hookline topics list)%n", "topics", Topics.ALL.size(),
                partitions, replicas == 1 ? "" : " and " + replicas + " replicas");
        addresses.forEach(out::println);
        if (brokers == 1) {
            out.printf("  %-18s %s%n", "broker log", cluster.node(1).layout().log());
        } else {
            out.printf("  %-18s %s%n", "broker logs", cluster.node(1).layout().log().getParent().resolve(
                    "broker-{" + String.join(",", cluster.nodes().stream().map(n -> Integer.toString(n.id())).toList())
                            + "}.log"));
            out.printf("Try fault tolerance: kill -9 a broker's pid; the others carry on (min.insync.replicas=%d) and "
                    + "it is started again after %d s.%n", cluster.layout().minInsyncReplicas(), brokerRestartDelay.toSeconds());
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private LocalSimulation startPhones(GatewayService gateway, PrintWriter out) {
        String url = gateway == null ? null : gateway.loopbackUrl().orElseThrow(() -> new HooklineException(
                "--simulate needs the gateway on plain HTTP on 0.0.0.0 or a 127.x address (http.host, http.tls.*)"));
        if (url == null) {
            throw new HooklineException("--simulate needs the ingest gateway, which local mode did not start");
        }
        // The gateway started, so its vendor folder (if any) is valid: the phones play its vendors.
        return LocalSimulation.start(simulate, url, gateway.token(),
                dev.hookline.vendor.VendorCatalogue.load(gateway.vendorDir()), actionUriPort(), out);
    }

    private void createTopics(String bootstrapServers, int replicationFactor) {
        if (partitions < 1) {
            throw new HooklineException("--partitions must be at least 1");
        }
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (TopicAdmin admin = TopicAdmin.connect(props)) {
            admin.createAll("", partitions, Optional.of((short) replicationFactor));
        }
    }

    private static void stopAll(List<AutoCloseable> running, PrintWriter out) {
        List<AutoCloseable> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        if (reversed.isEmpty()) {
            return;
        }
        out.println("Stopping ...");
        out.flush();
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                out.println("error while stopping: " + e);
            }
        }
        running.clear();
        out.println("Stopped.");
        out.flush();
    }
}
