package dev.hookline.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPU contention for fault tests: one spinning thread per core, so the services under test run
 * as on a busy machine, where a thread can be descheduled between any two statements. Faults
 * that only show under load (a race between two threads) show here too.
 */
final class BusyCores implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    BusyCores(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::spin, "busy-core-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    static BusyCores onEveryCore() {
        return new BusyCores(Runtime.getRuntime().availableProcessors());
    }

    private void spin() {
        long sink = 0;
        while (running.get()) {
            // Work the JIT cannot remove, with a yield now and then so the machine stays usable.
            for (int i = 0; i < 1_000_000; i++) {
                sink += i * 31L ^ sink;
            }
            if (sink == 42) {
                System.out.print("");
            }
            Thread.yield();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
