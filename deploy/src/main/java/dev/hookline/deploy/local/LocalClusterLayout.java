package dev.hookline.deploy.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The shape of a local Kafka cluster of {@code brokers} combined broker-and-controller nodes in
 * one data dir: each node's ports and files, and the replication the cluster's size allows.
 *
 * <p>One node keeps the layout local mode always had ({@code kafka/}, {@code logs/broker.log},
 * {@code server.properties}), so an existing data dir still works. Node {@code i} of several
 * has {@code kafka-i/}, {@code logs/broker-i.log} and {@code server-i.properties}.
 *
 * <p>Ports of several nodes: clients use {@code kafkaPort}, +1, ... +N-1; controllers the N
 * ports after those. They are derived rather than picked free and remembered: a static quorum
 * needs every voter's address before any node starts, and a node restarted on its own must come
 * back where the others expect it; derived ports are the same at every start, leave nothing in
 * the data dir to go stale, are predictable for a script, and a taken one is fixed with the one
 * option the user already knows, {@code --kafka-port}. (Voters are known by id; their addresses
 * are read from the config at each start, so a later run on another --kafka-port is fine.) A
 * single node picks a fresh controller port at each start, as it always did: nothing else
 * needs to know it.
 */
public record LocalClusterLayout(Path dataDir, String host, int kafkaPort, int brokers) {

    public LocalClusterLayout {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one broker, not " + brokers);
        }
    }

    public boolean single() {
        return brokers == 1;
    }

    /** Replicas of each topic: three where there are three brokers, fewer where there are not. */
    public int replicationFactor() {
        return Math.min(3, brokers);
    }

    /** Replicas an acks=all write needs: all but one, so one broker can be down (at least one). */
    public int minInsyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }

    /** The nodes; {@code singleControllerPort} is asked only when there is one node. */
    public List<NodeLayout> nodes(IntSupplier singleControllerPort) {
        if (single()) {
            Path logs = dataDir.resolve("logs");
            return List.of(new NodeLayout(1, host, kafkaPort, singleControllerPort.getAsInt(), dataDir.resolve("kafka"),
                    dataDir.resolve("server.properties"), logs.resolve("broker.log"), logs.resolve("format.log")));
        }
        List<NodeLayout> nodes = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            nodes.add(node(id));
        }
        return nodes;
    }

    private NodeLayout node(int id) {
        Path logs = dataDir.resolve("logs");
        return new NodeLayout(id, host, kafkaPort + id - 1, kafkaPort + brokers + id - 1,
                dataDir.resolve("kafka-" + id), dataDir.resolve("server-" + id + ".properties"),
                logs.resolve("broker-" + id + ".log"), logs.resolve("format-" + id + ".log"));
    }

    /** The remembered cluster id and size of a cluster of several nodes. */
    public Path clusterFile() {
        return dataDir.resolve("cluster.properties");
    }

    /** Where a single node keeps its log dir; used to tell a single node's data dir from a cluster's. */
    public Path singleNodeMeta() {
        return dataDir.resolve("kafka").resolve("meta.properties");
    }

    public static String bootstrapServers(List<NodeLayout> nodes) {
        return String.join(",", nodes.stream().map(NodeLayout::address).toList());
    }
}
