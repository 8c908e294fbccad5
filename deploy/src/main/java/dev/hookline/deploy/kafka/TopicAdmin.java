package dev.hookline.deploy.kafka;

import dev.hookline.deploy.HooklineException;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates and describes the catalogue's topics on a cluster. */
public final class TopicAdmin implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final String bootstrapServers;
    private final int brokerCount;

    private TopicAdmin(Admin admin, String bootstrapServers, int brokerCount) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.brokerCount = brokerCount;
    }

    /** Connects and checks that the cluster answers; fails with a message naming the address. */
    public static TopicAdmin connect(Properties clientProperties) {
        String bootstrap = clientProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Admin admin = Admin.create(clientProperties);
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return new TopicAdmin(admin, bootstrap, brokers);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new HooklineException("interrupted while connecting to Kafka at " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new HooklineException("cannot reach Kafka at " + bootstrap + " ("
                    + KafkaErrors.cause(e) + "); is the broker running? Set its address with --bootstrap-server", e);
        }
    }

    public int brokerCount() {
        return brokerCount;
    }

    /** What happened to one topic on create. */
    public record Created(String topic, boolean created) {
    }

    /** Creates every catalogue topic that does not exist yet; existing ones are left as they are. */
    public List<Created> createAll(String prefix, int partitions, Optional<Short> replicationFactor) {
        short replication = replicationFactor.orElse((short) Math.min(3, brokerCount));
        List<Created> outcomes = new ArrayList<>();
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(
                Topics.ALL.stream().map(spec -> spec.newTopic(prefix, partitions, Optional.of(replication))).toList()).values();
        for (TopicSpec<?> spec : Topics.ALL) {
            String name = spec.name(prefix);
            try {
                futures.get(name).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                outcomes.add(new Created(name, true));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    outcomes.add(new Created(name, false));
                } else {
                    throw new HooklineException("cannot create topic " + name + " on " + bootstrapServers + " ("
                            + KafkaErrors.cause(e) + ")", e);
                }
            } catch (TimeoutException e) {
                throw new HooklineException("Kafka at " + bootstrapServers + " did not answer creating " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HooklineException("interrupted while creating topics", e);
            }
        }
        return outcomes;
    }

    /** The settings a topic has on the cluster, or {@code exists=false}. */
    public record TopicInfo(TopicSpec<?> spec, String name, boolean exists, int partitions, int replicationFactor,
                            String cleanupPolicy, Optional<Duration> retention) {
    }

    public List<TopicInfo> describeAll(String prefix) {
        List<TopicInfo> infos = new ArrayList<>();
        List<String> names = Topics.ALL.stream().map(spec -> spec.name(prefix)).toList();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        for (TopicSpec<?> spec : Topics.ALL) {
            String name = spec.name(prefix);
            try {
                TopicDescription description = descriptions.get(name).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name)))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().iterator().next();
                String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                Optional<Duration> retention = cleanup.contains(TopicConfig.CLEANUP_POLICY_DELETE)
                        ? Optional.of(Duration.ofMillis(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value())))
                        : Optional.empty();
                infos.add(new TopicInfo(spec, name, true, description.partitions().size(),
                        description.partitions().get(0).replicas().size(), cleanup, retention));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    infos.add(new TopicInfo(spec, name, false, 0, 0, "", Optional.empty()));
                } else {
                    throw new HooklineException("cannot describe topic " + name + " on " + bootstrapServers + " ("
                            + KafkaErrors.cause(e) + ")", e);
                }
            } catch (TimeoutException e) {
                throw new HooklineException("Kafka at " + bootstrapServers + " did not answer describing " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HooklineException("interrupted while describing topics", e);
            }
        }
        return infos;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
