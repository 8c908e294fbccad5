package dev.hookline.dispatcher.dispatch;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ordering core: one lane per device. A device's tasks run one at a time, in the order they
 * were submitted, each starting when the previous one's future completes (however it completes);
 * tasks of different devices run concurrently. A lane exists only while it has work.
 *
 * <p>Not thread-safe: confine it to one thread (the dispatcher's Vert.x context). Tasks that
 * complete at once are run in a loop, not by recursion, so a long lane cannot overflow the stack.
 */
public final class DeviceLanes {

    private final Map<String, ArrayDeque<Supplier<Future<?>>>> lanes = new HashMap<>();
    private int queued;

    /** Runs {@code task} now if the device's lane is idle, else after the tasks before it. */
    public void submit(String device, Supplier<Future<?>> task) {
        ArrayDeque<Supplier<Future<?>>> waiting = lanes.get(device);
        if (waiting != null) {
            waiting.addLast(task);
            queued++;
            return;
        }
        lanes.put(device, new ArrayDeque<>());
        runFrom(device, task);
    }

    private void runFrom(String device, Supplier<Future<?>> first) {
        Supplier<Future<?>> task = first;
        while (task != null) {
            Future<?> running = start(task);
            if (!running.isComplete()) {
                running.onComplete(done -> runFrom(device, next(device)));
                return;
            }
            task = next(device);
        }
    }

    private static Future<?> start(Supplier<Future<?>> task) {
        try {
            Future<?> running = task.get();
            return running == null ? Future.succeededFuture() : running;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** The device's next task, or null after closing its lane. */
    private Supplier<Future<?>> next(String device) {
        ArrayDeque<Supplier<Future<?>>> waiting = lanes.get(device);
        Supplier<Future<?>> next = waiting == null ? null : waiting.pollFirst();
        if (next == null) {
            lanes.remove(device);
        } else {
            queued--;
        }
        return next;
    }

    /** Devices with a task running. */
    public int activeDevices() {
        return lanes.size();
    }

    /** Tasks waiting behind a running one. */
    public int queued() {
        return queued;
    }
}
