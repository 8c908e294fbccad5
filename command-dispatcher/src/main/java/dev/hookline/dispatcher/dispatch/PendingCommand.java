package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.kafka.SourcePosition;
import dev.hookline.schema.PhoneCommand;
import org.apache.kafka.common.TopicPartition;

/**
 * A command read from Kafka and not yet answered.
 *
 * @param partition   where it was read
 * @param offset      its offset there
 * @param command     the command
 * @param readAtNanos when the dispatcher read it ({@link System#nanoTime()}), for the latency metric
 */
public record PendingCommand(TopicPartition partition, long offset, PhoneCommand command, long readAtNanos) {

    public SourcePosition position() {
        return new SourcePosition(partition.partition(), offset);
    }
}
