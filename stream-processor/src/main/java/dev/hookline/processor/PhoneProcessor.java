package dev.hookline.processor;

import dev.hookline.processor.calls.CallCorrelator;
import dev.hookline.processor.calls.CallStateChange;
import dev.hookline.processor.calls.PhoneCalls;
import dev.hookline.processor.calls.Step;
import dev.hookline.processor.presence.Presence;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateCache;
import dev.hookline.processor.state.ServingPartitions;
import dev.hookline.schema.Availability;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.StoredCall;
import dev.hookline.schema.StoredCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One phone's events in order, against its one {@link PhoneState} entry: drops repeated
 * requests, forwards the rest to phone.events.v1, correlates calls (sessions when they end,
 * live call state), and keeps its lines' availability and device state. Calls whose end never
 * came are closed by a punctuator.
 */
final class PhoneProcessor implements Processor<String, Object, String, Object> {

    private final CallCorrelator correlator;
    private final Duration punctuateInterval;
    private final long dedupWindowMillis;
    /**
     * While records arrived within this much wall-clock time, time-outs follow the records' own
     * (stream) time, so a backlog of old events is not cut into UNKNOWN calls; once the
     * partition has been quiet this long, the wall clock closes what is left.
     */
    private final Duration quietAfter;
    private final PhoneStateCache cache;
    /** Phones the punctuator must look at (open calls and the like), so it never scans idle phones. */
    private final Set<String> timeoutCandidates = new HashSet<>();
    /** Phones holding an unanswered end for the reorder window: a finer punctuator releases them. */
    private final Set<String> endingCandidates = new HashSet<>();
    private long lastRecordWallMillis = Long.MIN_VALUE;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, PhoneState> phones;

    private final ProcessorMetrics metrics;
    private final ServingPartitions serving;

    PhoneProcessor(ProcessorConfig config, ProcessorMetrics metrics, ServingPartitions serving) {
        this.metrics = metrics;
        this.serving = serving;
        this.punctuateInterval = config.punctuateInterval();
        this.quietAfter = config.quietAfter();
        this.dedupWindowMillis = config.dedupWindow().toMillis();
        this.correlator = new CallCorrelator(config.correlator());
        this.cache = new PhoneStateCache(config.phoneCacheSize());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.phones = context.getStateStore(ProcessorTopology.PHONES_STORE);
        cache.clear();
        timeoutCandidates.clear();
        endingCandidates.clear();
        lastRecordWallMillis = Long.MIN_VALUE;
        // Init runs after the store is restored: find the phones with calls to time out.
        try (KeyValueIterator<String, PhoneState> all = phones.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.needsTimeoutCheck()) {
                    timeoutCandidates.add(entry.key);
                }
                if (PhoneCalls.holdsEndings(entry.value.calls())) {
                    endingCandidates.add(entry.key);
                }
            });
        }
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
        context.schedule(endingTick(), PunctuationType.WALL_CLOCK_TIME, this::releaseEndings);
        serving.serving(context.taskId().partition());
    }

    @Override
    public void close() {
        if (context != null) {
            serving.stopped(context.taskId().partition());
        }
    }

    @Override
    public void process(Record<String, Object> record) {
        PhoneEvent event = (PhoneEvent) record.value();
        lastRecordWallMillis = context.currentSystemTimeMs();
        String device = event.getDeviceId();
        PhoneState state = load(device);
        long requestId = DedupKeys.eventIdFingerprint(event);
        if (state.requestIds().contains(requestId)) {
            // The gateway's redelivery of a request this phone already had (spool replay).
            metrics.duplicate();
            return;
        }
        state = state.withRequestIds(state.requestIds().add(requestId));
        if (dedupWindowMillis > 0) {
            long fingerprint = DedupKeys.fingerprint(event);
            long at = event.getOccurredAt().toEpochMilli();
            if (state.recent().contains(fingerprint, at, dedupWindowMillis)) {
                metrics.duplicate();
                return;
            }
            state = state.withRecent(state.recent().add(fingerprint, at, dedupWindowMillis));
        }
        context.forward(record, ProcessorTopology.EVENTS_SINK);
        metrics.event(event.getOccurredAt().toEpochMilli(), context.currentSystemTimeMs());
        Step step = correlator.apply(state.calls(), event);
        state = state.withCalls(step.state());
        emit(step, record.timestamp());
        state = updatePresence(state, event);
        store(state);
    }

    private PhoneState load(String device) {
        PhoneState state = cache.get(device);
        if (state == null) {
            state = Objects.requireNonNullElseGet(phones.get(device), () -> PhoneState.empty(device));
        }
        return state;
    }

    private void store(PhoneState state) {
        phones.put(state.deviceId(), state);
        cache.put(state.deviceId(), state);
        if (state.needsTimeoutCheck()) {
            timeoutCandidates.add(state.deviceId());
        } else {
            timeoutCandidates.remove(state.deviceId());
        }
        if (PhoneCalls.holdsEndings(state.calls())) {
            endingCandidates.add(state.deviceId());
        } else {
            endingCandidates.remove(state.deviceId());
        }
    }

    /** A tenth of the reorder window, 100 ms to 1 s: a held session is written at most that late. */
    private Duration endingTick() {
        long window = correlator.config().reorderWindow().toMillis();
        return Duration.ofMillis(Math.max(100, Math.min(1000, window / 10)));
    }

    /** Writes the sessions of unanswered ends whose reorder window has passed. */
    private void releaseEndings(long wallClockMillis) {
        if (endingCandidates.isEmpty()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(clockForEndings(wallClockMillis));
        for (String device : List.copyOf(endingCandidates)) {
            PhoneState state = load(device);
            Step step = correlator.releaseEndings(state.calls(), now);
            if (!step.sessions().isEmpty()) {
                emit(step, now.toEpochMilli());
                store(state.withCalls(step.state()));
            }
        }
    }

    private PhoneState updatePresence(PhoneState state, PhoneEvent event) {
        String device = event.getDeviceId();
        StoredCalls calls = state.calls();
        Presence.Change change = Presence.apply(state.device(), state.lines(), event, busyLines(calls), calls.getCalls().size());
        long at = event.getOccurredAt().toEpochMilli();
        if (change.deviceChanged()) {
            context.forward(new Record<String, Object>(device, change.device(), at), ProcessorTopology.DEVICE_STATE_SINK);
        }
        for (LineStatus status : change.lines()) {
            context.forward(new Record<String, Object>(lineKey(device, status.getLine()), status, at),
                    ProcessorTopology.LINE_STATUS_SINK);
        }
        return state.withPresence(change.device(), change.lines());
    }

    private void emit(Step step, long timestamp) {
        for (CallStateChange change : step.changes()) {
            context.forward(new Record<String, Object>(change.topicKey(), change.state(), timestamp),
                    ProcessorTopology.CALL_STATE_SINK);
        }
        for (CallSession session : step.sessions()) {
            metrics.session(session.getOutcome().name());
            context.forward(new Record<String, Object>(session.getDeviceId(), session,
                    session.getEndedAt().toEpochMilli()), ProcessorTopology.SESSIONS_SINK);
        }
    }

    /** Closes calls silent for longer than the time-out; forgets what idle phones no longer need. */
    private void expire(long wallClockMillis) {
        long nowMillis = clockForTimeouts(wallClockMillis);
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (String device : List.copyOf(timeoutCandidates)) {
            PhoneState state = load(device);
            Step step = correlator.expire(state.calls(), now);
            emit(step, nowMillis);
            // The correlator says when an idle phone's call bookkeeping can go.
            StoredCalls calls = step.state() == null ? PhoneCalls.none(device) : step.state();
            PhoneState after = state.withCalls(calls);
            if (!step.sessions().isEmpty()) {
                after = releaseLines(after, now);
            }
            if (!after.equals(state)) {
                store(after);
            } else if (!after.needsTimeoutCheck()) {
                timeoutCandidates.remove(device);
            }
        }
    }

    /**
     * Stream time moved on by the wall-clock time since the last record: a backlog replayed fast
     * is timed by its own events, and a partition that goes quiet still reaches the end of a
     * reorder window in real time (not only after {@code timeout.quiet.after.ms}).
     */
    private long clockForEndings(long wallClockMillis) {
        if (lastRecordWallMillis == Long.MIN_VALUE) {
            return wallClockMillis;
        }
        return context.currentStreamTimeMs() + Math.max(0, wallClockMillis - lastRecordWallMillis);
    }

    /** Stream time while records flow, the wall clock once the partition is quiet. */
    private long clockForTimeouts(long wallClockMillis) {
        boolean active = lastRecordWallMillis != Long.MIN_VALUE
                && wallClockMillis - lastRecordWallMillis < quietAfter.toMillis();
        return active ? context.currentStreamTimeMs() : wallClockMillis;
    }

    /** After a time-out closed calls, lines no longer in a call stop being busy. */
    private PhoneState releaseLines(PhoneState state, Instant now) {
        if (state.device() == null) {
            return state;
        }
        Set<String> busy = busyLines(state.calls());
        List<LineStatus> freed = new ArrayList<>();
        for (LineStatus status : state.lines().values()) {
            if (status.getAvailability() == Availability.BUSY && !busy.contains(status.getLine())) {
                LineStatus free = LineStatus.newBuilder(status)
                        .setAvailability(Presence.availabilityWhenIdle(status.getRegistration(), state.device()))
                        .setSince(now).setUpdatedAt(now).build();
                freed.add(free);
                context.forward(new Record<String, Object>(lineKey(state.deviceId(), free.getLine()), free, now.toEpochMilli()),
                        ProcessorTopology.LINE_STATUS_SINK);
            }
        }
        return state.withPresence(state.device(), freed);
    }

    private static Set<String> busyLines(StoredCalls calls) {
        return calls.getCalls().stream().map(StoredCall::getLine).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    static String lineKey(String device, String line) {
        return device + "/" + line;
    }
}
