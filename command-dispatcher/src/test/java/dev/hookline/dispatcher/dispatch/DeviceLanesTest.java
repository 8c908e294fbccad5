package dev.hookline.dispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceLanesTest {

    private final DeviceLanes lanes = new DeviceLanes();
    private final List<String> started = new ArrayList<>();
    private final Map<String, Promise<Void>> running = new HashMap<>();

    /** A task that records its start and runs until the test completes it. */
    private void submit(String device, String task) {
        lanes.submit(device, () -> {
            started.add(task);
            Promise<Void> done = Promise.promise();
            running.put(task, done);
            return done.future();
        });
    }

    @Test
    void shouldRunOneDevicesTasksOneAtATimeInOrder() {
        submit("a", "a1");
        submit("a", "a2");
        submit("a", "a3");

        assertThat(started).containsExactly("a1");
        running.get("a1").complete();
        assertThat(started).containsExactly("a1", "a2");
        running.get("a2").fail("the phone said no");
        assertThat(started).as("a failed task still frees the lane").containsExactly("a1", "a2", "a3");
        running.get("a3").complete();
        assertThat(lanes.activeDevices()).isZero();
        assertThat(lanes.queued()).isZero();
    }

    @Test
    void shouldRunDifferentDevicesConcurrentlyWhileOneIsSlow() {
        submit("slow", "s1");
        submit("slow", "s2");
        for (int i = 0; i < 100; i++) {
            submit("phone-" + i, "p" + i);
        }

        assertThat(started).hasSize(101).contains("s1", "p0", "p99").doesNotContain("s2");
        assertThat(lanes.activeDevices()).isEqualTo(101);
        assertThat(lanes.queued()).isEqualTo(1);
        running.get("p5").complete();
        assertThat(lanes.activeDevices()).isEqualTo(100);
    }

    @Test
    void shouldRunALongLaneOfInstantTasksWithoutDeepRecursion() {
        Promise<Void> first = Promise.promise();
        lanes.submit("a", first::future);
        int[] ran = {0};
        for (int i = 0; i < 100_000; i++) {
            lanes.submit("a", () -> {
                ran[0]++;
                return Future.succeededFuture();
            });
        }

        first.complete();

        assertThat(ran[0]).isEqualTo(100_000);
        assertThat(lanes.activeDevices()).isZero();
    }

    @Test
    void shouldMoveOnWhenATaskThrows() {
        lanes.submit("a", () -> {
            throw new IllegalStateException("boom");
        });
        submit("a", "a2");

        assertThat(started).containsExactly("a2");
    }
}
