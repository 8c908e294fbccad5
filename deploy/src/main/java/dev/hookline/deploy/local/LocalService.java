package dev.hookline.deploy.local;

/**
 * A Hookline service that local mode runs in its own process next to the broker (gateway,
 * processor, dispatcher). Each service's issue adds its own implementation.
 */
public interface LocalService extends AutoCloseable {

    /** A short name for the start-up banner, e.g. "ingest gateway". */
    String name();

    /** Starts against the broker and returns where it listens, e.g. "http://localhost:8080". */
    String start(String bootstrapServers, String topicPrefix);

    @Override
    void close();
}
