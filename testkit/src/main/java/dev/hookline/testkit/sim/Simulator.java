package dev.hookline.testkit.sim;

import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link PhoneFleet} against a gateway: each phone sends its Action URLs from its own
 * loopback address as the {@link TrafficPlanner} plans them, on the real clock, and (when the
 * settings ask) serves its vendor's Action URI, where a dial command makes it place a call.
 *
 * <pre>
 * try (Simulator sim = Simulator.start(settings)) {
 *     SimulationReport report = sim.awaitCompletion(Duration.ofMinutes(1));
 *     ... report.expected() are the sessions the pipeline should show ...
 * }
 * </pre>
 */
public final class Simulator implements AutoCloseable, VirtualPhone.Sink {

    /** Episodes are handed to phones this far ahead of their start. */
    private static final long HORIZON_MILLIS = 500;
    private static final long TICK_MILLIS = 20;

    private final SimulationSettings settings;
    private final PhoneFleet fleet;
    private final TrafficPlanner planner;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final List<VirtualPhone> phones = new ArrayList<>();
    private final List<SimulatedPhone> actionUris = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger dialed = new AtomicInteger();
    private final AtomicInteger pendingEpisodes = new AtomicInteger();
    private final Queue<SentRequest> requests = new ConcurrentLinkedQueue<>();
    private final Queue<ExpectedCall> expected = new ConcurrentLinkedQueue<>();
    private final Queue<ExpectedCall> unconfirmed = new ConcurrentLinkedQueue<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean complete;
    private volatile long feeder = -1;
    private volatile String deployment;

    private Simulator(SimulationSettings settings, Vertx vertx, boolean ownsVertx) {
        this.settings = settings;
        this.planner = new TrafficPlanner(settings);
        this.fleet = planner.fleet();
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
    }

    /** Starts a run on its own Vert.x instance. */
    public static Simulator start(SimulationSettings settings) {
        return start(settings, null);
    }

    /** Starts a run on {@code vertx} (left open on close), or on its own when null. */
    public static Simulator start(SimulationSettings settings, Vertx vertx) {
        boolean owns = vertx == null;
        Simulator sim = new Simulator(settings, owns ? Vertx.vertx() : vertx, owns);
        try {
            sim.begin();
        } catch (RuntimeException | InterruptedException e) {
            sim.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return sim;
    }

    private void begin() throws InterruptedException {
        List<Context> contexts = eventLoopContexts();
        long timeout = settings.requestTimeout().toMillis();
        long gap = settings.sameRequestGap().toMillis();
        for (PhoneIdentity identity : fleet.phones()) {
            phones.add(new VirtualPhone(identity, vertx, contexts.get(identity.index() % contexts.size()), this,
                    timeout, gap));
            if (settings.actionUri()) {
                int index = identity.index();
                actionUris.add(SimulatedPhone.builder(identity.vendor().phone().dialect()).vertx(vertx)
                        .host(identity.address()).port(settings.actionUriPort())
                        .account(identity.extension() + "@" + PhoneFleet.PBX)
                        .firmware(identity.vendor().phone().firmware())
                        .onDial(dial -> placeCall(index, dial.number())).start());
            }
        }
        feeder = vertx.setPeriodic(1, TICK_MILLIS, this::feed);
    }

    /** One context per event loop (deployed instances get distinct ones), so phones spread over the loops. */
    private List<Context> eventLoopContexts() throws InterruptedException {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            deployment = vertx.deployVerticle(() -> context -> {
                contexts.add(context);
                return Future.succeededFuture();
            }, new DeploymentOptions().setInstances(loops)).await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator's event loops did not start within 10 s", e);
        }
        return contexts;
    }

    private void feed(long timer) {
        if (closed.get()) {
            return;
        }
        long horizon = elapsedMillis() + HORIZON_MILLIS;
        while (planner.nextStartMillis() <= horizon) {
            Episode episode = planner.next();
            pendingEpisodes.incrementAndGet();
            phones.get(episode.phone()).enqueue(episode);
        }
        if (!planner.hasNext() && pendingEpisodes.get() == 0) {
            complete = true;
            vertx.cancelTimer(timer);
            done.countDown();
        }
    }

    /** A dial command reached phone {@code index}: it places an answered call to {@code number}. */
    void placeCall(int index, String number) {
        if (closed.get()) {
            return;
        }
        planner.dial(index, number, elapsedMillis()).ifPresent(episode -> {
            dialed.incrementAndGet();
            pendingEpisodes.incrementAndGet();
            phones.get(index).enqueue(episode);
        });
    }

    public PhoneFleet fleet() {
        return fleet;
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** Phone {@code index}'s Action URI endpoint, when the settings turned them on. */
    public Optional<SimulatedPhone> actionUri(int index) {
        return index < actionUris.size() ? Optional.of(actionUris.get(index)) : Optional.empty();
    }

    /** No planned call starts from now on; calls under way, and calls dial commands place, still play. */
    public void stopCalls() {
        planner.stopCallsAt(elapsedMillis());
    }

    /**
     * Whether nothing is left to play: the plan is through and no episode (a dialed call included)
     * is queued or under way. Unlike {@link #awaitCompletion}, it also sees dials that came later.
     */
    public boolean idle() {
        return !planner.hasNext() && pendingEpisodes.get() == 0;
    }

    /** Waits until every planned episode is played or {@code timeout} passes; the report either way. */
    public SimulationReport awaitCompletion(Duration timeout) throws InterruptedException {
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return report();
    }

    /** What the run did so far. */
    public SimulationReport report() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        long total = sent.get();
        long ok = acknowledged.get();
        return new SimulationReport(total, ok, total - ok, byStatus, calls.get(), dialed.get(), planner.skipped(),
                Duration.ofNanos(System.nanoTime() - startNanos), complete, List.copyOf(expected), List.copyOf(unconfirmed),
                List.copyOf(requests));
    }

    @Override
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void sent(SentRequest request) {
        sent.incrementAndGet();
        if (request.acknowledged()) {
            acknowledged.incrementAndGet();
        }
        statuses.computeIfAbsent(request.status(), s -> new LongAdder()).increment();
        if (settings.keepRequests()) {
            requests.add(request);
        }
    }

    @Override
    public void episodeDone(Episode episode, boolean allAcknowledged) {
        if (!episode.expected().isEmpty()) {
            calls.incrementAndGet();
            if (allAcknowledged) {
                expected.addAll(episode.expected());
            } else {
                unconfirmed.addAll(episode.expected());
            }
        }
        pendingEpisodes.decrementAndGet();
    }

    /** Stops every phone (requests under way end first) and their Action URIs. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (feeder >= 0) {
            vertx.cancelTimer(feeder);
        }
        List<Future<Void>> stops = new ArrayList<>();
        phones.forEach(p -> stops.add(p.stop()));
        try {
            Future.join(stops).await(10, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            // Closing anyway: a phone that does not stop in time is dropped with the Vert.x instance.
        }
        actionUris.forEach(SimulatedPhone::close);
        if (deployment != null && !ownsVertx) {
            vertx.undeploy(deployment);
        }
        if (ownsVertx) {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Event loop threads are daemons; nothing more to do.
            }
        }
        done.countDown();
    }
}
