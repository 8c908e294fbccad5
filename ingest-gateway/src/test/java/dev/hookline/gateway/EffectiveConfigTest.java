package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.service.config.EffectiveConfig;
import dev.hookline.gateway.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveConfigTest {

    @Test
    void shouldMaskTheTokenAndKafkaSecretsButShowTheRest() {
        GatewayConfig config = new GatewayConfig(Map.of(
                GatewayConfig.SECURITY_TOKEN, "tok-123456",
                GatewayConfig.HTTP_PORT, "9999",
                "kafka.bootstrap.servers", "kafka-1:9093",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required password=\"pw-987\";",
                "kafka.ssl.key.password", "kp-555"));

        String described = EffectiveConfig.describe(config, GatewayConfig.KAFKA_PREFIX);

        assertThat(described).contains("http.port=9999").contains("bootstrap.servers=kafka-1:9093")
                .doesNotContain("tok-123456").doesNotContain("pw-987").doesNotContain("kp-555")
                .contains("security.token=[hidden]").contains("sasl.jaas.config=[hidden]");
    }
}
