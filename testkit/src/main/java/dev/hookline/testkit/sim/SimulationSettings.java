package dev.hookline.testkit.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a simulation run does, bounded in count ({@link #maxCalls}) and time ({@link #duration}):
 * no call starts after {@code duration}; calls under way then are played to their end.
 *
 * @param vendors the vendors' templates; phone i is of vendor {@code i mod vendors}
 * @param phones how many phones
 * @param linesPerPhone accounts per phone, each registered at start
 * @param callsPerSecond calls started per second over the whole fleet
 * @param duration time in which calls start
 * @param maxCalls most calls (scenarios) in the run
 * @param timing durations and their time scale
 * @param seed the same seed plays the same run
 * @param weights how often each scenario is chosen (0: never), among those the phone's vendor supports
 * @param rotateScenarios play each phone's supported scenarios in turn instead of at random
 * @param registrationsPerSecond phones registering per second at the start
 * @param actionUri whether each phone serves its vendor's Action URI (a dial command places a call)
 * @param actionUriPort the port every phone's Action URI listens on, on its own address (0: any)
 * @param requestTimeout how long a phone waits for the gateway's answer
 * @param keepRequests whether the report keeps every request sent (memory grows with the run)
 * @param sameRequestGap least time between two identical requests of a phone (more than the
 *                       processor's de-duplication window, which a compressed clock could undercut)
 * @param distinctParties each call of a phone has a remote party no other call of that phone has, so a
 *                        checker tells a phone's calls apart by their party alone (fault tests, where
 *                        some calls are lost on purpose and cannot be matched by count)
 */
public record SimulationSettings(List<VendorTemplates> vendors, int phones, int linesPerPhone, double callsPerSecond,
                                 Duration duration, int maxCalls, Timing timing, long seed,
                                 Map<CallScenario, Integer> weights, boolean rotateScenarios,
                                 double registrationsPerSecond, boolean actionUri, int actionUriPort,
                                 Duration requestTimeout, boolean keepRequests, Duration sameRequestGap,
                                 boolean distinctParties) {

    /** Default mix: mostly answered calls, some missed and unanswered, a few of the rest. */
    public static final Map<CallScenario, Integer> DEFAULT_WEIGHTS = defaultWeights();

    public SimulationSettings {
        vendors = List.copyOf(vendors);
        weights = Map.copyOf(weights);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sameRequestGap, "sameRequestGap");
        if (vendors.isEmpty()) {
            throw new IllegalArgumentException("at least one vendor is needed");
        }
        if (phones < 1 || phones > LoopbackAddresses.CAPACITY) {
            throw new IllegalArgumentException("phones must be 1.." + LoopbackAddresses.CAPACITY + ", not " + phones);
        }
        if (!(callsPerSecond >= 0) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("calls per second must be 0 or more, not " + callsPerSecond);
        }
        if (duration.isNegative() || maxCalls < 0) {
            throw new IllegalArgumentException("duration and maxCalls must not be negative");
        }
        if (!(registrationsPerSecond > 0)) {
            throw new IllegalArgumentException("registrations per second must be positive");
        }
        if (actionUriPort < 0 || actionUriPort > 65535) {
            throw new IllegalArgumentException("Action URI port " + actionUriPort);
        }
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("scenario weights must not be negative");
        }
    }

    public static Builder builder(List<VendorTemplates> vendors) {
        return new Builder(vendors);
    }

    /** The scenarios with a positive weight. */
    public Set<CallScenario> scenarios() {
        Set<CallScenario> set = EnumSet.noneOf(CallScenario.class);
        weights.forEach((s, w) -> {
            if (w > 0) {
                set.add(s);
            }
        });
        return set;
    }

    private static Map<CallScenario, Integer> defaultWeights() {
        Map<CallScenario, Integer> w = new EnumMap<>(CallScenario.class);
        w.put(CallScenario.INBOUND_ANSWERED, 30);
        w.put(CallScenario.OUTBOUND_ANSWERED, 25);
        w.put(CallScenario.MISSED, 12);
        w.put(CallScenario.CANCELLED, 8);
        w.put(CallScenario.HOLD_UNHOLD, 6);
        w.put(CallScenario.BUSY, 5);
        w.put(CallScenario.REJECTED, 4);
        w.put(CallScenario.CALL_WAITING, 4);
        w.put(CallScenario.CALL_WAITING_MISSED, 2);
        w.put(CallScenario.FORWARDED, 3);
        w.put(CallScenario.BLIND_TRANSFER_CALL, 3);
        return Map.copyOf(w);
    }

    /** Settings with defaults: 10 phones, 1 call/s for 30 s, time scale 0.1, seed 1. */
    public static final class Builder {
        private final List<VendorTemplates> vendors;
        private int phones = 10;
        private int linesPerPhone = 1;
        private double callsPerSecond = 1.0;
        private Duration duration = Duration.ofSeconds(30);
        private int maxCalls = 100_000;
        private Timing timing = new Timing(0.1);
        private long seed = 1;
        private Map<CallScenario, Integer> weights = DEFAULT_WEIGHTS;
        private boolean rotateScenarios;
        private double registrationsPerSecond = 200;
        private boolean actionUri;
        private int actionUriPort;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private boolean keepRequests = true;
        private Duration sameRequestGap = Duration.ofMillis(1100);
        private boolean distinctParties;

        private Builder(List<VendorTemplates> vendors) {
            this.vendors = vendors;
        }

        public Builder phones(int phones) {
            this.phones = phones;
            return this;
        }

        public Builder linesPerPhone(int lines) {
            this.linesPerPhone = lines;
            return this;
        }

        public Builder callsPerSecond(double rate) {
            this.callsPerSecond = rate;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder maxCalls(int maxCalls) {
            this.maxCalls = maxCalls;
            return this;
        }

        public Builder timeScale(double scale) {
            this.timing = new Timing(scale);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder weights(Map<CallScenario, Integer> weights) {
            this.weights = weights;
            return this;
        }

        /** Only these scenarios, equally often. */
        public Builder only(Set<CallScenario> scenarios) {
            Map<CallScenario, Integer> w = new EnumMap<>(CallScenario.class);
            scenarios.forEach(s -> w.put(s, 1));
            this.weights = w;
            return this;
        }

        public Builder rotateScenarios(boolean rotate) {
            this.rotateScenarios = rotate;
            return this;
        }

        public Builder registrationsPerSecond(double rate) {
            this.registrationsPerSecond = rate;
            return this;
        }

        /** Each phone serves its Action URI on {@code port} (0: any free port) of its own address. */
        public Builder actionUri(int port) {
            this.actionUri = true;
            this.actionUriPort = port;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder keepRequests(boolean keep) {
            this.keepRequests = keep;
            return this;
        }

        public Builder sameRequestGap(Duration gap) {
            this.sameRequestGap = gap;
            return this;
        }

        /** Each call of a phone gets a remote party of its own (see {@link SimulationSettings#distinctParties}). */
        public Builder distinctParties(boolean distinct) {
            this.distinctParties = distinct;
            return this;
        }

        public SimulationSettings build() {
            return new SimulationSettings(vendors, phones, linesPerPhone, callsPerSecond, duration, maxCalls, timing, seed,
                    weights, rotateScenarios, registrationsPerSecond, actionUri, actionUriPort, requestTimeout,
                    keepRequests, sameRequestGap, distinctParties);
        }
    }
}
