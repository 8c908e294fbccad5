package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster (KRaft) of one or more nodes on this machine, each a combined broker and
 * controller in a child JVM of its own, with its data in a folder of the user's: formatted on
 * first start, reused after, so a restart keeps every record. See {@link LocalClusterLayout} for
 * where each node listens and keeps its files.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    /** What the user chose: where the data lives, the first port, how many nodes, each one's heap. */
    public record Settings(Path dataDir, String host, int kafkaPort, int brokers, String heap, Duration startupTimeout) {
    }

    private final Settings settings;
    private final LocalClusterLayout layout;
    private volatile List<LocalKafkaNode> nodes = List.of();

    public LocalKafkaCluster(Settings settings) {
        this.settings = settings;
        this.layout = new LocalClusterLayout(settings.dataDir(), settings.host(), settings.kafkaPort(), settings.brokers());
    }

    public LocalClusterLayout layout() {
        return layout;
    }

    /** The nodes of the last start, in id order. */
    public List<LocalKafkaNode> nodes() {
        return nodes;
    }

    public LocalKafkaNode node(int id) {
        return nodes.stream().filter(node -> node.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes.size() + " started nodes"));
    }

    public String bootstrapServers() {
        return LocalClusterLayout.bootstrapServers(nodes.stream().map(LocalKafkaNode::layout).toList());
    }

    /** Formats new nodes, starts every node and waits until all of them serve as brokers. */
    public synchronized void start() {
        ClusterFile.requireSameSize(layout);
        List<NodeLayout> layouts = layout.nodes(this::freshControllerPort);
        for (NodeLayout node : layouts) {
            writeConfig(node, KafkaNodeConfig.of(layout, layouts, node));
        }
        // One node's id lives in its own meta.properties alone, as it always has.
        String clusterId = layout.single() ? Uuid.randomUuid().toString() : ClusterFile.clusterId(layout);
        StorageFormat.formatNew(layouts, clusterId, settings.heap());
        nodes = layouts.stream().map(node -> new LocalKafkaNode(node, settings.heap())).toList();
        try {
            nodes.forEach(LocalKafkaNode::start);
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** A single node's controller port: free now, and not the client port (free too until the broker binds it). */
    private int freshControllerPort() {
        LocalPorts.requireFree(settings.host(), settings.kafkaPort(), "--kafka-port");
        int port = LocalPorts.findFree(settings.host());
        while (port == settings.kafkaPort()) {
            port = LocalPorts.findFree(settings.host());
        }
        return port;
    }

    private void writeConfig(NodeLayout node, Properties props) {
        try {
            Files.createDirectories(node.log().getParent());
            try (OutputStream out = Files.newOutputStream(node.config())) {
                props.store(out, "Written by hookline local at each start; edit the options instead.");
            }
        } catch (IOException e) {
            throw new HooklineException("cannot write the data dir " + settings.dataDir().toAbsolutePath() + " ("
                    + e + "); choose another with --data-dir", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(props)) {
            int up = 0;
            while (true) {
                for (LocalKafkaNode node : nodes) {
                    if (!node.isAlive()) {
                        throw new HooklineException(brokerName(node) + " stopped during start-up (exit code "
                                + node.exitCode().orElse(-1) + "): " + LogTail.of(node.layout().log(), 8)
                                + " (full log: " + node.layout().log() + ")");
                    }
                }
                try {
                    up = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                    if (up >= nodes.size()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // The brokers are still starting; try again until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    throw new HooklineException(layout.single()
                            ? "the Kafka broker did not become ready within " + settings.startupTimeout().toSeconds()
                                    + " s; see " + nodes.get(0).layout().log()
                            : up + " of " + nodes.size() + " Kafka brokers were ready after "
                                    + settings.startupTimeout().toSeconds() + " s; see the logs in "
                                    + nodes.get(0).layout().log().getParent() + ", or allow more with --startup-timeout");
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private String brokerName(LocalKafkaNode node) {
        return layout.single() ? "the Kafka broker" : "Kafka broker " + node.id();
    }

    /** Starts one node again (after it stopped or was killed); it rejoins the cluster by itself. */
    public LocalKafkaNode restart(int id) {
        LocalKafkaNode node = node(id);
        node.start();
        return node;
    }

    /** Stops every node cleanly, all at once; the cluster can be started again. */
    public synchronized void stop() {
        // All at once: stopped one by one, the last nodes would wait for a controller quorum that is gone.
        nodes.forEach(LocalKafkaNode::requestStop);
        nodes.forEach(LocalKafkaNode::awaitStop);
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while waiting for the broker", e);
        }
    }
}
