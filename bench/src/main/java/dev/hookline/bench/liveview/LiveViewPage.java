package dev.hookline.bench.liveview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in Debian's headless Chromium (through Debian's chromedriver: nothing is
 * downloaded; the same setup as deploy's LiveViewBrowserIT), at a fixed window size, with probes
 * added to every page before its own scripts run ({@code live-view-probes.js}): when a watched
 * tile first shows a state, and how often the page fetched the snapshot. The CPU the page took
 * comes from Chromium's own counters (DevTools' Performance domain, in thread time: on a shared
 * machine, what the page costs rather than how long it waited for a core).
 */
final class LiveViewPage implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** One fresh load of the page, from navigation start (ms since the page's time origin). */
    record FirstRender(double firstRenderMs, double snapshotRequestedMs, double snapshotReceivedMs, long snapshotBytes,
                       long tilesInDom, long elementsInDom, String counts) {
    }

    /** The page's counters and Chromium's main-thread totals at one moment. */
    record Sample(long atMillis, long eventsApplied, long renders, long snapshotFetches, double taskSeconds,
                  double scriptSeconds, double layoutSeconds, double styleSeconds, long heapBytes) {
    }

    private final ChromeDriver driver;

    LiveViewPage(int width, int height) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium and its driver are needed: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Precise heap figures, and gc() so that the heap is measured without garbage.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--no-first-run", "--disable-extensions",
                "--enable-precise-memory-info", "--js-flags=--expose-gc");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        driver = new ChromeDriver(options);
        // A page whose main thread is stuck this long counts as not answering (RateStep), rather than stopping the run.
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        String probes = new String(LiveViewPage.class.getResourceAsStream("live-view-probes.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", probes));
        driver.executeCdpCommand("Performance.enable", Map.of("timeDomain", "threadTicks"));
    }

    /** A fresh load of the page (from a blank one), waiting until it has drawn the snapshot with {@code lines} lines. */
    FirstRender load(String url, int lines) {
        driver.get("about:blank");
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(20)).until(d -> script(
                "return window.hookline && window.hookline.stats.firstRenderMs !== null"
                        + " && window.hookline.model.lines.size >= arguments[0];", lines));
        Map<String, Object> found = map(script("""
                const stats = window.hookline.stats;
                const phones = performance.getEntriesByType('resource').find(e => e.name.includes('/api/phones'));
                return { firstRenderMs: stats.firstRenderMs, requested: phones ? phones.startTime : -1,
                  received: phones ? phones.responseEnd : -1, bytes: phones ? phones.decodedBodySize : -1,
                  tiles: document.querySelectorAll('#tiles .tile').length,
                  elements: document.getElementsByTagName('*').length,
                  counts: document.getElementById('counts').textContent };
                """));
        return new FirstRender(number(found, "firstRenderMs"), number(found, "requested"), number(found, "received"),
                (long) number(found, "bytes"), (long) number(found, "tiles"), (long) number(found, "elements"),
                String.valueOf(found.get("counts")));
    }

    /** Types {@code text} into the page's filter (empty: no filter), as an operator would. */
    void filter(String text) {
        script("const f = document.getElementById('filter'); f.value = arguments[0];"
                + " f.dispatchEvent(new Event('input'));", text);
    }

    /** The key of the tile showing this phone, if it is in the DOM (in sight). */
    String tileKey(String deviceId) {
        Object key = script("const t = document.querySelector(`#tiles .tile[data-device='${arguments[0]}']`);"
                + " return t ? t.dataset.key : null;", deviceId);
        return key == null ? null : key.toString();
    }

    String tileState(String key) {
        return String.valueOf(script("const t = [...document.querySelectorAll('#tiles .tile')]"
                + ".find(t => t.dataset.key === arguments[0]); return t ? t.dataset.state : null;", key));
    }

    /** From now on, notes the wall-clock time when the tile {@code key} first shows {@code state}, as watch {@code id}. */
    void watch(long id, String key, String state) {
        script("window.__bench.watch(arguments[0], arguments[1], arguments[2]);", id, key, state);
    }

    /** Watches seen so far: id to the wall-clock millis (Date.now()) when the tile showed the state. */
    Map<Long, Long> seen() {
        Map<Long, Long> result = new HashMap<>();
        map(script("return window.__bench.seen;")).forEach((id, at) -> result.put(Long.parseLong(id), ((Number) at).longValue()));
        return result;
    }

    Sample sample(boolean collectGarbage) {
        Map<String, Object> page = map(script("""
                if (arguments[0] && window.gc) window.gc();
                const s = window.hookline.stats;
                return { at: Date.now(), applied: s.eventsApplied, renders: s.renders, fetches: window.__bench.snapshots,
                  heap: performance.memory ? performance.memory.usedJSHeapSize : -1 };
                """, collectGarbage));
        Map<String, Double> metrics = new HashMap<>();
        Object list = driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
        for (Object metric : (List<?>) list) {
            Map<?, ?> entry = (Map<?, ?>) metric;
            metrics.put(String.valueOf(entry.get("name")), ((Number) entry.get("value")).doubleValue());
        }
        return new Sample((long) number(page, "at"), (long) number(page, "applied"), (long) number(page, "renders"),
                (long) number(page, "fetches"), metrics.getOrDefault("TaskDuration", -1.0),
                metrics.getOrDefault("ScriptDuration", -1.0), metrics.getOrDefault("LayoutDuration", -1.0),
                metrics.getOrDefault("RecalcStyleDuration", -1.0), (long) number(page, "heap"));
    }

    /** Chromium's sampling profiler on this page. */
    PageProfile profiler() {
        return new PageProfile(driver);
    }

    private Object script(String source, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(source, args);
    }

    private static Map<String, Object> map(Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) value;
        return result;
    }

    private static double number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
