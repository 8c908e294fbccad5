package dev.hookline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** What one run measured, and the helpers to measure it: percentiles and CPU time. */
final class RunMeasures {

    private RunMeasures() {
    }

    /** p50, p99 and max of the values that are not negative (negative: not measured). */
    record Spread(int count, long p50, long p99, long max) {

        static Spread of(long[] values) {
            long[] sorted = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
            int n = sorted.length;
            if (n == 0) {
                return new Spread(0, -1, -1, -1);
            }
            return new Spread(n, sorted[(n - 1) / 2], sorted[(int) Math.ceil(n * 0.99) - 1], sorted[n - 1]);
        }

        String fields(String name) {
            return String.format("%s_n=%d %s_p50=%d %s_p99=%d %s_max=%d", name, count, name, p50, name, p99, name, max);
        }
    }

    /** Counts of results by status, e.g. {@code DELIVERED:20000}. */
    static String statuses(Iterable<String> statuses) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        statuses.forEach(status -> counts.merge(status, 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((status, count) -> out.append(out.length() == 0 ? "" : ",").append(status).append(':').append(count));
        return out.length() == 0 ? "none" : out.toString();
    }

    /**
     * CPU time of the threads a component starts (the dispatcher's event loops, Kafka clients and
     * workers, or the direct sender's event loops): threads alive now are "before"; threads that
     * appear later, except the benchmark's own (named bench...) and the JIT's, are the
     * component's. GC threads are not Java threads and are not counted.
     */
    static final class ThreadCpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final Set<Long> before = new HashSet<>();
        private Map<Long, Long> atStart = Map.of();

        ThreadCpu() {
            for (long id : THREADS.getAllThreadIds()) {
                before.add(id);
            }
        }

        /** Marks the start of the measured interval (threads started before it count from here). */
        void start() {
            atStart = componentThreads();
        }

        /** CPU time of the component's threads since {@link #start()}. */
        Duration elapsed() {
            long total = 0;
            for (Map.Entry<Long, Long> thread : componentThreads().entrySet()) {
                total += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
            }
            return Duration.ofNanos(total);
        }

        /** The component's busiest thread since {@link #start()}: its name and its CPU share of {@code wallMillis}, e.g. {@code dispatcher-commands:41%}. */
        String busiest(long wallMillis) {
            Map<Long, Long> now = componentThreads();
            long bestId = -1;
            long best = -1;
            for (Map.Entry<Long, Long> thread : now.entrySet()) {
                long used = thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
                if (used > best) {
                    best = used;
                    bestId = thread.getKey();
                }
            }
            ThreadInfo info = bestId < 0 ? null : THREADS.getThreadInfo(bestId);
            String name = info == null ? "none" : info.getThreadName().replaceAll("[\\s|=]+", "-");
            return String.format("%s:%.0f%%", name, best * 100.0 / 1e6 / Math.max(1, wallMillis));
        }

        private Map<Long, Long> componentThreads() {
            Map<Long, Long> cpu = new HashMap<>();
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null || before.contains(ids[i])) {
                    continue;
                }
                String name = infos[i].getThreadName();
                if (name.contains("bench") || name.contains("CompilerThread")) {
                    continue;
                }
                long time = THREADS.getThreadCpuTime(ids[i]);
                if (time >= 0) {
                    cpu.put(ids[i], time);
                }
            }
            return cpu;
        }
    }

    /** User + system CPU time of a process and its descendants so far (zero when it cannot be read). */
    static Duration processCpu(Optional<ProcessHandle> process) {
        if (process.isEmpty()) {
            return Duration.ZERO;
        }
        Duration total = process.get().info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : (Iterable<ProcessHandle>) process.get().descendants()::iterator) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    static String micros(Duration cpu, int commands) {
        return String.format("%.0f", cpu.toNanos() / 1000.0 / commands);
    }
}
