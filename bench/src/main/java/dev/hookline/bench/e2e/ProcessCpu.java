package dev.hookline.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the benchmark's processes (each with the processes it started, such as the broker
 * `hookline local` runs in a child JVM), read from /proc: user + system time, in milliseconds.
 * Named processes come from -Dpids=broker:123,gateway:456,...; the benchmark's own JVM is "load".
 */
final class ProcessCpu {

    private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    private final Map<String, Long> pids = new LinkedHashMap<>();

    private ProcessCpu(Map<String, Long> pids) {
        this.pids.putAll(pids);
    }

    static ProcessCpu fromProperty() {
        Map<String, Long> pids = new LinkedHashMap<>();
        String spec = System.getProperty("pids", "");
        for (String entry : spec.split(",")) {
            if (entry.contains(":")) {
                pids.put(entry.substring(0, entry.indexOf(':')), Long.parseLong(entry.substring(entry.indexOf(':') + 1)));
            }
        }
        pids.put("load", ProcessHandle.current().pid());
        return new ProcessCpu(pids);
    }

    /** CPU milliseconds so far, per name. */
    Map<String, Long> sample() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, treeMillis(pid)));
        return cpu;
    }

    /** Per name, CPU µs per event between two samples, as fields ({@code cpu_gateway_us=12.3 ...}). */
    static String perEvent(Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder fields = new StringBuilder();
        after.forEach((name, millis) -> fields.append(String.format(" cpu_%s_us=%.1f", name,
                (millis - before.getOrDefault(name, 0L)) * 1000.0 / Math.max(1, events))));
        return fields.toString().trim();
    }

    private static long treeMillis(long pid) {
        long total = ownMillis(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total += ownMillis(child.pid());
        }
        return total;
    }

    private static long ownMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
