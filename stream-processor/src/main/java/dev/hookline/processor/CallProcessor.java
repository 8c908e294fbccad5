package dev.hookline.processor;

import dev.hookline.processor.calls.CallCorrelator;
import dev.hookline.processor.calls.CallStateChange;
import dev.hookline.processor.calls.DeviceCalls;
import dev.hookline.processor.calls.OpenCall;
import dev.hookline.processor.calls.Step;
import dev.hookline.processor.presence.Presence;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.PhoneEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One phone's events in order: its calls (sessions when they end, live call state), its lines'
 * availability and its device state, each kept in a named store with a changelog. Calls whose
 * end never came are closed by a wall-clock punctuator.
 */
final class CallProcessor implements Processor<String, Object, String, Object> {

    private final CallCorrelator correlator = new CallCorrelator();
    private long lastRecordWallMillis = Long.MIN_VALUE;
    private final Duration callTimeout;
    private final Duration punctuateInterval;
    /**
     * While records arrived within this much wall-clock time, time-outs follow the records' own
     * (stream) time, so a backlog of old events is not cut into UNKNOWN calls; once the
     * partition has been quiet this long, the wall clock closes what is left.
     */
    private final Duration quietAfter;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, DeviceCalls> calls;
    private KeyValueStore<String, DeviceState> devices;
    private KeyValueStore<String, LineStatus> lines;

    CallProcessor(Duration callTimeout, Duration punctuateInterval, Duration quietAfter) {
        this.callTimeout = callTimeout;
        this.punctuateInterval = punctuateInterval;
        this.quietAfter = quietAfter;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.calls = context.getStateStore(ProcessorTopology.CALLS_STORE);
        this.devices = context.getStateStore(ProcessorTopology.DEVICES_STORE);
        this.lines = context.getStateStore(ProcessorTopology.LINES_STORE);
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Object> record) {
        PhoneEvent event = (PhoneEvent) record.value();
        lastRecordWallMillis = context.currentSystemTimeMs();
        String device = event.getDeviceId();
        DeviceCalls before = Objects.requireNonNullElseGet(calls.get(device), () -> DeviceCalls.empty(device));
        Step step = correlator.apply(before, event);
        calls.put(device, step.state());
        emit(step, record.timestamp());
        updatePresence(event, step.state());
    }

    private void updatePresence(PhoneEvent event, DeviceCalls state) {
        String device = event.getDeviceId();
        DeviceState previous = devices.get(device);
        Map<String, LineStatus> known = new HashMap<>();
        if (previous != null) {
            for (String line : previous.getLines()) {
                LineStatus status = lines.get(lineKey(device, line));
                if (status != null) {
                    known.put(line, status);
                }
            }
        }
        Set<String> busy = state.calls().stream().map(OpenCall::line).filter(Objects::nonNull).collect(Collectors.toSet());
        Presence.Change change = Presence.apply(previous, known, event, busy, state.calls().size());
        devices.put(device, change.device());
        long at = event.getOccurredAt().toEpochMilli();
        if (change.deviceChanged()) {
            context.forward(new Record<String, Object>(device, change.device(), at), ProcessorTopology.DEVICE_STATE_SINK);
        }
        for (LineStatus status : change.lines()) {
            String key = lineKey(device, status.getLine());
            lines.put(key, status);
            context.forward(new Record<String, Object>(key, status, at), ProcessorTopology.LINE_STATUS_SINK);
        }
    }

    private void emit(Step step, long timestamp) {
        for (CallStateChange change : step.changes()) {
            context.forward(new Record<String, Object>(change.topicKey(), change.state(), timestamp),
                    ProcessorTopology.CALL_STATE_SINK);
        }
        for (CallSession session : step.sessions()) {
            context.forward(new Record<String, Object>(session.getDeviceId(), session,
                    session.getEndedAt().toEpochMilli()), ProcessorTopology.SESSIONS_SINK);
        }
    }

    /** Closes calls silent for longer than the time-out; drops idle phones' bookkeeping. */
    private void expire(long wallClockMillis) {
        long nowMillis = clockForTimeouts(wallClockMillis);
        Instant now = Instant.ofEpochMilli(nowMillis);
        java.util.List<KeyValue<String, DeviceCalls>> all = new java.util.ArrayList<>();
        try (KeyValueIterator<String, DeviceCalls> iterator = calls.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, DeviceCalls> entry : all) {
            Step step = correlator.expire(entry.value, now, callTimeout);
            emit(step, nowMillis);
            // The correlator says when an idle phone's bookkeeping can go: then nothing stays behind.
            DeviceCalls state = step.state() == null ? DeviceCalls.empty(entry.key) : step.state();
            if (step.state() == null) {
                calls.delete(entry.key);
            } else {
                calls.put(entry.key, state);
            }
            if (!step.sessions().isEmpty()) {
                releaseLines(entry.key, state, now);
            }
        }
    }

    /** Stream time while records flow, the wall clock once the partition is quiet. */
    private long clockForTimeouts(long wallClockMillis) {
        boolean active = lastRecordWallMillis != Long.MIN_VALUE
                && wallClockMillis - lastRecordWallMillis < quietAfter.toMillis();
        return active ? context.currentStreamTimeMs() : wallClockMillis;
    }

    /** After a time-out closed calls, lines no longer in a call stop being busy. */
    private void releaseLines(String device, DeviceCalls state, Instant now) {
        DeviceState deviceState = devices.get(device);
        if (deviceState == null) {
            return;
        }
        Set<String> busy = state.calls().stream().map(OpenCall::line).filter(Objects::nonNull).collect(Collectors.toSet());
        for (String line : deviceState.getLines()) {
            LineStatus status = lines.get(lineKey(device, line));
            if (status != null && status.getAvailability() == dev.hookline.schema.Availability.BUSY && !busy.contains(line)) {
                LineStatus freed = LineStatus.newBuilder(status)
                        .setAvailability(Presence.availabilityWhenIdle(status.getRegistration(), deviceState))
                        .setSince(now).setUpdatedAt(now).build();
                lines.put(lineKey(device, line), freed);
                context.forward(new Record<String, Object>(lineKey(device, line), freed, now.toEpochMilli()),
                        ProcessorTopology.LINE_STATUS_SINK);
            }
        }
    }

    static String lineKey(String device, String line) {
        return device + "/" + line;
    }
}
