package dev.hookline.processor.query;

import dev.hookline.processor.ProcessorTopology;
import dev.hookline.processor.state.PhoneState;
import java.util.Collection;
import java.util.Optional;
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

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;

    /**
     * @param streams the running application, or null while it is not started yet
     * @param self    this instance's {@code application.server}
     */
    public PhoneStoreView(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    public HostInfo self() {
        return self.get();
    }

    /** The instance whose active task holds this phone, if Kafka Streams knows it now. */
    public Optional<HostInfo> ownerOf(String deviceId) {
        KafkaStreams app = running();
        KeyQueryMetadata metadata = app.queryMetadataForKey(ProcessorTopology.PHONES_STORE, deviceId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
    }

    /** Every instance that runs a task with the phone store (this one included). */
    public Collection<HostInfo> instances() {
        return running().streamsMetadataForStore(ProcessorTopology.PHONES_STORE).stream()
                .map(StreamsMetadata::hostInfo).distinct().toList();
    }

    /** One phone from this instance's active tasks. */
    public Optional<PhoneState> localPhone(String deviceId) {
        try {
            return Optional.ofNullable(store().get(deviceId));
        } catch (InvalidStateStoreException e) {
            throw new NotQueryableException("the phone store is not queryable now: " + e.getMessage(), e);
        }
    }

    /** Every phone of this instance's active tasks. */
    public void forEachLocalPhone(Consumer<PhoneState> action) {
        try (KeyValueIterator<String, PhoneState> all = store().all()) {
            all.forEachRemaining(entry -> action.accept(entry.value));
        } catch (InvalidStateStoreException e) {
            throw new NotQueryableException("the phone store is not queryable now: " + e.getMessage(), e);
        }
    }

    private ReadOnlyKeyValueStore<String, PhoneState> store() {
        try {
            return running().store(StoreQueryParameters.fromNameAndType(ProcessorTopology.PHONES_STORE,
                    QueryableStoreTypes.<String, PhoneState>keyValueStore()));
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
