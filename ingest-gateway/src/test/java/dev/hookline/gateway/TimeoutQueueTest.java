package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutQueueTest {

    /** A watched thing that records its expiry. */
    private static final class Flag implements TimeoutQueue.Watched {
        private final String name;
        private final List<String> expired;
        boolean settled;

        Flag(String name, List<String> expired) {
            this.name = name;
            this.expired = expired;
        }

        @Override
        public boolean settled() {
            return settled;
        }

        @Override
        public void expire() {
            expired.add(name);
        }
    }

    @Test
    void shouldExpireOnlyWhatIsDueAndUnsettledOldestFirst() {
        List<String> expired = new ArrayList<>();
        TimeoutQueue queue = new TimeoutQueue(Duration.ofSeconds(1));
        long start = System.nanoTime();
        Flag first = new Flag("first", expired);
        Flag second = new Flag("second", expired);
        Flag third = new Flag("third", expired);
        queue.watch(first);
        queue.watch(second);
        queue.watch(third);
        second.settled = true;

        assertThat(queue.expireDue(start)).isZero();
        assertThat(expired).isEmpty();

        long later = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        assertThat(queue.expireDue(later)).isEqualTo(2);
        assertThat(expired).containsExactly("first", "third");
        // Each expires once: a second tick finds nothing left.
        assertThat(queue.expireDue(later + Duration.ofSeconds(5).toNanos())).isZero();
        assertThat(expired).containsExactly("first", "third");
    }

    @Test
    void shouldStopAtTheFirstEntryNotYetDue() throws InterruptedException {
        List<String> expired = new ArrayList<>();
        TimeoutQueue queue = new TimeoutQueue(Duration.ofMillis(100));
        queue.watch(new Flag("old", expired));
        long oldDue = System.nanoTime() + Duration.ofMillis(100).toNanos();
        Thread.sleep(5);
        queue.watch(new Flag("new", expired));

        assertThat(queue.expireDue(oldDue)).isEqualTo(1);
        assertThat(expired).containsExactly("old");
    }

    @Test
    void shouldTickAtATwentiethOfTheTimeOutWithinBounds() {
        assertThat(TimeoutQueue.tickFor(Duration.ofMillis(1900))).isEqualTo(Duration.ofMillis(95));
        assertThat(TimeoutQueue.tickFor(Duration.ofMillis(40))).isEqualTo(Duration.ofMillis(5));
        assertThat(TimeoutQueue.tickFor(Duration.ofMinutes(5))).isEqualTo(Duration.ofMillis(100));
    }
}
