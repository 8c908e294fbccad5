package dev.hookline.bench.liveview;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openqa.selenium.ScriptTimeoutException;

/**
 * One offered rate for a while, the page open: the page's counters sampled every second, a
 * marker every 2 s (see {@link Markers}), then the time the page needs to apply everything the
 * processor sent. Rates are counted over the steady part, from the end of the ramp (the first
 * call's end) to the last call's start, by the samples' own times: a page too busy to answer is
 * sampled late, and one that does not answer within the script time-out is counted as such.
 */
final class RateStep {

    private static final long MARKER_EVERY_MILLIS = 2_000;
    private static final long DRAIN_LIMIT_MILLIS = 30_000;

    /** What one step measured; rates per second over the steady part (-1 when the page never answered). */
    record Result(int rate, double seconds, double offered, double fed, double applied, double appliedMinPerSecond,
                  double renders, double pageCpu, double scriptCpu, double layoutCpu, long snapshotFetches,
                  Markers.Lags lags, int unanswered, Drain drain, long heapBytes) {
    }

    /** After the traffic: when the processor had sent its last event, and when the page had applied them all. */
    record Drain(double fedSeconds, double appliedSeconds) {
    }

    /** The page's counters, with the live events sent and the raw events offered so far, at one moment. */
    private record Point(LiveViewPage.Sample page, long fed, long sent) {
    }

    private final LiveViewPage page;
    private final CallTraffic traffic;
    private final FeedCounter feed;
    private final Markers markers;
    private int unanswered;

    RateStep(LiveViewPage page, CallTraffic traffic, FeedCounter feed, Markers markers) {
        this.page = page;
        this.traffic = traffic;
        this.feed = feed;
        this.markers = markers;
    }

    Result run(int rate, int seconds) throws InterruptedException {
        unanswered = 0;
        PageProfile profile = PageProfile.wanted() ? page.profiler() : null;
        if (profile != null) {
            profile.start();
        }
        Thread calls = rate > 0 ? traffic.start(rate, seconds) : null;
        long start = System.currentTimeMillis();
        List<Point> points = new ArrayList<>();
        long nextSample = start;
        long nextMarker = start + 1_000;
        for (long now = start; now < start + seconds * 1000L; now = System.currentTimeMillis()) {
            if (now >= nextSample) {
                nextSample += 1000;
                ask(() -> page.sample(false)).ifPresent(sample -> points.add(new Point(sample, feed.events(), traffic.sent())));
            }
            if (now >= nextMarker) {
                nextMarker += MARKER_EVERY_MILLIS;
                ask(() -> {
                    markers.send();
                    return true;
                });
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        if (calls != null) {
            calls.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (profile != null) {
            profile.stop(25).forEach(f -> System.err.printf("PROFILE rate=%d total_ms=%.0f self_ms=%.0f %s%n", rate,
                    f.totalMs(), f.selfMs(), f.name()));
        }
        points.forEach(p -> System.err.printf("rate=%d t=%d sent=%d fed=%d applied=%d renders=%d task=%.3f script=%.3f"
                        + " fetches=%d heap=%d%n", rate, p.page().atMillis() - start, p.sent(), p.fed(), p.page().eventsApplied(),
                p.page().renders(), p.page().taskSeconds(), p.page().scriptSeconds(), p.page().snapshotFetches(),
                p.page().heapBytes()));
        Point first = points.isEmpty() ? new Point(null, feed.events(), traffic.sent()) : points.get(0);
        Drain drain = drain(first);
        Markers.Lags lags = ask(markers::collect).orElse(new Markers.Lags(List.of(), List.of(), -1));
        LiveViewPage.Sample after = ask(() -> page.sample(true)).orElse(null);
        return summarize(rate, points, start + (rate > 0 ? CallTraffic.CALL_MILLIS : 0), lags, drain, after);
    }

    private Result summarize(int rate, List<Point> points, long steadyFrom, Markers.Lags lags, Drain drain,
                             LiveViewPage.Sample after) {
        long heap = after == null ? -1 : after.heapBytes();
        if (points.size() < 2) {
            return new Result(rate, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, lags, unanswered, drain, heap);
        }
        int to = points.size() - 1;
        int from = 0;
        while (from < to - 1 && points.get(from).page().atMillis() < steadyFrom) {
            from++;
        }
        LiveViewPage.Sample a = points.get(from).page();
        LiveViewPage.Sample b = points.get(to).page();
        double wall = (b.atMillis() - a.atMillis()) / 1000.0;
        double minApplied = Double.MAX_VALUE;
        for (int i = from + 1; i <= to; i++) {
            LiveViewPage.Sample p = points.get(i - 1).page();
            LiveViewPage.Sample q = points.get(i).page();
            minApplied = Math.min(minApplied, (q.eventsApplied() - p.eventsApplied()) * 1000.0 / (q.atMillis() - p.atMillis()));
        }
        long fetches = (after == null ? b : after).snapshotFetches() - points.get(0).page().snapshotFetches();
        return new Result(rate, wall, (points.get(to).sent() - points.get(from).sent()) / wall,
                (points.get(to).fed() - points.get(from).fed()) / wall, (b.eventsApplied() - a.eventsApplied()) / wall,
                minApplied, (b.renders() - a.renders()) / wall, (b.taskSeconds() - a.taskSeconds()) / wall,
                (b.scriptSeconds() - a.scriptSeconds()) / wall,
                (b.layoutSeconds() - a.layoutSeconds() + b.styleSeconds() - a.styleSeconds()) / wall, fetches, lags,
                unanswered, drain, heap);
    }

    /**
     * Seconds from the last raw event sent until the processor's events stopped coming (no new one
     * for 1 s) and until the page had applied as many as the processor sent it; -1 if not within 30 s.
     */
    private Drain drain(Point first) throws InterruptedException {
        long start = System.currentTimeMillis();
        long lastFed = -1;
        long fedChangedAt = start;
        long caughtUpAt = -1;
        for (long now = start; now - start < DRAIN_LIMIT_MILLIS; now = System.currentTimeMillis()) {
            long fed = feed.events() - first.fed();
            if (fed != lastFed) {
                lastFed = fed;
                fedChangedAt = now;
                caughtUpAt = -1;
            }
            long applied = first.page() == null ? -1
                    : ask(() -> page.sample(false)).map(s -> s.eventsApplied() - first.page().eventsApplied()).orElse(-1L);
            if (applied >= fed && caughtUpAt < 0) {
                caughtUpAt = System.currentTimeMillis();
            }
            if (now - fedChangedAt >= 1_000 && caughtUpAt >= 0) {
                return new Drain((fedChangedAt - start) / 1000.0, (caughtUpAt - start) / 1000.0);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return new Drain(-1, -1);
    }

    /** The page's answer, or none if it did not answer within the script time-out (its main thread busy). */
    private <T> Optional<T> ask(Supplier<T> question) {
        try {
            return Optional.of(question.get());
        } catch (ScriptTimeoutException e) {
            unanswered++;
            return Optional.empty();
        }
    }
}
