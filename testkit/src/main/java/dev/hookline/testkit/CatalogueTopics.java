package dev.hookline.testkit;

import dev.hookline.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates every topic of {@link Topics#ALL}, with its configs, under one prefix. */
final class CatalogueTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CatalogueTopics() {
    }

    static List<String> create(Admin admin, String prefix, int partitions) throws InterruptedException {
        // Replication left to the broker: 1 on the in-JVM and container brokers, whatever CI's has.
        List<NewTopic> topics = Topics.ALL.stream()
                .map(spec -> spec.newTopic(prefix, partitions, Optional.empty())).toList();
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try {
            admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitVisible(admin, names);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + names, e);
        }
        return names;
    }

    /**
     * The controller acknowledges creation before every broker has the new metadata; wait
     * until a broker describes them with a leader for every partition, so a test's first produce
     * or assign does not race it (a producer's first batches sent to a partition without its
     * leader yet can fail as out of order and never arrive).
     */
    private static void awaitVisible(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions of " + names + " still without a leader");
                }
                Thread.sleep(50);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
