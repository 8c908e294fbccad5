package dev.hookline.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A combined broker+controller KRaft node in this JVM, from Kafka's own test kit. Unlike
 * {@code KafkaRaftServer} its fault handlers never call {@code Exit.halt}, which would kill
 * the Surefire/Failsafe fork.
 */
final class InJvmBroker implements RunningBroker {

    private final KafkaClusterTestKit cluster;

    private InJvmBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static InJvmBroker start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // The kit defaults to the newest, unreleased metadata version; test what ships.
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                // One node: the internal topics cannot have more replicas than that.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                // Fewer internal partitions: the first group and first transaction start faster.
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.num.partitions", "5")
                // Consumer groups in tests should not wait 3 s for more members.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // The kit turns unreleased APIs and features on; a production broker has them off.
                .setConfigProp("unstable.api.versions.enable", "false")
                .setConfigProp("unstable.feature.versions.enable", "false")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            closeAfterFailure(cluster, e);
            throw e;
        }
        return new InJvmBroker(cluster);
    }

    private static void closeAfterFailure(KafkaClusterTestKit cluster, Throwable failure) {
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public BrokerSource source() {
        return BrokerSource.IN_JVM;
    }

    @Override
    public void stop() throws Exception {
        cluster.close();
    }
}
