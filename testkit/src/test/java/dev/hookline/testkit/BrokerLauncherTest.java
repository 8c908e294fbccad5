package dev.hookline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerLauncherTest {

    @Test
    void nothingConfiguredMeansStartOurOwn() {
        assertThat(BrokerLauncher.configuredBootstrapServers(Map.of(), new Properties())).isEmpty();
        assertThat(BrokerLauncher.configuredBootstrapServers(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "), new Properties()))
                .isEmpty();
    }

    @Test
    void environmentVariableNamesTheBroker() {
        assertThat(BrokerLauncher.configuredBootstrapServers(Map.of("KAFKA_BOOTSTRAP_SERVERS", "ci-kafka:9092"), new Properties()))
                .contains("ci-kafka:9092");
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("kafka.bootstrap.servers", " localhost:29092 ");
        assertThat(BrokerLauncher.configuredBootstrapServers(Map.of("KAFKA_BOOTSTRAP_SERVERS", "ci-kafka:9092"), properties))
                .contains("localhost:29092");
    }
}
