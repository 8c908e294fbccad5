package dev.hookline.processor.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of the phone store whose active task on this instance is restored and
 * processing. Kafka Streams' interactive queries also return the store of an active task still
 * restoring its changelog, where a phone not restored yet reads as absent: the query API asks
 * here first, so such a phone is "not available now" (503), never "never seen" (404).
 *
 * <p>The phone processor marks its partition when Kafka Streams initializes it (after
 * restoration) and unmarks it when Kafka Streams closes it (suspension, revocation, or a dirty
 * close before the task is restored again).
 */
public final class ServingPartitions {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

    public void serving(int partition) {
        partitions.add(partition);
    }

    public void stopped(int partition) {
        partitions.remove(partition);
    }

    public boolean isServing(int partition) {
        return partitions.contains(partition);
    }
}
