package dev.hookline.deploy;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor that holds each record until the test lets it go: a gateway whose way
 * to Kafka is slow, for tests ({@code kafka.interceptor.classes}), slow for exactly as long as the
 * test needs, however busy the machine. It runs on the gateway's send thread, so it keeps that
 * gateway's records in order. One test at a time uses it (its state is static).
 */
public final class HoldingInterceptor implements ProducerInterceptor<Object, Object> {

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final Semaphore RELEASES = new Semaphore(0);

    /** Records that have reached the interceptor so far. */
    static int held() {
        return HELD.get();
    }

    /** Lets the oldest held record go on to Kafka. */
    static void releaseOne() {
        RELEASES.release();
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        HELD.incrementAndGet();
        try {
            // Bounded, so a test that fails before releasing cannot hang the gateway's close.
            RELEASES.tryAcquire(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
