package dev.hookline.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;

/** Picks the broker for this JVM: a configured one, else a container, else one in the JVM. */
final class BrokerLauncher {

    static final String ENV_VAR = "KAFKA_BOOTSTRAP_SERVERS";
    static final String SYSTEM_PROPERTY = "kafka.bootstrap.servers";

    private BrokerLauncher() {
    }

    static RunningBroker launch() throws Exception {
        Optional<String> configured = configuredBootstrapServers(System.getenv(), System.getProperties());
        if (configured.isPresent()) {
            return new ExternalBroker(configured.get());
        }
        // Answers false in about 0.5 s, without throwing, where there is no Docker engine.
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ContainerBroker.start();
        }
        return InJvmBroker.start();
    }

    /** The system property wins over the environment: it is the more local, per-run choice. */
    static Optional<String> configuredBootstrapServers(Map<String, String> env, Properties systemProperties) {
        return nonBlank(systemProperties.getProperty(SYSTEM_PROPERTY)).or(() -> nonBlank(env.get(ENV_VAR)));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
