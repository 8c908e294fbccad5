package dev.hookline.dispatcher.dispatch;

import org.apache.kafka.common.TopicPartition;

/** Where the engine reports each command record's end; implemented by the command consumer. */
public interface CompletionSink {

    /**
     * @param done true when the record needs nothing more (its result is acknowledged, or it had one
     *             already); false when it was abandoned and must be read again by its next owner
     */
    void completed(TopicPartition partition, long offset, boolean done);

    /** A result could not be written to Kafka: the dispatcher cannot go on safely. */
    void failed(Throwable error);
}
