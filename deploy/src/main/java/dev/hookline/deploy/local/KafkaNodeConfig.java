package dev.hookline.deploy.local;

import java.util.List;
import java.util.Properties;

/** The server.properties of one node of a local cluster: a combined broker and controller. */
public final class KafkaNodeConfig {

    private KafkaNodeConfig() {
    }

    public static Properties of(LocalClusterLayout cluster, List<NodeLayout> nodes, NodeLayout node) {
        String host = node.host();
        String replicas = Integer.toString(cluster.replicationFactor());
        String minIsr = Integer.toString(cluster.minInsyncReplicas());
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        // A static quorum: every node lists every voter, so no controller needs to be added at run time.
        props.put("controller.quorum.voters", String.join(",", nodes.stream().map(NodeLayout::voter).toList()));
        props.put("listeners", "PLAINTEXT://" + host + ":" + node.clientPort() + ",CONTROLLER://" + host + ":"
                + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + node.address());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", node.logDir().toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        // With three brokers, every topic (Kafka's own included) survives one broker down: three
        // replicas, acks=all needs two, and a replica that missed writes never becomes leader.
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        props.put("unclean.leader.election.enable", "false");
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }
}
