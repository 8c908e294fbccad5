package dev.hookline.processor;

import dev.hookline.processor.query.PhoneStoreView;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.schema.DeviceState;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the phones of this instance and those of them that went silent, for the gauges
 * {@code hookline.processor.phones} and {@code hookline.processor.phones.silent}. No event marks
 * a phone going quiet (an unplugged phone sends nothing), so only a look at every phone's
 * {@code lastSeen} can tell: a scan of the phone store every {@link #INTERVAL}, on a worker
 * thread (never a stream thread, whose processing it would hold up), one at a time. While the
 * store cannot be read (starting, rebalancing, restoring) the scan is skipped and the gauges keep
 * their last values: a partial count would lie more. Each instance counts its active tasks'
 * phones only, so the sum over instances counts every phone once.
 */
public final class PhoneCensus implements AutoCloseable {

    /** How often the store is scanned: far below any sensible {@code phones.silent.after.ms}. */
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PhoneCensus.class);

    /** The phones scanned, and how many of them are silent. */
    public record Count(long phones, long silent) {
        public static final Count NONE = new Count(0, 0);
    }

    private final Vertx vertx;
    private final PhoneStoreView view;
    private final Duration silentAfter;
    private final Clock clock;
    private volatile Count last = Count.NONE;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private long timer = -1;

    /**
     * @param silentAfter how long without a request makes a phone silent ({@code phones.silent.after.ms})
     * @param metrics     where the two gauges are registered
     */
    public PhoneCensus(Vertx vertx, PhoneStoreView view, Duration silentAfter, Clock clock, ProcessorMetrics metrics) {
        this.vertx = vertx;
        this.view = view;
        this.silentAfter = silentAfter;
        this.clock = clock;
        metrics.bindPhones(() -> last.phones(), () -> last.silent());
    }

    /** Starts the periodic scan; the gauges read 0 until the first one. */
    public PhoneCensus start() {
        timer = vertx.setPeriodic(INTERVAL.toMillis(), INTERVAL.toMillis(), id -> scan());
        return this;
    }

    /** One scan, unless the previous one is still running. */
    private void scan() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> count(view::forEachLocalPhone, clock.instant(), silentAfter), false)
                .onComplete(result -> {
                    scanning.set(false);
                    if (result.succeeded()) {
                        last = result.result();
                    } else if (!(result.cause() instanceof PhoneStoreView.NotQueryableException)) {
                        LOG.warn("Counting the silent phones failed; the gauges keep their last values", result.cause());
                    }
                });
    }

    /**
     * Counts the phones {@code phones} gives and those whose last request is older than
     * {@code silentAfter} at {@code now}. A phone without device state yet (no event handled)
     * counts as a phone, not as silent: nothing says when it was last seen.
     *
     * @param phones calls its argument once with each phone (as {@link PhoneStoreView#forEachLocalPhone} does)
     */
    public static Count count(Consumer<Consumer<PhoneState>> phones, Instant now, Duration silentAfter) {
        Instant cutoff = now.minus(silentAfter);
        long[] all = new long[1];
        long[] silent = new long[1];
        phones.accept(phone -> {
            all[0]++;
            DeviceState device = phone.device();
            if (device != null && device.getLastSeen().isBefore(cutoff)) {
                silent[0]++;
            }
        });
        return new Count(all[0], silent[0]);
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
