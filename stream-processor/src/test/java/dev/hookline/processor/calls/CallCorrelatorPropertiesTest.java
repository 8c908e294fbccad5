package dev.hookline.processor.calls;

import static dev.hookline.processor.calls.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.StoredCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random valid call flows on one phone, run as the topology would (expiry before each event). */
class CallCorrelatorPropertiesTest {

    private static final String DEVICE = "805ec0f00d01";

    enum Ending { NORMAL, HOOK_ONLY, LOST, NO_CALL }

    record Flow(boolean inbound, boolean answered, int holds, Ending ending, boolean withCallId,
                int ringSec, int talkSec, int gapSec) {

        boolean makesCall() {
            return ending != Ending.NO_CALL;
        }

        CallOutcome outcome() {
            if (ending == Ending.LOST) {
                return CallOutcome.UNKNOWN;
            }
            if (answered) {
                return CallOutcome.ANSWERED;
            }
            return inbound ? CallOutcome.MISSED : CallOutcome.CANCELLED;
        }

        long expectedTalk() {
            return talkSec * 1000L - 100; // answer at ESTABLISHED, 100 ms after the off hook
        }

        long expectedHold() {
            return holds == 0 ? 0 : holds * segment();
        }

        long segment() {
            return (talkSec * 1000L - 100) / (2L * holds + 1);
        }
    }

    @Provide
    Arbitrary<Flow> flows() {
        return Combinators.combine(
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                Arbitraries.of(Ending.class), Arbitraries.of(true, false), Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(1, 900), Arbitraries.integers().between(0, 600))
                .as(Flow::new);
    }

    /** The events of the flows; the index of each flow's start in {@code starts}. */
    private static List<PhoneEvent> events(List<Flow> flows, boolean duplicate) {
        List<PhoneEvent> out = new ArrayList<>();
        long t = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
        int n = 0;
        for (Flow f : flows) {
            n++;
            String remote = String.valueOf(2000 + n);
            String id = f.withCallId() ? String.valueOf(n) : null;
            List<Object[]> ev = new ArrayList<>(); // {type, time, remote, callId}
            if (f.ending() == Ending.NO_CALL) {
                ev.add(new Object[] {EventType.OFF_HOOK, t, null, null});
                ev.add(new Object[] {EventType.ON_HOOK, t + 2000, null, null});
                t += 2000;
            } else {
                long answerAt;
                if (f.inbound()) {
                    ev.add(new Object[] {EventType.INCOMING_CALL, t, remote, id});
                    answerAt = t + f.ringSec() * 1000L;
                    if (f.answered()) {
                        ev.add(new Object[] {EventType.OFF_HOOK, answerAt, null, id});
                    }
                } else {
                    ev.add(new Object[] {EventType.OFF_HOOK, t, null, null});
                    ev.add(new Object[] {EventType.OUTGOING_CALL, t + 2000, remote, id});
                    answerAt = t + 2000 + f.ringSec() * 1000L;
                }
                long end;
                if (f.answered()) {
                    ev.add(new Object[] {EventType.ESTABLISHED, answerAt + 100, null, id});
                    end = answerAt + f.talkSec() * 1000L;
                    for (int h = 0; h < f.holds(); h++) {
                        long seg = f.segment();
                        ev.add(new Object[] {EventType.HOLD, answerAt + 100 + (2L * h + 1) * seg, null, id});
                        ev.add(new Object[] {EventType.UNHOLD, answerAt + 100 + (2L * h + 2) * seg, null, id});
                    }
                } else {
                    end = answerAt;
                }
                switch (f.ending()) {
                    case NORMAL -> {
                        if (f.answered()) {
                            ev.add(new Object[] {EventType.TERMINATED, end, remote, id});
                        } else if (f.inbound()) {
                            ev.add(new Object[] {EventType.MISSED_CALL, end, remote, id});
                            ev.add(new Object[] {EventType.TERMINATED, end + 100, remote, id});
                        } else {
                            ev.add(new Object[] {EventType.CANCEL_CALL_OUT, end, remote, id});
                        }
                        if (f.answered() || !f.inbound()) {
                            ev.add(new Object[] {EventType.ON_HOOK, end + 200, remote, id});
                        }
                    }
                    case HOOK_ONLY -> ev.add(new Object[] {
                            f.inbound() && !f.answered() ? EventType.TERMINATED : EventType.ON_HOOK, end, null, null});
                    default -> { }
                }
                t = end + 300;
                if (f.ending() == Ending.LOST) {
                    t += Duration.ofHours(5).toMillis();
                }
            }
            t += f.gapSec() * 1000L + 1000;
            for (Object[] e : ev) {
                PhoneEvent pe = ev(DEVICE, (EventType) e[0], Instant.ofEpochMilli((Long) e[1]),
                        (String) e[2], (String) e[3], Map.of());
                out.add(pe);
                if (duplicate) {
                    out.add(ev(DEVICE, (EventType) e[0], Instant.ofEpochMilli((Long) e[1] + 5),
                            (String) e[2], (String) e[3], Map.of()));
                }
            }
        }
        return out;
    }

    /** Runs like the topology: a punctuator expiry at each event's time, then the event. */
    private static List<CallSession> drive(List<PhoneEvent> events, List<StoredCalls> finalState) {
        CallCorrelator c = Events.correlator(Map.of());
        StoredCalls state = null;
        List<CallSession> sessions = new ArrayList<>();
        for (PhoneEvent e : events) {
            Step x = c.expire(state, e.getOccurredAt());
            sessions.addAll(x.sessions());
            state = roundTrip(x.state());
            Step s = c.apply(state, e);
            sessions.addAll(s.sessions());
            state = roundTrip(s.state());
        }
        long last = state == null ? 0 : state.getLastEventAt();
        Step x = c.expire(state, Instant.ofEpochMilli(last).plus(Duration.ofHours(5)));
        sessions.addAll(x.sessions());
        finalState.add(x.state());
        return sessions;
    }

    /** The state store round trip the topology does. */
    private static StoredCalls roundTrip(StoredCalls s) {
        if (s == null) {
            return null;
        }
        StoredCalls back = PhoneStateSerde.fromBytes(PhoneStateSerde.toBytes(PhoneState.empty(s.getDeviceId()).withCalls(s)))
                .calls();
        assertThat(back).isEqualTo(s);
        return back;
    }

    @Example
    void shouldNameEachOfTwoEqualCallsByItsOwnPosition() {
        // Found by jqwik (seed 1032718812264459744): two equal flows; the check took both for the first.
        Flow call = new Flow(true, true, 0, Ending.NORMAL, true, 1, 1, 0);
        everyCallEndsExactlyOnceWithConsistentTimes(List.of(call, call));
    }

    @Property(tries = 300)
    void everyCallEndsExactlyOnceWithConsistentTimes(@ForAll @Size(max = 6) List<@net.jqwik.api.From("flows") Flow> flows) {
        List<StoredCalls> end = new ArrayList<>();
        List<CallSession> sessions = drive(events(flows, false), end);
        List<Flow> calls = flows.stream().filter(Flow::makesCall).toList();
        // Each call's remote party is 2001 + its position among all flows (equal flows may repeat).
        List<Integer> positions = java.util.stream.IntStream.range(0, flows.size())
                .filter(i -> flows.get(i).makesCall()).boxed().toList();

        assertThat(sessions).hasSize(calls.size());
        assertThat(new HashSet<>(sessions.stream().map(CallSession::getSessionId).toList())).hasSize(sessions.size());
        for (int i = 0; i < calls.size(); i++) {
            Flow f = calls.get(i);
            CallSession s = sessions.get(i);
            assertThat(s.getDirection()).isEqualTo(f.inbound() ? Direction.INBOUND : Direction.OUTBOUND);
            assertThat(s.getOutcome()).as("%s", f).isEqualTo(f.outcome());
            assertThat(s.getRemoteUser()).isEqualTo(String.valueOf(2001 + positions.get(i)));
            long duration = s.getEndedAt().toEpochMilli() - s.getStartedAt().toEpochMilli();
            assertThat(duration).isNotNegative();
            assertThat(s.getHoldMillis()).isNotNegative();
            if (s.getTalkMillis() != null) {
                assertThat(s.getTalkMillis()).isBetween(0L, duration);
                assertThat(s.getHoldMillis()).isLessThanOrEqualTo(s.getTalkMillis());
            }
            if (s.getRingMillis() != null) {
                assertThat(s.getRingMillis()).isNotNegative();
            }
            if (f.answered() && f.ending() != Ending.LOST) {
                assertThat(s.getTalkMillis()).isEqualTo(f.expectedTalk());
                assertThat(s.getHoldMillis()).isEqualTo(f.expectedHold());
            }
            if (f.ending() != Ending.LOST && f.answered() && f.inbound()) {
                assertThat(s.getRingMillis()).isEqualTo(f.ringSec() * 1000L + 100);
            }
        }
        StoredCalls last = end.get(0);
        assertThat(last == null || PhoneCalls.noCallInProgress(last)).isTrue();
    }

    @Property(tries = 200)
    void duplicatedEventsChangeNothing(@ForAll @Size(max = 5) List<@net.jqwik.api.From("flows") Flow> flows) {
        List<CallSession> once = drive(events(flows, false), new ArrayList<>());
        List<CallSession> twice = drive(events(flows, true), new ArrayList<>());
        assertThat(twice).isEqualTo(once);
    }

    @Property(tries = 100)
    void aPhoneThatMadeNoCallGetsNoSession(@ForAll @Size(max = 5) List<@net.jqwik.api.From("flows") Flow> flows) {
        List<Flow> noCalls = flows.stream()
                .map(f -> new Flow(f.inbound(), f.answered(), f.holds(), Ending.NO_CALL, f.withCallId(),
                        f.ringSec(), f.talkSec(), f.gapSec()))
                .toList();
        assertThat(drive(events(noCalls, true), new ArrayList<>())).isEmpty();
    }
}
