package dev.hookline.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka broker of this test JVM, started on first use and shared by every test
 * (a cold in-JVM start costs seconds; a topic prefix per test keeps tests apart instead).
 * Get it from {@link #shared()} or as a parameter of a {@link WithKafka} test.
 */
public final class KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9-]{1,100}");

    private static KafkaBroker shared;

    private final RunningBroker running;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(RunningBroker running, Duration startupTime) {
        this.running = running;
        this.startupTime = startupTime;
    }

    /** The broker of this JVM, started on the first call; stopped when the test run (or JVM) ends. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
            // Fallback for use outside JUnit; under JUnit, KafkaExtension closes it first.
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly, "kafka-broker-shutdown"));
        }
        if (shared.closed.get()) {
            throw new IllegalStateException("The shared Kafka broker has already been stopped");
        }
        return shared;
    }

    private static KafkaBroker start() {
        long started = System.nanoTime();
        RunningBroker running;
        try {
            running = BrokerLauncher.launch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a Kafka broker for tests", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a Kafka broker for tests", e);
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker for tests: {} at {}, ready in {} ms",
                running.source(), running.bootstrapServers(), startupTime.toMillis());
        return new KafkaBroker(running, startupTime);
    }

    public String bootstrapServers() {
        return running.bootstrapServers();
    }

    public BrokerSource source() {
        return running.source();
    }

    /** From the start request to a broker ready for clients (0 for an external one, give or take). */
    public Duration startupTime() {
        return startupTime;
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin adminClient() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates every topic of {@code Topics.ALL} with its configs under a new unique prefix made
     * from {@code prefix}, and waits until they are usable.
     *
     * @param prefix     letters, digits and '-', to tell whose topics they are
     * @param partitions partitions of each topic
     * @return the unique prefix: a topic's name is {@code spec.name(returnedPrefix)}
     */
    public String createTopics(String prefix, int partitions) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must match " + PREFIX + ": " + prefix);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        String unique = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = adminClient()) {
            List<String> names = CatalogueTopics.create(admin, unique, partitions);
            LOG.debug("Created {}", names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + unique + "*", e);
        }
        return unique;
    }

    /** Idempotent, acks=all producer settings, bounded so a broken broker fails a test in seconds. */
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: with several, a first batch refused as NOT_LEADER_OR_FOLLOWER on a
        // new partition can be overtaken by the next, and then never lands (OUT_OF_ORDER_SEQUENCE).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    /** {@link #producerProps()} plus a transactional id. */
    public Map<String, Object> transactionalProducerProps(String transactionalId) {
        Map<String, Object> props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        return props;
    }

    /** Consumer settings: from the earliest offset, no auto-commit, read_committed as the services read. */
    public Map<String, Object> consumerProps(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    /** Stops the broker the first time only (a second close of the in-JVM kit throws). */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            running.stop();
            LOG.info("Kafka broker for tests stopped ({})", source());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("The Kafka broker did not stop cleanly", e);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the Kafka broker at JVM exit failed", e);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + source() + " " + bootstrapServers() + "]";
    }
}
