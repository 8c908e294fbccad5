package dev.hookline.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    @Test
    void shouldHaveSafeDefaults() {
        DispatcherConfig config = new DispatcherConfig(Map.of());

        assertThat(config.getInt(DispatcherConfig.MANAGEMENT_PORT)).isEqualTo(8082);
        assertThat(config.getInt(DispatcherConfig.PHONE_PORT)).isEqualTo(80);
        assertThat(config.getDouble(DispatcherConfig.RATE_LIMIT)).isEqualTo(2.0);
        assertThat(config.getInt(DispatcherConfig.CONNECTIONS_PER_PHONE)).isEqualTo(1);
        assertThat(config.getInt(DispatcherConfig.MAX_IN_FLIGHT)).isEqualTo(5000);
        assertThat(config.defaultExpiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.getList(DispatcherConfig.ALLOWED_CIDRS)).contains("10.0.0.0/8", "192.168.0.0/16", "127.0.0.0/8");
        assertThat(config.secretsFile()).isEmpty();
        assertThat(config.https()).isFalse();
        assertThat(config.vendorDir()).isEmpty();
        assertThat(config.getString("yealink.login")).isEqualTo("basic");
    }

    @Test
    void shouldTakeTheUsersVendorFolder() {
        assertThat(new DispatcherConfig(Map.of(DispatcherConfig.VENDOR_DIR, "/etc/hookline/vendors")).vendorDir())
                .contains(java.nio.file.Path.of("/etc/hookline/vendors"));
    }

    @Test
    void shouldSplitKafkaSettingsByClientAndMaskSecrets() {
        DispatcherConfig config = new DispatcherConfig(Map.of(
                "kafka.bootstrap.servers", "k1:9092",
                "kafka.sasl.jaas.config", "ScramLoginModule required password=\"pw-987\";",
                "kafka.consumer.max.poll.records", "50",
                "kafka.producer.linger.ms", "20"));

        assertThat(config.kafka()).containsOnlyKeys("bootstrap.servers", "sasl.jaas.config");
        assertThat(config.kafkaConsumer()).containsEntry("max.poll.records", "50").doesNotContainKey("linger.ms");
        assertThat(config.kafkaProducer()).containsEntry("linger.ms", "20").doesNotContainKey("max.poll.records");
        assertThat(config.describe()).contains("bootstrap.servers=k1:9092").doesNotContain("pw-987")
                .contains("sasl.jaas.config=[hidden]");
    }

    @Test
    void shouldRefuseBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> new DispatcherConfig(Map.of(DispatcherConfig.PHONE_SCHEME, "ftp")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(DispatcherConfig.PHONE_SCHEME);
        assertThatThrownBy(() -> new DispatcherConfig(Map.of("yealink.login", "cookie")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("yealink.login");
        assertThatThrownBy(() -> new DispatcherConfig(Map.of(DispatcherConfig.BACKOFF_BASE_MS, "5000",
                DispatcherConfig.BACKOFF_MAX_MS, "100")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(DispatcherConfig.BACKOFF_MAX_MS);
    }
}
