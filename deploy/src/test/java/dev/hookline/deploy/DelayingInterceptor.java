package dev.hookline.deploy;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor that holds every record one second before the producer takes it: a
 * gateway with a slow way to Kafka, for tests ({@code kafka.interceptor.classes}). It runs on the
 * gateway's send thread, so it delays that gateway's records and keeps their order.
 */
public final class DelayingInterceptor implements ProducerInterceptor<Object, Object> {

    static final long DELAY_MILLIS = 1000;

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        try {
            Thread.sleep(DELAY_MILLIS);
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
