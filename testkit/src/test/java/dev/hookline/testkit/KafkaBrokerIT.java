package dev.hookline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.testcontainers.DockerClientFactory;

/** The extension's contract: one real broker per JVM, handed to every test that asks. */
@WithKafka
class KafkaBrokerIT {

    private final KafkaBroker fromConstructor;

    KafkaBrokerIT(KafkaBroker fromConstructor) {
        this.fromConstructor = fromConstructor;
    }

    @Test
    void constructorAndMethodParametersGetTheOneSharedBroker(KafkaBroker fromMethod) {
        assertThat(fromMethod).isSameAs(fromConstructor).isSameAs(KafkaBroker.shared());
        assertThat(fromMethod.bootstrapServers()).isNotBlank();
    }

    @Nested
    class AnotherTestClass {
        @Test
        void getsTheSameBrokerToo(KafkaBroker broker) {
            assertThat(broker).isSameAs(fromConstructor);
        }
    }

    /** Without a configured broker the source depends on Docker only: in-JVM on this machine. */
    @Test
    @DisabledIfEnvironmentVariable(named = BrokerLauncher.ENV_VAR, matches = ".*\\S.*")
    @DisabledIfSystemProperty(named = BrokerLauncher.SYSTEM_PROPERTY, matches = ".*\\S.*")
    void startsItsOwnBrokerWhenNoneIsConfigured(KafkaBroker broker) {
        BrokerSource expected = DockerClientFactory.instance().isDockerAvailable()
                ? BrokerSource.TESTCONTAINERS : BrokerSource.IN_JVM;
        assertThat(broker.source()).isEqualTo(expected);
        assertThat(broker.startupTime()).isPositive();
    }

    @Test
    void createsTheWholeCatalogueWithItsConfigsUnderAUniquePrefix(KafkaBroker broker) throws Exception {
        String first = broker.createTopics("catalogue", 2);
        String second = broker.createTopics("catalogue", 2);
        assertThat(first).isNotEqualTo(second).startsWith("catalogue-");

        List<String> names = Topics.ALL.stream().map(spec -> spec.name(first)).toList();
        try (Admin admin = broker.adminClient()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources =
                    names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

            for (TopicSpec<?> spec : Topics.ALL) {
                String name = spec.name(first);
                assertThat(topics.get(name).partitions()).as(name).hasSize(2);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                spec.configs().forEach((key, value) ->
                        assertThat(config.get(key).value()).as("%s %s", name, key).isEqualTo(value));
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(spec.compacted() ? "compact" : "delete");
            }
        }
    }
}
