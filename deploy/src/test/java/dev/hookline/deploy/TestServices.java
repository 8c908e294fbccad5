package dev.hookline.deploy;

import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** What the broker-backed tests set up alike: the topics on a one-broker cluster, and a test gateway's settings. */
final class TestServices {

    private TestServices() {
    }

    /** One broker (its own JVM) on a free loopback port, not yet started: 512 MB heap, 90 s to start. */
    static LocalKafkaCluster oneBroker(Path dir) {
        return new LocalKafkaCluster(new LocalKafkaCluster.Settings(dir, "127.0.0.1", LocalPorts.findFree("127.0.0.1"), 1,
                "512m", Duration.ofSeconds(90)));
    }

    /** Every catalogue topic under prefix, with partitions each and one replica (one broker). */
    static void createTopics(String bootstrap, String prefix, int partitions) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (TopicAdmin admin = TopicAdmin.connect(props)) {
            admin.createAll(prefix, partitions, Optional.of((short) 1));
        }
    }

    /**
     * An in-process gateway on loopback with ports of the system's choosing, no rate limits (tests
     * send fast from one address) and its own spool; a mutable map, for a test's own settings on top.
     */
    static Map<String, Object> gatewaySettings(String bootstrap, Path spool) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.SECURITY_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SPOOL_DIR, spool.toString());
        values.put("kafka.bootstrap.servers", bootstrap);
        return values;
    }
}
