package dev.hookline.gateway.publish;

import java.util.concurrent.CompletableFuture;

/** Stores one encoded raw request durably; the future completes once it is stored. */
public interface RawPublisher extends AutoCloseable {

    /** Completes when Kafka (or, later, the spool) holds the record; callbacks may run on any thread. */
    CompletableFuture<Void> publish(String key, byte[] value);

    /** Whether a request arriving now can be stored: for /health/ready. */
    boolean ready();

    @Override
    void close();
}
