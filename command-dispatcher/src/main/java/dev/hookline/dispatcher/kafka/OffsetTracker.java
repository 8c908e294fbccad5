package dev.hookline.dispatcher.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per-partition contiguous completion of the commands consumed: what may be committed so that
 * no command before the committed offset is still without a published result. Confined to the
 * consumer's thread.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    public void add(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, ignored -> new PartitionOffsets()).add(offset);
    }

    /** Marks a record done (its result acknowledged, or nothing to publish); unknown partitions are ignored. */
    public void complete(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        if (offsets != null) {
            offsets.complete(offset);
        }
    }

    /** Finishes a record that was not processed; commits never pass it. */
    public void abandon(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        if (offsets != null) {
            offsets.abandon(offset);
        }
    }

    /** Records of these partitions handed out and neither done nor abandoned. */
    public int unfinished(Collection<TopicPartition> of) {
        int unfinished = 0;
        for (TopicPartition partition : of) {
            PartitionOffsets offsets = partitions.get(partition);
            unfinished += offsets == null ? 0 : offsets.unfinished();
        }
        return unfinished;
    }

    /** Offsets that moved since the last call, for a periodic commit; the caller commits them. */
    public Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
        return collect(partitions.keySet(), PartitionOffsets::committable);
    }

    /** Every partition's commit position, moved or not, for a final commit. */
    public Map<TopicPartition, OffsetAndMetadata> positions(Collection<TopicPartition> of) {
        return collect(of, PartitionOffsets::position);
    }

    private Map<TopicPartition, OffsetAndMetadata> collect(Collection<TopicPartition> of,
                                                           Function<PartitionOffsets, OptionalLong> offsetOf) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : List.copyOf(of)) {
            PartitionOffsets offsets = partitions.get(partition);
            if (offsets != null) {
                offsetOf.apply(offsets).ifPresent(offset -> {
                    commit.put(partition, new OffsetAndMetadata(offset));
                    offsets.committed(offset);
                });
            }
        }
        return commit;
    }

    /** Forgets partitions no longer owned; their later completions are ignored. */
    public void remove(Collection<TopicPartition> removed) {
        removed.forEach(partitions::remove);
    }

    public java.util.Set<TopicPartition> partitions() {
        return java.util.Set.copyOf(partitions.keySet());
    }
}
