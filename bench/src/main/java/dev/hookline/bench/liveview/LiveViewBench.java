package dev.hookline.bench.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.SchemaTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The live view with many lines (issue 15: "usable at 10,000 lines"): PHONES Yealink phones of
 * one line each registered straight into phone.raw.v1 of a running processor, then the page in
 * headless Chromium: time to first render over LOADS fresh loads (and /api/phones alone, with a
 * plain HTTP client), how many tiles the DOM holds, the JS heap; then calls at each offered rate
 * of RATES raw events/s for SECONDS each (and a quiet step first): events the page applied and
 * frames it drew per second against what the processor sent, the main thread's CPU, and the time
 * from a marker event (DND on one of the first tiles' phones) to its tile showing it. Prints
 * RESULT lines for bench/liveview.sh. A rate written {@code 1000f} runs with a filter typed that
 * every line matches (the page then filters all lines on every frame with news).
 * Bounded: PHONES registrations, RATES x SECONDS of calls.
 * Usage: LiveViewBench BOOTSTRAP QUERY_PORT PHONES RATES SECONDS LOADS
 */
public final class LiveViewBench {

    private static final int MARKERS = 5;
    private static final int QUIET_SECONDS = 10;
    private static final String FILTER = "pbx";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveViewBench() {
    }

    public static void main(String[] args) throws Exception {
        SchemaTrust.install();
        String bootstrap = args[0];
        String base = "http://127.0.0.1:" + Integer.parseInt(args[1]);
        int phones = Integer.parseInt(args[2]);
        List<String> rates = Arrays.asList(args[3].split(","));
        int seconds = Integer.parseInt(args[4]);
        int loads = Integer.parseInt(args[5]);
        try (YealinkPhones raw = new YealinkPhones(bootstrap)) {
            long start = System.nanoTime();
            raw.registerAll(phones);
            double sent = (System.nanoTime() - start) / 1e9;
            awaitPhones(base, phones);
            System.out.printf("RESULT name=load phones=%d sent_s=%.1f listed_s=%.1f%n", phones, sent,
                    (System.nanoTime() - start) / 1e9);
            for (int i = 1; i <= loads; i++) {
                long at = System.nanoTime();
                HttpResponse<byte[]> response = phonesSnapshot(base);
                System.out.printf("RESULT name=snapshot round=%d ms=%.0f bytes=%d%n", i, (System.nanoTime() - at) / 1e6,
                        response.body().length);
            }
            try (LiveViewPage page = new LiveViewPage(1400, 1000)) {
                for (int i = 1; i <= loads; i++) {
                    LiveViewPage.FirstRender r = page.load(base + "/", phones);
                    System.out.printf("RESULT name=first_render round=%d ms=%.0f requested_ms=%.0f received_ms=%.0f bytes=%d"
                                    + " tiles=%d elements=%d counts=%s%n", i, r.firstRenderMs(), r.snapshotRequestedMs(),
                            r.snapshotReceivedMs(), r.snapshotBytes(), r.tilesInDom(), r.elementsInDom(),
                            r.counts().replace(' ', '_'));
                }
                System.out.printf("RESULT name=heap_idle bytes=%d%n", page.sample(true).heapBytes());
                measureRates(page, raw, base, phones, rates, seconds);
            }
            if (raw.failures() > 0) {
                throw new IllegalStateException(raw.failures() + " raw events were refused by the broker");
            }
        }
    }

    private static void measureRates(LiveViewPage page, YealinkPhones raw, String base, int phones, List<String> rates,
                                     int seconds) throws Exception {
        List<String> markerKeys = new ArrayList<>();
        Set<String> markerPhones = new HashSet<>();
        for (int marker = 0; marker < MARKERS; marker++) {
            String key = page.tileKey(YealinkPhones.mac(marker));
            if (key == null || !"available".equals(page.tileState(key))) {
                throw new IllegalStateException("phone " + marker + " is not an available tile in sight: " + key);
            }
            markerKeys.add(key);
            markerPhones.add(YealinkPhones.mac(marker));
        }
        CallTraffic traffic = new CallTraffic(raw, MARKERS, phones, 15);
        try (FeedCounter feed = new FeedCounter(base, markerPhones)) {
            RateStep step = new RateStep(page, traffic, feed, new Markers(page, raw, feed, markerKeys));
            print(step.run(0, QUIET_SECONDS), "");
            for (String rate : rates) {
                // "1000f": with a filter that every line matches: the same tiles, but the page filters every frame.
                String filter = rate.endsWith("f") ? FILTER : "";
                page.filter(filter);
                print(step.run(Integer.parseInt(rate.replace("f", "")), seconds), filter);
            }
        }
    }

    private static void print(RateStep.Result r, String filter) {
        List<Long> lags = r.lags().page();
        List<Long> feedLags = r.lags().feed();
        System.out.printf("RESULT name=rate filter=%s rate=%d seconds=%.1f offered=%.0f fed=%.0f applied=%.0f applied_min=%.0f"
                        + " renders=%.1f page_cpu=%.2f script_cpu=%.2f layout_cpu=%.2f refetches=%d unanswered=%d"
                        + " lag_n=%d lag_p50=%d lag_max=%d lag_unseen=%d feed_lag_p50=%d feed_lag_max=%d"
                        + " fed_done_s=%.1f applied_done_s=%.1f heap=%d%n",
                filter.isEmpty() ? "none" : filter, r.rate(), r.seconds(), r.offered(), r.fed(), r.applied(),
                r.appliedMinPerSecond(), r.renders(), r.pageCpu(), r.scriptCpu(), r.layoutCpu(), r.snapshotFetches(),
                r.unanswered(), lags.size(), percentile(lags, 50), percentile(lags, 100), r.lags().unseen(),
                percentile(feedLags, 50), percentile(feedLags, 100),
                r.drain().fedSeconds(), r.drain().appliedSeconds(), r.heapBytes());
    }

    /** The p-th percentile (nearest rank) of sorted values; -1 if there are none. */
    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    /** Waits (at most 3 minutes) until /api/phones lists every phone. */
    private static void awaitPhones(String base, int phones) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int listed = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = phonesSnapshot(base);
            if (response.statusCode() == 200) {
                JsonNode list = AvroJson.MAPPER.readTree(response.body()).path("phones");
                listed = list.size();
                if (listed >= phones) {
                    return;
                }
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("/api/phones listed " + listed + " of " + phones + " phones after 3 minutes");
    }

    private static HttpResponse<byte[]> phonesSnapshot(String base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/phones")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
