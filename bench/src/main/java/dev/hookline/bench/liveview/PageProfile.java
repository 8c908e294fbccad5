package dev.hookline.bench.liveview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Where the page's main thread spends its time: Chromium's sampling profiler (DevTools' Profiler
 * domain) over one step, summed by function, self and total (with what it calls) time. Only
 * when asked ({@code -Dliveview.profile=true}): the profiler slows the page down.
 */
final class PageProfile {

    /** One function's share of the samples, in ms. */
    record Function(String name, double selfMs, double totalMs) {
    }

    private final ChromeDriver driver;

    PageProfile(ChromeDriver driver) {
        this.driver = driver;
    }

    static boolean wanted() {
        return Boolean.getBoolean("liveview.profile");
    }

    void start() {
        driver.executeCdpCommand("Profiler.enable", Map.of());
        driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 1000));
        driver.executeCdpCommand("Profiler.start", Map.of());
    }

    /** Stops the profiler; the functions with the most total time first, at most {@code limit}. */
    List<Function> stop(int limit) {
        Map<?, ?> profile = (Map<?, ?>) driver.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
        List<?> nodes = (List<?>) profile.get("nodes");
        List<?> deltas = (List<?>) profile.get("timeDeltas");
        double msPerSample = deltas.stream().mapToDouble(d -> ((Number) d).doubleValue()).sum() / 1000.0 / Math.max(1, deltas.size());
        Map<Long, Map<?, ?>> byId = new HashMap<>();
        for (Object node : nodes) {
            byId.put(((Number) ((Map<?, ?>) node).get("id")).longValue(), (Map<?, ?>) node);
        }
        Map<String, double[]> functions = new LinkedHashMap<>();
        walk(byId, ((Number) ((Map<?, ?>) nodes.get(0)).get("id")).longValue(), new ArrayList<>(), functions, msPerSample);
        return functions.entrySet().stream().map(e -> new Function(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted((a, b) -> Double.compare(b.totalMs(), a.totalMs())).limit(limit).toList();
    }

    /** Adds the node's samples to its function's self time, and to the total of every distinct function on its stack. */
    private static double walk(Map<Long, Map<?, ?>> byId, long id, List<String> stack, Map<String, double[]> functions,
                               double msPerSample) {
        Map<?, ?> node = byId.get(id);
        Map<?, ?> frame = (Map<?, ?>) node.get("callFrame");
        String url = String.valueOf(frame.get("url"));
        String function = String.valueOf(frame.get("functionName"));
        String name = (function.isEmpty() ? "(anonymous)" : function) + (url.isEmpty() ? ""
                : " " + url.substring(url.lastIndexOf('/') + 1) + ":" + (((Number) frame.get("lineNumber")).intValue() + 1));
        double self = ((Number) node.get("hitCount")).doubleValue() * msPerSample;
        functions.computeIfAbsent(name, key -> new double[2])[0] += self;
        double total = self;
        stack.add(name);
        Object children = node.get("children");
        if (children != null) {
            for (Object child : (List<?>) children) {
                total += walk(byId, ((Number) child).longValue(), stack, functions, msPerSample);
            }
        }
        stack.remove(stack.size() - 1);
        if (!stack.contains(name)) {
            functions.get(name)[1] += total;
        }
        return total;
    }
}
