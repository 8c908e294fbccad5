package dev.hookline.testkit;

/** One started broker, whatever its source; {@link KafkaBroker} makes sure it is stopped once. */
interface RunningBroker {

    String bootstrapServers();

    BrokerSource source();

    void stop() throws Exception;
}
