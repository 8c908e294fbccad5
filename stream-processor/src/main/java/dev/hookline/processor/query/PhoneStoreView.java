package dev.hookline.processor.query;

import dev.hookline.processor.ProcessorTopology;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.ServingPartitions;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on this instance's phone store, and where the other instances are. Kafka
 * Streams may be rebalancing at any time: a store that cannot be read right now throws
 * {@link NotQueryableException}, which the API answers with 503 and Retry-After.
 */
public final class PhoneStoreView {

    /** The store cannot answer now (starting, rebalancing, restoring). */
    public static final class NotQueryableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotQueryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Where a phone lives: the instance running its active task, and the store partition. */
    public record Owner(HostInfo host, int partition) {
    }

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final ServingPartitions serving;

    /**
     * @param streams the running application, or null while it is not started yet
     * @param self    this instance's {@code application.server}
     * @param serving the partitions whose active task here is restored and processing
     */
    public PhoneStoreView(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, ServingPartitions serving) {
        this.streams = streams;
        this.self = self;
        this.serving = serving;
    }

    public HostInfo self() {
        return self.get();
    }

    /** The instance whose active task holds this phone, if Kafka Streams knows it now. */
    public Optional<Owner> ownerOf(String deviceId) {
        KafkaStreams app = running();
        KeyQueryMetadata metadata = app.queryMetadataForKey(ProcessorTopology.PHONES_STORE, deviceId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        return Optional.of(new Owner(metadata.activeHost(), metadata.partition()));
    }

    /** Every instance that runs a task with the phone store (this one included). */
    public Collection<HostInfo> instances() {
        return assignment(running()).stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    /**
     * Which instance runs which partitions of the phone store.
     *
     * @throws NotQueryableException before this instance's first assignment. (Kafka Streams then
     *     answers with no instance at all, and a list over every phone used to come out empty with
     *     200: a processor just (re)started, still joining its group, told a live view there were no
     *     phones and no calls, and one forwarded to it answered its share as empty.)
     */
    private static Collection<StreamsMetadata> assignment(KafkaStreams app) {
        Collection<StreamsMetadata> instances = app.streamsMetadataForStore(ProcessorTopology.PHONES_STORE);
        if (instances.isEmpty()) {
            throw new NotQueryableException("the stream processor has no partitions assigned yet (joining its group)", null);
        }
        return instances;
    }

    /**
     * One phone from this instance's active task for its partition; empty only when that task
     * is restored and has no such phone.
     *
     * @throws NotQueryableException while the partition is restoring or not here (any more)
     */
    public Optional<PhoneState> localPhone(String deviceId, int partition) {
        requireServing(partition);
        try {
            return Optional.ofNullable(store(partition).get(deviceId));
        } catch (InvalidStateStoreException e) {
            throw new NotQueryableException("the phone store is not queryable now: " + e.getMessage(), e);
        }
    }

    /**
     * Every phone of this instance's active tasks, partition by partition.
     *
     * @throws NotQueryableException when one of them is still restoring: a partial list would lie
     */
    public void forEachLocalPhone(Consumer<PhoneState> action) {
        KafkaStreams app = running();
        Set<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata instance : assignment(app)) {
            if (instance.hostInfo().equals(self())) {
                instance.topicPartitions().forEach(partition -> partitions.add(partition.partition()));
            }
        }
        partitions.forEach(this::requireServing);
        for (int partition : partitions) {
            try (KeyValueIterator<String, PhoneState> all = store(partition).all()) {
                all.forEachRemaining(entry -> action.accept(entry.value));
            } catch (InvalidStateStoreException e) {
                throw new NotQueryableException("the phone store is not queryable now: " + e.getMessage(), e);
            }
        }
    }

    private void requireServing(int partition) {
        if (!serving.isServing(partition)) {
            throw new NotQueryableException("partition " + partition
                    + " of the phone store is being restored or moved on this instance", null);
        }
    }

    private ReadOnlyKeyValueStore<String, PhoneState> store(int partition) {
        try {
            return running().store(StoreQueryParameters.fromNameAndType(ProcessorTopology.PHONES_STORE,
                    QueryableStoreTypes.<String, PhoneState>keyValueStore()).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new NotQueryableException("the phone store is not queryable now: " + e.getMessage(), e);
        }
    }

    private KafkaStreams running() {
        KafkaStreams app = streams.get();
        if (app == null) {
            throw new NotQueryableException("the stream processor is starting", null);
        }
        KafkaStreams.State state = app.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new NotQueryableException("the stream processor is " + state, null);
        }
        return app;
    }
}
