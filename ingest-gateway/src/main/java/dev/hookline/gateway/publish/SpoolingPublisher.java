package dev.hookline.gateway.publish;

import dev.hookline.gateway.SampledLog;
import dev.hookline.gateway.TimeoutQueue;
import dev.hookline.gateway.spool.Spool;
import dev.hookline.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka first, the on-disk spool when Kafka is unreachable or slow, and nothing acknowledged
 * lost either way.
 *
 * <p>A request goes to Kafka while the spool is empty. When Kafka fails it or does not
 * acknowledge it within {@code kafkaTimeout}, the request is appended to the spool (answered
 * once it is fsynced there) and every later request goes to the spool too, so one phone's
 * requests stay in arrival order. A replayer thread sends the spool's entries to Kafka, oldest
 * first, and drops them once Kafka acknowledged them; when the spool is empty, requests go to
 * Kafka directly again.
 *
 * <p>Delivery is at least once: a request that timed out may still reach Kafka later and be
 * replayed from the spool as well. Both copies carry the same request id.
 */
public final class SpoolingPublisher implements RawPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingPublisher.class);
    private static final int REPLAY_BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final KafkaRawPublisher kafka;
    private final Spool spool;
    private final Duration kafkaTimeout;
    private final Object route = new Object();
    private final Thread replayer;
    /** Requests sent to Kafka and not yet acknowledged, checked for {@code kafkaTimeout} on a tick. */
    private final TimeoutQueue kafkaAttempts;
    private final ScheduledExecutorService ticker;
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final SampledLog waitingLog = new SampledLog(LOG, Duration.ofSeconds(10).toNanos());
    private volatile boolean spooling;
    private volatile boolean running = true;

    public SpoolingPublisher(KafkaRawPublisher kafka, Spool spool, Duration kafkaTimeout) {
        this.kafka = kafka;
        this.spool = spool;
        this.kafkaTimeout = kafkaTimeout;
        this.kafkaAttempts = new TimeoutQueue(kafkaTimeout);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hookline-kafka-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long tick = TimeoutQueue.tickFor(kafkaTimeout).toMillis();
        ticker.scheduleAtFixedRate(this::expireKafkaAttempts, tick, tick, TimeUnit.MILLISECONDS);
        // Entries left by an earlier run (or a crash) are replayed first.
        this.spooling = !spool.isEmpty();
        if (spooling) {
            LOG.info("The spool holds {} requests from an earlier run; replaying them to Kafka", spool.depthEntries());
        }
        this.replayer = new Thread(this::replayLoop, "hookline-spool-replay");
        replayer.setDaemon(true);
        replayer.start();
    }

    @Override
    public CompletableFuture<Void> publish(String key, byte[] value) {
        synchronized (route) {
            if (spooling) {
                return toSpool(key, value);
            }
        }
        KafkaAttempt attempt = new KafkaAttempt(key, value);
        kafkaAttempts.watch(attempt);
        kafka.publish(key, value).whenComplete((ok, error) -> {
            if (error == null) {
                attempt.stored();
            } else {
                attempt.failed(error);
            }
        });
        return attempt.outcome;
    }

    /**
     * One request on its way to Kafka: stored once Kafka acknowledges it; spooled when Kafka
     * fails it or has not acknowledged it within {@code kafkaTimeout}, whichever comes first.
     */
    private final class KafkaAttempt implements TimeoutQueue.Watched {
        private final String key;
        private final byte[] value;
        private final AtomicBoolean decided = new AtomicBoolean();
        private final CompletableFuture<Void> outcome = new CompletableFuture<>();

        KafkaAttempt(String key, byte[] value) {
            this.key = key;
            this.value = value;
        }

        void stored() {
            if (decided.compareAndSet(false, true)) {
                outcome.complete(null);
            }
        }

        void failed(Throwable error) {
            if (decided.compareAndSet(false, true)) {
                spoolInstead(error);
            }
        }

        @Override
        public boolean settled() {
            return decided.get();
        }

        @Override
        public void expire() {
            failed(new TimeoutException("Kafka did not acknowledge within " + kafkaTimeout.toMillis() + " ms"));
        }

        private void spoolInstead(Throwable cause) {
            spoolFromNowOn(cause, key, value).whenComplete((done, spoolError) -> {
                if (spoolError == null) {
                    outcome.complete(null);
                } else {
                    outcome.completeExceptionally(spoolError);
                }
            });
        }
    }

    /** A tick of the Kafka time-outs; never throws, or the executor would stop ticking. */
    private void expireKafkaAttempts() {
        try {
            kafkaAttempts.expireDue(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("Checking the Kafka time-outs failed", e);
        }
    }

    /**
     * Switches to the spool and appends this request, in one step: were the switch and the
     * append apart, the replayer could see the spool empty in between, switch back to Kafka and
     * let this phone's next request reach Kafka before this one.
     */
    private CompletableFuture<Void> spoolFromNowOn(Throwable cause, String key, byte[] value) {
        synchronized (route) {
            if (!spooling) {
                spooling = true;
                LOG.warn("Kafka did not take a request ({}); requests go to the spool until it is back", cause.toString());
            }
            return toSpool(key, value);
        }
    }

    private CompletableFuture<Void> toSpool(String key, byte[] value) {
        spooled.incrementAndGet();
        return spool.append(key.getBytes(StandardCharsets.UTF_8), value).thenApply(sequence -> null);
    }

    private void replayLoop() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                List<SpoolEntry> entries = spool.peek(REPLAY_BATCH);
                if (entries.isEmpty()) {
                    synchronized (route) {
                        if (spooling && spool.isEmpty()) {
                            spooling = false;
                            LOG.info("Kafka is back and the spool is empty ({} requests replayed so far)", replayed.get());
                        }
                    }
                    Thread.sleep(spooling ? 5 : 50);
                    continue;
                }
                replay(entries);
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                waitingLog.warn("Kafka does not take the spooled requests yet ({}); {} waiting in the spool",
                        e.toString(), spool.depthEntries());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Sends one batch in order and drops from the spool the entries Kafka acknowledged, up to the
     * first that failed; the rest is sent again on the next round. Nothing after a failed entry
     * reached Kafka ahead of it ({@link KafkaRawPublisher#publishInOrder}), so a phone's requests
     * keep their order across any number of failed rounds.
     */
    private void replay(List<SpoolEntry> entries) throws IOException {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>(entries.size());
        for (SpoolEntry entry : entries) {
            records.add(Map.entry(new String(entry.key(), StandardCharsets.UTF_8), entry.value()));
        }
        List<CompletableFuture<Void>> sends = kafka.publishInOrder(records);
        // Waits until Kafka takes the batch or the producer closes: each entry is sent once per round.
        CompletableFuture.allOf(sends.toArray(CompletableFuture<?>[]::new)).exceptionally(error -> null).join();
        int stored = 0;
        while (stored < sends.size() && !sends.get(stored).isCompletedExceptionally()) {
            stored++;
        }
        if (stored > 0) {
            spool.acknowledge(entries.get(stored - 1).sequence());
            replayed.addAndGet(stored);
        }
        if (stored < sends.size()) {
            Throwable cause = sends.get(stored).handle((ok, error) -> error).join();
            throw new IOException("Kafka did not take spooled request " + entries.get(stored).sequence() + ": " + cause, cause);
        }
    }

    @Override
    public boolean ready() {
        return kafka.ready() || spool.depthBytes() < spool.options().maxBytes();
    }

    public long spoolDepth() {
        return spool.depthEntries();
    }

    public long spooledTotal() {
        return spooled.get();
    }

    public long replayedTotal() {
        return replayed.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        running = false;
        replayer.interrupt();
        try {
            replayer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.warn("Closing the spool failed: {}", e.toString());
        }
    }
}
