package dev.hookline.dispatcher.kafka;

import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes one CommandResult per command to phone.command-results.v1, keyed by device id, with
 * the command's {@link SourcePosition} in a header.
 */
public final class ResultPublisher {

    private final Publisher publisher;
    private final String topic;
    private final ValueCodec<CommandResult> values;

    public ResultPublisher(Publisher publisher, String topic, ValueCodec<CommandResult> values) {
        this.publisher = publisher;
        this.topic = topic;
        this.values = values;
    }

    /** Completes when Kafka acknowledged the result; fails when it could not be written. */
    public CompletableFuture<Void> publish(CommandResult result, SourcePosition position) {
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(topic, result.getDeviceId(),
                    values.encode(topic, result));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        record.headers().add(SourcePosition.HEADER, position.encode());
        return publisher.send(record);
    }
}
