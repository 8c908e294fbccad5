package dev.hookline.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("commands", 0);
    private static final TopicPartition P1 = new TopicPartition("commands", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    private static Map<TopicPartition, OffsetAndMetadata> commit(TopicPartition partition, long offset) {
        return Map.of(partition, new OffsetAndMetadata(offset));
    }

    @Test
    void shouldCommitOnlyPastTheLongestDonePrefix() {
        for (long offset = 10; offset < 15; offset++) {
            tracker.add(P0, offset);
        }

        tracker.complete(P0, 12);
        tracker.complete(P0, 13);
        assertThat(tracker.takeCommittable()).as("10 is still running").isEmpty();

        tracker.complete(P0, 10);
        assertThat(tracker.takeCommittable()).isEqualTo(commit(P0, 11));

        tracker.complete(P0, 11);
        assertThat(tracker.takeCommittable()).as("11, then the already done 12 and 13").isEqualTo(commit(P0, 14));
        assertThat(tracker.unfinished(List.of(P0))).isEqualTo(1);
    }

    @Test
    void shouldOfferAnOffsetOnceButKeepItAsTheFinalPosition() {
        tracker.add(P0, 0);
        tracker.complete(P0, 0);

        assertThat(tracker.takeCommittable()).isEqualTo(commit(P0, 1));
        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.positions(List.of(P0))).isEqualTo(commit(P0, 1));
    }

    @Test
    void shouldNeverCommitPastAnAbandonedRecord() {
        tracker.add(P0, 0);
        tracker.add(P0, 1);
        tracker.add(P0, 2);

        tracker.complete(P0, 0);
        tracker.abandon(P0, 1);
        tracker.complete(P0, 2);

        assertThat(tracker.unfinished(List.of(P0))).isZero();
        assertThat(tracker.positions(List.of(P0))).as("1 is read again by the next owner").isEqualTo(commit(P0, 1));
    }

    @Test
    void shouldSkipGapsInOffsets() {
        // Transaction markers take offsets the consumer never returns.
        tracker.add(P0, 3);
        tracker.add(P0, 5);
        tracker.complete(P0, 5);
        tracker.complete(P0, 3);

        assertThat(tracker.takeCommittable()).isEqualTo(commit(P0, 6));
    }

    @Test
    void shouldKeepPartitionsApartAndForgetRemovedOnes() {
        tracker.add(P0, 0);
        tracker.add(P1, 0);
        tracker.complete(P1, 0);

        assertThat(tracker.takeCommittable()).isEqualTo(commit(P1, 1));

        tracker.remove(List.of(P0));
        tracker.complete(P0, 0);
        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.unfinished(List.of(P0, P1))).isZero();
    }
}
