package dev.hookline.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;

/**
 * The run's episodes in order of start, on a virtual clock (milliseconds from the start), made
 * on demand so an hour-long run needs no hour of plan in memory: first each phone's registration
 * (spread at {@code registrationsPerSecond}), then calls arriving at {@code callsPerSecond}
 * (exponential gaps), each given to a phone that is idle then; an arrival finding no idle phone is
 * skipped and counted. Everything is drawn from one random generator seeded with {@code seed}, so a
 * seed always gives the same episodes. Dial commands ({@link #dial}) add calls from outside. Thread-safe.
 */
public final class TrafficPlanner {

    /** At most this many random idle-phone probes per call in a large fleet. */
    private static final int PROBES = 32;

    private final PhoneFleet fleet;
    private final SimulationSettings settings;
    private final Random random;
    private final PlannedPhone[] phones;
    private final List<List<CallScenario>> playable = new ArrayList<>();
    private final long sameRequestGap;
    private int booted;
    private double nextArrival;
    private int calls;
    private int skipped;
    private long callsEndMillis = Long.MAX_VALUE;
    private Episode pending;

    public TrafficPlanner(SimulationSettings settings) {
        this.fleet = PhoneFleet.of(settings.phones(), settings.vendors(), settings.linesPerPhone());
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.phones = new PlannedPhone[fleet.size()];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = new PlannedPhone();
        }
        for (VendorTemplates vendor : settings.vendors()) {
            List<CallScenario> list = new ArrayList<>();
            for (CallScenario s : CallScenario.values()) { // enum order: the same on every run
                if (settings.scenarios().contains(s) && s.supportedBy(vendor.types())) {
                    list.add(s);
                }
            }
            playable.add(list);
        }
        this.sameRequestGap = settings.sameRequestGap().toMillis();
    }

    public synchronized boolean hasNext() {
        advance();
        return pending != null;
    }

    /** When the next episode starts, or {@link Long#MAX_VALUE} when there is none. */
    public synchronized long nextStartMillis() {
        advance();
        return pending == null ? Long.MAX_VALUE : pending.startMillis();
    }

    public synchronized Episode next() {
        advance();
        if (pending == null) {
            throw new NoSuchElementException("the plan is complete");
        }
        Episode e = pending;
        pending = null;
        return e;
    }

    /** Every remaining episode (for offline use: replays, tests). */
    public synchronized List<Episode> drain() {
        List<Episode> all = new ArrayList<>();
        while (hasNext()) {
            all.add(next());
        }
        return all;
    }

    /** The phones the plan is for. */
    public PhoneFleet fleet() {
        return fleet;
    }

    /** Calls started so far. */
    public synchronized int calls() {
        return calls;
    }

    /** Call arrivals that found no idle phone. */
    public synchronized int skipped() {
        return skipped;
    }

    /** No planned call starts at or after {@code atMillis} (sooner than the settings' duration). */
    public synchronized void stopCallsAt(long atMillis) {
        callsEndMillis = Math.min(callsEndMillis, atMillis);
        // The next episode may already be drawn (nextStartMillis looks ahead): a call from then on is dropped.
        if (pending != null && !pending.expected().isEmpty() && pending.startMillis() >= atMillis) {
            pending = null;
            calls--;
        }
    }

    /**
     * An answered outgoing call to {@code number} on line 1 of a phone that got a dial command,
     * starting at {@code atMillis}; empty when the vendor cannot report one.
     */
    public synchronized Optional<Episode> dial(int phone, String number, long atMillis) {
        PlannedPhone p = phones[phone];
        // Its own generator: a dial does not change the planned episodes that follow.
        Random r = new Random(settings.seed() * 1_000_003L + phone * 7919L + (++p.dials));
        EpisodeBuilder b = builder(phone, atMillis, r);
        CallScripts.outbound(b, 0, number);
        Optional<Episode> episode = b.build("DIAL");
        episode.ifPresent(e -> p.freeAt = Math.max(p.freeAt, e.endMillis() + sameRequestGap));
        return episode;
    }

    private void advance() {
        while (pending == null) {
            boolean bootLeft = booted < phones.length;
            boolean callLeft = calls < settings.maxCalls() && settings.callsPerSecond() > 0
                    && nextArrival < Math.min(settings.duration().toMillis(), callsEndMillis);
            if (!bootLeft && !callLeft) {
                return;
            }
            if (bootLeft && (!callLeft || bootAt(booted) <= nextArrival)) {
                pending = boot(booted++).orElse(null);
            } else {
                long at = (long) nextArrival;
                nextArrival += drawGap();
                pending = call(at).orElse(null);
            }
        }
    }

    private long bootAt(int phone) {
        return Math.round(phone * 1000.0 / settings.registrationsPerSecond());
    }

    private Optional<Episode> boot(int phone) {
        EpisodeBuilder b = builder(phone, bootAt(phone), random);
        CallScripts.registration(b);
        Optional<Episode> episode = b.build("REGISTRATION");
        phones[phone].freeAt = episode.map(Episode::endMillis).orElse(bootAt(phone)) + sameRequestGap;
        if (phone == 0) {
            // Calls begin once the first phone is up: no arrivals are wasted on a fleet still booting.
            nextArrival = phones[0].freeAt + drawGap();
        }
        return episode;
    }

    private Optional<Episode> call(long at) {
        int phone = idlePhone(at);
        if (phone < 0) {
            skipped++;
            return Optional.empty();
        }
        PlannedPhone p = phones[phone];
        CallScenario scenario = choose(phone, p);
        int line = random.nextInt(settings.linesPerPhone());
        EpisodeBuilder b = builder(phone, at, random);
        CallScripts.play(scenario, b, line);
        Optional<Episode> episode = b.build(scenario.name());
        episode.ifPresent(e -> {
            calls++;
            p.calls++;
            p.freeAt = e.endMillis() + Math.max(settings.timing().draw(Timing.IDLE, random), sameRequestGap);
        });
        return episode;
    }

    /** A booted phone idle at {@code at} with a scenario to play, or -1. */
    private int idlePhone(long at) {
        if (booted == 0) {
            return -1;
        }
        if (booted <= PROBES * 2) {
            int offset = random.nextInt(booted);
            for (int k = 0; k < booted; k++) {
                int i = (offset + k) % booted;
                if (idle(i, at)) {
                    return i;
                }
            }
            return -1;
        }
        for (int k = 0; k < PROBES; k++) {
            int i = random.nextInt(booted);
            if (idle(i, at)) {
                return i;
            }
        }
        return -1;
    }

    private boolean idle(int phone, long at) {
        return phones[phone].freeAt <= at && !scenariosOf(phone).isEmpty();
    }

    private List<CallScenario> scenariosOf(int phone) {
        return playable.get(phone % settings.vendors().size());
    }

    private CallScenario choose(int phone, PlannedPhone p) {
        List<CallScenario> list = scenariosOf(phone);
        if (settings.rotateScenarios()) {
            return list.get((p.calls + phone) % list.size());
        }
        int total = 0;
        for (CallScenario s : list) {
            total += settings.weights().getOrDefault(s, 0);
        }
        int pick = random.nextInt(total);
        for (CallScenario s : list) {
            pick -= settings.weights().getOrDefault(s, 0);
            if (pick < 0) {
                return s;
            }
        }
        throw new IllegalStateException("weights changed while choosing");
    }

    private double drawGap() {
        double rate = settings.callsPerSecond();
        return rate <= 0 ? Double.MAX_VALUE : -Math.log(1 - random.nextDouble()) * 1000.0 / rate;
    }

    private EpisodeBuilder builder(int phone, long atMillis, Random r) {
        return new EpisodeBuilder(fleet.phone(phone), phones[phone], atMillis, settings.timing(), r, fleet.size(),
                sameRequestGap, settings.distinctParties());
    }
}
