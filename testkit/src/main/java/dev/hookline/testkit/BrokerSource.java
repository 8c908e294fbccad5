package dev.hookline.testkit;

/** Where the tests' Kafka broker comes from, in the order the sources are tried. */
public enum BrokerSource {
    /** A running broker named by {@code KAFKA_BOOTSTRAP_SERVERS} or {@code -Dkafka.bootstrap.servers}. */
    EXTERNAL,
    /** A Testcontainers Kafka container, when a Docker engine answers. */
    TESTCONTAINERS,
    /** A KRaft broker and controller inside the test JVM: needs nothing installed. */
    IN_JVM
}
