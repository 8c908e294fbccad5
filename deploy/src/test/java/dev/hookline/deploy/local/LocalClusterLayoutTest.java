package dev.hookline.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.deploy.HooklineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nodes' ports, files and Kafka settings, worked out without starting a JVM. */
class LocalClusterLayoutTest {

    @TempDir
    Path temp;

    @Test
    void shouldGiveThreeNodesTheirOwnPortsFilesAndOneQuorum() {
        LocalClusterLayout cluster = new LocalClusterLayout(temp, "localhost", 19092, 3);

        List<NodeLayout> nodes = cluster.nodes(() -> {
            throw new AssertionError("three nodes derive their controller ports");
        });

        assertThat(nodes).extracting(NodeLayout::id).containsExactly(1, 2, 3);
        assertThat(nodes).extracting(NodeLayout::clientPort).containsExactly(19092, 19093, 19094);
        assertThat(nodes).extracting(NodeLayout::controllerPort).containsExactly(19095, 19096, 19097);
        assertThat(nodes).extracting(NodeLayout::logDir)
                .containsExactly(temp.resolve("kafka-1"), temp.resolve("kafka-2"), temp.resolve("kafka-3"));
        assertThat(nodes).extracting(NodeLayout::log).containsExactly(temp.resolve("logs/broker-1.log"),
                temp.resolve("logs/broker-2.log"), temp.resolve("logs/broker-3.log"));
        assertThat(nodes).extracting(NodeLayout::config).doesNotHaveDuplicates();
        assertThat(LocalClusterLayout.bootstrapServers(nodes)).isEqualTo("localhost:19092,localhost:19093,localhost:19094");

        for (NodeLayout node : nodes) {
            Properties config = KafkaNodeConfig.of(cluster, nodes, node);
            assertThat(config.getProperty("node.id")).isEqualTo(Integer.toString(node.id()));
            assertThat(config.getProperty("controller.quorum.voters"))
                    .isEqualTo("1@localhost:19095,2@localhost:19096,3@localhost:19097");
            assertThat(config.getProperty("listeners")).isEqualTo("PLAINTEXT://localhost:" + node.clientPort()
                    + ",CONTROLLER://localhost:" + node.controllerPort());
            assertThat(config.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://localhost:" + node.clientPort());
            assertThat(config.getProperty("log.dirs")).isEqualTo(node.logDir().toAbsolutePath().toString());
            assertThat(config).contains(
                    entry("default.replication.factor", "3"),
                    entry("min.insync.replicas", "2"),
                    entry("unclean.leader.election.enable", "false"),
                    entry("offsets.topic.replication.factor", "3"),
                    entry("transaction.state.log.replication.factor", "3"),
                    entry("transaction.state.log.min.isr", "2"),
                    entry("share.coordinator.state.topic.replication.factor", "3"),
                    entry("share.coordinator.state.topic.min.isr", "2"));
        }
    }

    @Test
    void shouldKeepTheSingleNodeLayoutAndAFreshControllerPort() {
        LocalClusterLayout single = new LocalClusterLayout(temp, "localhost", 9092, 1);

        NodeLayout node = single.nodes(() -> 40001).get(0);
        Properties config = KafkaNodeConfig.of(single, List.of(node), node);

        assertThat(node.logDir()).isEqualTo(temp.resolve("kafka"));
        assertThat(node.log()).isEqualTo(temp.resolve("logs/broker.log"));
        assertThat(node.config()).isEqualTo(temp.resolve("server.properties"));
        assertThat(config).contains(
                entry("node.id", "1"),
                entry("controller.quorum.voters", "1@localhost:40001"),
                entry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:40001"),
                entry("default.replication.factor", "1"),
                entry("min.insync.replicas", "1"),
                entry("offsets.topic.replication.factor", "1"),
                entry("transaction.state.log.min.isr", "1"));
    }

    @Test
    void shouldReplicateAsMuchAsTheBrokersAllow() {
        assertThat(replication(1)).containsExactly(1, 1);
        assertThat(replication(2)).containsExactly(2, 1);
        assertThat(replication(3)).containsExactly(3, 2);
        assertThat(replication(5)).containsExactly(3, 2);
        assertThatThrownBy(() -> new LocalClusterLayout(temp, "localhost", 9092, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRememberOneClusterIdForAllNodes() {
        LocalClusterLayout cluster = new LocalClusterLayout(temp, "localhost", 9092, 3);

        String first = ClusterFile.clusterId(cluster);

        assertThat(first).isNotBlank();
        assertThat(ClusterFile.clusterId(cluster)).isEqualTo(first);
        ClusterFile.requireSameSize(cluster);
    }

    @Test
    void shouldRefuseADataDirHoldingAClusterOfAnotherSize() throws Exception {
        ClusterFile.clusterId(new LocalClusterLayout(Files.createDirectories(temp.resolve("three")), "localhost", 9092, 3));
        Files.createDirectories(temp.resolve("one/kafka"));
        Files.writeString(temp.resolve("one/kafka/meta.properties"), "node.id=1\n");

        assertThatThrownBy(() -> ClusterFile.requireSameSize(new LocalClusterLayout(temp.resolve("three"), "localhost", 9092, 1)))
                .isInstanceOf(HooklineException.class)
                .hasMessageContaining("holds a cluster of 3 brokers").hasMessageContaining("--brokers 3");
        assertThatThrownBy(() -> ClusterFile.requireSameSize(new LocalClusterLayout(temp.resolve("one"), "localhost", 9092, 3)))
                .isInstanceOf(HooklineException.class)
                .hasMessageContaining("holds a cluster of 1 broker;").hasMessageContaining("--data-dir");
        ClusterFile.requireSameSize(new LocalClusterLayout(temp.resolve("one"), "localhost", 9092, 1));
    }

    private List<Integer> replication(int brokers) {
        LocalClusterLayout cluster = new LocalClusterLayout(temp, "localhost", 9092, brokers);
        return List.of(cluster.replicationFactor(), cluster.minInsyncReplicas());
    }

    private static java.util.Map.Entry<Object, Object> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
