package dev.hookline.testkit;

import org.testcontainers.kafka.KafkaContainer;

/** A single-node KRaft broker in a Docker container (Testcontainers' own settings: replication 1). */
final class ContainerBroker implements RunningBroker {

    /** Overridable so a newer image can be tried without a release of the testkit. */
    static final String IMAGE = System.getProperty("kafka.testcontainers.image", "apache/kafka:4.1.0");

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static ContainerBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public BrokerSource source() {
        return BrokerSource.TESTCONTAINERS;
    }

    @Override
    public void stop() {
        container.stop();
    }
}
