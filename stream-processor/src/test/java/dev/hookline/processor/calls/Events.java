package dev.hookline.processor.calls;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.StoredCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds phone events and drives a correlator over them, as the topology would. */
final class Events {

    static final String DAY = "2026-11-23T";
    private static int seq;

    private Events() {
    }

    static Instant at(String hms) {
        return Instant.parse(DAY + hms + "Z");
    }

    static PhoneEvent ev(String device, EventType type, String hms, String remote, String callId) {
        return ev(device, type, at(hms), remote, callId, Map.of());
    }

    static PhoneEvent ev(String device, EventType type, Instant when, String remote, String callId,
                         Map<String, String> attributes) {
        return PhoneEvent.newBuilder()
                .setEventId("e" + (++seq))
                .setDeviceId(device)
                .setType(type)
                .setVendor(device.startsWith("000413") ? "snom" : "yealink")
                .setModel(device.startsWith("000413") ? "snomD785" : "SIP-T46S")
                .setLocalUser("1001")
                .setLocalHost("pbx.example")
                .setLine("1001@pbx.example")
                .setRemoteUser(remote)
                .setRemoteHost(remote == null ? null : "pbx.example")
                .setCallId(callId)
                .setOccurredAt(when)
                .setAttributes(Map.copyOf(attributes))
                .build();
    }

    /** The event with the line state the phone reported. */
    static PhoneEvent inLineState(PhoneEvent e, LineState state) {
        return PhoneEvent.newBuilder(e).setLineState(state).build();
    }

    /** The event with the transfer or forward target the phone reported. */
    static PhoneEvent transferredTo(PhoneEvent e, String target) {
        return PhoneEvent.newBuilder(e).setTransferTarget(target).build();
    }

    /** The event with the call direction the phone reported. */
    static PhoneEvent inDirection(PhoneEvent e, Direction direction) {
        return PhoneEvent.newBuilder(e).setDirection(direction).build();
    }

    /** Result of running events through a correlator. */
    static final class Run {
        final CallCorrelator correlator;
        StoredCalls state;
        final List<CallSession> sessions = new ArrayList<>();
        final List<CallStateChange> changes = new ArrayList<>();

        Run(CallCorrelator correlator) {
            this.correlator = correlator;
        }

        Run apply(List<PhoneEvent> events) {
            for (PhoneEvent e : events) {
                collect(correlator.apply(state, e));
            }
            return this;
        }

        Run expire(Instant now) {
            collect(correlator.expire(state, now));
            return this;
        }

        Run expireLater() {
            long last = state == null ? 0 : state.getLastEventAt();
            return expire(Instant.ofEpochMilli(last).plus(correlator.config().idleTimeout()).plus(Duration.ofMinutes(1)));
        }

        Run releaseEndings(Instant now) {
            collect(correlator.releaseEndings(state, now));
            return this;
        }

        private void collect(Step step) {
            // the state store round trip the topology does
            state = step.state() == null ? null : PhoneStateSerde.fromBytes(PhoneStateSerde.toBytes(
                    PhoneState.empty(step.state().getDeviceId()).withCalls(step.state()))).calls();
            sessions.addAll(step.sessions());
            changes.addAll(step.changes());
        }

        boolean noOpenCalls() {
            return state == null || state.getCalls().isEmpty();
        }
    }

    /** A correlator with the processor's default settings but {@code settings}, and no reorder window unless given. */
    static CallCorrelator correlator(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(Map.of(ProcessorConfig.REORDER_WINDOW_MS, 0L));
        all.putAll(settings);
        return new CallCorrelator(new ProcessorConfig(all).correlator());
    }

    static Run run(List<PhoneEvent> events) {
        return new Run(correlator(Map.of())).apply(events);
    }
}
