package dev.hookline.processor.calls;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CallState;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.HookState;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.StoredCall;
import dev.hookline.schema.StoredCalls;
import dev.hookline.schema.StoredEndingCall;
import dev.hookline.schema.StoredRecentEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Per-phone call correlation: turns the phone's events, in order, into calls in progress
 * ({@link CallStateChange}) and finished calls ({@link CallSession}). Pure: no Kafka, no clock;
 * the caller keeps each phone's {@link StoredCalls} in a state store and calls {@link #expire}
 * periodically. A step never changes the state it is given: it returns a new one.
 */
public final class CallCorrelator {

    /**
     * Tuning, from the processor's settings ({@code ProcessorConfig#correlator}).
     *
     * @param maxOpenCalls     open calls kept per phone; the oldest is closed UNKNOWN beyond it
     * @param duplicateWindow  the same event type for the same call within this window counts once
     * @param staleUnanswered  an unanswered call (ringing, ringback) without events for this long is
     *                         closed UNKNOWN at the next event of the phone (its end was lost)
     * @param staleAnswered    an answered call without events for this long is closed UNKNOWN when
     *                         a new call starts on the phone
     * @param idleTimeout      any call without events for this long is closed UNKNOWN
     * @param pendingOffHookMax an off hook older than this is not taken as the start of a dialed call
     * @param reorderWindow    a call that ends unanswered is held this long (in the phone's time)
     *                         before its session is written, so an answer that arrives after the
     *                         end, but happened before it, still counts; zero writes it at once
     */
    public record Config(int maxOpenCalls, Duration duplicateWindow, Duration staleUnanswered,
                         Duration staleAnswered, Duration idleTimeout, Duration pendingOffHookMax,
                         Duration reorderWindow) {
    }

    /** How long the last ended call is remembered to ignore its late duplicates. */
    private static final long RECENT_END_MILLIS = 5_000;

    private final Config config;

    public CallCorrelator(Config config) {
        this.config = Objects.requireNonNull(config);
    }

    public Config config() {
        return config;
    }

    /** Applies one event of the phone to its state ({@code state} may be null for a new phone). */
    public Step apply(StoredCalls state, PhoneEvent event) {
        Work w = new Work(state == null ? PhoneCalls.none(event.getDeviceId()) : state);
        long t = event.getOccurredAt().toEpochMilli();
        EventType type = event.getType();
        releaseEndings(w, Math.max(w.lastEventAt, t));
        if (!isCallRelated(type)) {
            w.lastEventAt = Math.max(w.lastEventAt, t);
            return w.finish(t);
        }
        if (isLateForEndedCall(w, event, t)) {
            w.lastEventAt = Math.max(w.lastEventAt, t);
            return w.finish(t);
        }
        closeStale(w, t, type == EventType.INCOMING_CALL || type == EventType.OUTGOING_CALL);
        w.lastEventAt = Math.max(w.lastEventAt, t);
        switch (type) {
            case INCOMING_CALL -> onStart(w, event, t, Direction.INBOUND);
            case OUTGOING_CALL -> onStart(w, event, t, Direction.OUTBOUND);
            case OFF_HOOK -> onOffHook(w, event, t);
            case ON_HOOK -> onOnHook(w, event, t);
            case ESTABLISHED -> onEstablished(w, event, t);
            case ANSWER_NEW_INCOMING_CALL -> onAnswerNew(w, event, t);
            case TERMINATED -> onTerminated(w, event, t);
            case MISSED_CALL -> onUnansweredEnd(w, event, t, Direction.INBOUND, CallOutcome.MISSED);
            case REJECT_INCOMING_CALL -> onUnansweredEnd(w, event, t, Direction.INBOUND, CallOutcome.REJECTED);
            case FORWARD_INCOMING_CALL -> onUnansweredEnd(w, event, t, Direction.INBOUND, CallOutcome.FORWARDED);
            case CANCEL_CALL_OUT -> onUnansweredEnd(w, event, t, Direction.OUTBOUND, CallOutcome.CANCELLED);
            case REMOTE_BUSY -> onUnansweredEnd(w, event, t, Direction.OUTBOUND, CallOutcome.BUSY);
            case CALL_REMOTE_CANCELED -> onUnansweredEnd(w, event, t, null, null);
            case TRANSFER_CALL, BLIND_TRANSFER, ATTENDED_TRANSFER, TRANSFER_FINISHED -> onTransfer(w, event, t);
            case HOLD -> onHold(w, event, t);
            case UNHOLD -> onUnhold(w, event, t);
            default -> onCallInfo(w, event, t); // HELD, UNHELD, MUTE, UNMUTE, TRANSFER_FAILED
        }
        enforceMaxCalls(w);
        return w.finish(t);
    }

    /**
     * Closes, as UNKNOWN, every call without events for the idle timeout before {@code now}
     * (ended at its last event). Returns a null state when the phone has nothing open and has been
     * silent for the idle timeout, so the caller can delete it from the store.
     */
    public Step expire(StoredCalls state, Instant now) {
        if (state == null) {
            return new Step(null, List.of(), List.of());
        }
        Work w = new Work(state);
        long n = now.toEpochMilli();
        long idle = config.idleTimeout().toMillis();
        releaseEndings(w, n);
        for (StoredCall.Builder c : List.copyOf(w.calls)) {
            if (n - c.getLastEventAt() >= idle) {
                end(w, c, CallOutcome.UNKNOWN, c.getLastEventAt());
            }
        }
        if (w.pendingOffHookAt != null && n - w.pendingOffHookAt >= idle) {
            w.pendingOffHookAt = null;
        }
        if (w.recentEnd != null && n - w.recentEnd.getEndedAt() > RECENT_END_MILLIS) {
            w.recentEnd = null;
        }
        Step step = w.finish(n);
        if (w.calls.isEmpty() && w.ending.isEmpty() && w.pendingOffHookAt == null && n - w.lastEventAt >= idle) {
            return new Step(null, step.sessions(), step.changes());
        }
        return step;
    }

    /**
     * Writes the sessions of held unanswered endings whose reorder window has passed at
     * {@code now} (the phone's time, or the wall clock when its partition is quiet).
     */
    public Step releaseEndings(StoredCalls state, Instant now) {
        Work w = new Work(state);
        releaseEndings(w, now.toEpochMilli());
        return w.finish(now.toEpochMilli());
    }

    private void releaseEndings(Work w, long now) {
        long window = config.reorderWindow().toMillis();
        for (Ending e : List.copyOf(w.ending)) {
            if (now - e.endedAt() >= window) {
                w.removeEnding(e);
                writeSession(w, e.call(), e.outcome(), e.endedAt());
            }
        }
    }

    /**
     * An event that happened before the end of a call already ended and belongs to it, come
     * late (one phone's requests through two gateways, or a gateway's spool): an answer turns a
     * held unanswered end into ANSWERED; a start is the call's own and opens nothing new.
     */
    private boolean isLateForEndedCall(Work w, PhoneEvent e, long t) {
        EventType type = e.getType();
        boolean answer = type == EventType.ESTABLISHED || type == EventType.ANSWER_NEW_INCOMING_CALL;
        boolean start = type == EventType.INCOMING_CALL || type == EventType.OUTGOING_CALL;
        if (!answer && !start) {
            return false;
        }
        for (Ending ending : w.ending) {
            if (t <= ending.endedAt() && belongsTo(ending.call(), e)) {
                StoredCall.Builder c = ending.call();
                touch(c, e, t);
                if (answer) {
                    w.removeEnding(ending);
                    c.setAnsweredAt(c.getAnsweredAt() == null ? t : Math.min(c.getAnsweredAt(), t));
                    c.setAnswerConfirmed(true);
                    writeSession(w, c, CallOutcome.ANSWERED, ending.endedAt());
                }
                return true;
            }
        }
        return start && startedBeforeRecentEnd(w, e, t);
    }

    /**
     * A start that happened before the last call ended, naming that call: by its id (a new call
     * reusing the id would start after the end), or without ids by its party, strictly before.
     */
    private static boolean startedBeforeRecentEnd(Work w, PhoneEvent e, long t) {
        StoredRecentEnd r = w.recentEnd;
        if (r == null || t > r.getEndedAt()) {
            return false;
        }
        String callId = blankToNull(e.getCallId());
        if (callId != null || r.getCallId() != null) {
            return Objects.equals(callId, r.getCallId());
        }
        String remote = blankToNull(e.getRemoteUser());
        return t < r.getEndedAt() && remote != null && remote.equals(r.getRemoteUser());
    }

    /** The event names this call (its call id; else its party; else it names neither). */
    private static boolean belongsTo(StoredCall.Builder c, PhoneEvent e) {
        String callId = blankToNull(e.getCallId());
        if (callId != null && c.getCallId() != null) {
            return callId.equals(c.getCallId());
        }
        String remote = blankToNull(e.getRemoteUser());
        return remote == null || c.getRemoteUser() == null || remote.equals(c.getRemoteUser());
    }

    private static boolean isCallRelated(EventType type) {
        return switch (type) {
            case OFF_HOOK, ON_HOOK, INCOMING_CALL, OUTGOING_CALL, ESTABLISHED, TERMINATED, MISSED_CALL,
                 REJECT_INCOMING_CALL, FORWARD_INCOMING_CALL, ANSWER_NEW_INCOMING_CALL, CANCEL_CALL_OUT,
                 REMOTE_BUSY, CALL_REMOTE_CANCELED, HOLD, UNHOLD, HELD, UNHELD, MUTE, UNMUTE, TRANSFER_CALL,
                 BLIND_TRANSFER, ATTENDED_TRANSFER, TRANSFER_FINISHED, TRANSFER_FAILED -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- event handlers

    private void onStart(Work w, PhoneEvent e, long t, Direction dir) {
        String callId = blankToNull(e.getCallId());
        String remote = blankToNull(e.getRemoteUser());
        StoredCall.Builder same = null;
        for (StoredCall.Builder c : w.calls) {
            if (callId != null && callId.equals(c.getCallId())) {
                same = c;
                break;
            }
        }
        if (same != null && !(same.getDirection() == dir && same.getAnsweredAt() == null) && !isDuplicate(same, e, t)) {
            // the phone reuses a call id only after the call ended: that end was lost
            end(w, same, CallOutcome.UNKNOWN, same.getLastEventAt());
            same = null;
        }
        if (same == null && callId == null) {
            same = w.calls.stream()
                    .filter(c -> c.getDirection() == dir && c.getAnsweredAt() == null && c.getCallId() == null)
                    .filter(c -> Objects.equals(c.getRemoteUser(), remote))
                    .max(Comparator.comparingLong(StoredCall.Builder::getStartedAt)).orElse(null);
        }
        if (same != null) {
            if (!isDuplicate(same, e, t)) {
                touch(same, e, t);
            }
            return;
        }
        long startedAt = t;
        int extraEvents = 0;
        if (dir == Direction.OUTBOUND && w.pendingOffHookAt != null
                && t - w.pendingOffHookAt <= config.pendingOffHookMax().toMillis() && w.pendingOffHookAt <= t) {
            startedAt = w.pendingOffHookAt;
            extraEvents = 1;
        }
        w.pendingOffHookAt = null;
        StoredCall.Builder c = newCall(w, e, dir, startedAt, t);
        c.setEventCount(c.getEventCount() + extraEvents);
        if (dir == Direction.INBOUND) {
            c.setStatus(CallStatus.RINGING);
            c.setRingingAt(t);
        } else {
            c.setStatus(CallStatus.RINGBACK);
        }
    }

    private void onOffHook(Work w, PhoneEvent e, long t) {
        w.hook = HookState.OFF;
        StoredCall.Builder c = match(w, e, List.of(CallCorrelator::ringingInbound));
        if (c == null) {
            if (w.calls.isEmpty() && w.pendingOffHookAt == null) {
                w.pendingOffHookAt = t;
            }
            return;
        }
        if (isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.getAnsweredAt() == null) {
            c.setAnsweredAt(t);
            c.setAnswerConfirmed(false);
            c.setStatus(CallStatus.CONNECTED);
        }
    }

    private void onOnHook(Work w, PhoneEvent e, long t) {
        w.hook = HookState.ON;
        w.pendingOffHookAt = null;
        String callId = blankToNull(e.getCallId());
        for (StoredCall.Builder c : List.copyOf(w.calls)) {
            boolean named = callId != null && callId.equals(c.getCallId());
            // a call still ringing in (call waiting) survives hanging up the other one
            if (ringingInbound(c) && !named) {
                continue;
            }
            touch(c, e, t);
            endOrHold(w, c, defaultOutcome(c, e), t);
        }
    }

    private void onEstablished(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e,
                List.of(CallCorrelator::unanswered, x -> x.getStatus() == CallStatus.CONNECTED));
        if (c == null) {
            if (matchesRecentEnd(w, e, t)) {
                return;
            }
            // the start of this call was lost: the call exists from now on
            Direction dir = e.getDirection();
            if (dir == null) {
                dir = w.pendingOffHookAt != null ? Direction.OUTBOUND : Direction.INBOUND;
            }
            long startedAt = t;
            int extra = 0;
            if (dir == Direction.OUTBOUND && w.pendingOffHookAt != null && w.pendingOffHookAt <= t) {
                startedAt = w.pendingOffHookAt;
                extra = 1;
            }
            w.pendingOffHookAt = null;
            StoredCall.Builder n = newCall(w, e, dir, startedAt, t);
            n.setEventCount(n.getEventCount() + extra);
            n.setStatus(CallStatus.CONNECTED);
            n.setAnsweredAt(t);
            n.setAnswerConfirmed(true);
            return;
        }
        if (isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.getAnsweredAt() == null
                || (!c.getAnswerConfirmed() && c.getHoldStartedAt() == null && c.getHoldMillis() == 0
                        && t >= c.getAnsweredAt())) {
            c.setAnsweredAt(t);
        }
        c.setAnswerConfirmed(true);
        if (c.getStatus() != CallStatus.HELD) {
            c.setStatus(CallStatus.CONNECTED);
        }
    }

    private void onAnswerNew(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e, List.of(CallCorrelator::ringingInbound));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.getAnsweredAt() == null) {
            c.setAnsweredAt(t);
            c.setAnswerConfirmed(false);
            c.setStatus(CallStatus.CONNECTED);
        }
    }

    private void onTerminated(Work w, PhoneEvent e, long t) {
        Predicate<StoredCall.Builder> connected = x -> x.getStatus() == CallStatus.CONNECTED;
        Predicate<StoredCall.Builder> calling =
                x -> x.getStatus() == CallStatus.RINGBACK || x.getStatus() == CallStatus.DIALING;
        Predicate<StoredCall.Builder> ringing = x -> x.getStatus() == CallStatus.RINGING;
        Predicate<StoredCall.Builder> held = x -> x.getStatus() == CallStatus.HELD;
        // An ending without call id or party (Aastra's disconnected) may still say which line
        // state it ends: a ringing call that was missed while another one is connected.
        LineState lineState = e.getLineState();
        List<Predicate<StoredCall.Builder>> preferences = lineState == null ? List.of(connected, calling, ringing, held)
                : switch (lineState) {
                    case INCOMING -> List.of(ringing, connected, calling, held);
                    case OUTGOING, CALLING -> List.of(calling, connected, ringing, held);
                    default -> List.of(connected, calling, ringing, held);
                };
        StoredCall.Builder c = match(w, e, preferences);
        if (c == null) {
            return;
        }
        touch(c, e, t);
        endOrHold(w, c, defaultOutcome(c, e), t);
    }

    /** Endings of a call that was not answered: missed, rejected, forwarded, cancelled, busy. */
    private void onUnansweredEnd(Work w, PhoneEvent e, long t, Direction dir, CallOutcome outcome) {
        Predicate<StoredCall.Builder> fits = c -> c.getAnsweredAt() == null && (dir == null || c.getDirection() == dir);
        StoredCall.Builder c = match(w, e, List.of(fits));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (!fits.test(c)) {
            return; // e.g. "missed" for a call that was answered: counted, not an end
        }
        CallOutcome o = outcome != null ? outcome
                : c.getDirection() == Direction.INBOUND ? CallOutcome.MISSED : CallOutcome.CANCELLED;
        if (o == CallOutcome.FORWARDED) {
            c.setTransferTarget(blankToNull(e.getTransferTarget()));
        }
        end(w, c, o, t);
    }

    private void onTransfer(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e,
                List.of(x -> x.getStatus() == CallStatus.CONNECTED, x -> x.getStatus() == CallStatus.HELD));
        if (c == null) {
            return;
        }
        touch(c, e, t);
        String target = blankToNull(e.getTransferTarget());
        if (target == null && e.getType() == EventType.ATTENDED_TRANSFER) {
            // consultation call: the other open call's party is the target
            target = w.calls.stream().filter(x -> x != c).map(StoredCall.Builder::getRemoteUser)
                    .filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        }
        c.setTransferTarget(target);
        end(w, c, CallOutcome.TRANSFERRED, t);
    }

    private void onHold(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e, List.of(x -> x.getStatus() == CallStatus.CONNECTED));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.getStatus() == CallStatus.CONNECTED) {
            c.setStatus(CallStatus.HELD);
            c.setHoldStartedAt(t);
        }
    }

    private void onUnhold(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e, List.of(x -> x.getStatus() == CallStatus.HELD));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.getStatus() == CallStatus.HELD) {
            if (c.getHoldStartedAt() != null) {
                c.setHoldMillis(c.getHoldMillis() + Math.max(0, t - c.getHoldStartedAt()));
            }
            c.setHoldStartedAt(null);
            c.setStatus(CallStatus.CONNECTED);
        }
    }

    private void onCallInfo(Work w, PhoneEvent e, long t) {
        StoredCall.Builder c = match(w, e,
                List.of(x -> x.getStatus() == CallStatus.CONNECTED, x -> x.getStatus() == CallStatus.HELD));
        if (c != null && !isDuplicate(c, e, t)) {
            touch(c, e, t);
        }
    }

    // ---------------------------------------------------------------- matching

    private static boolean ringingInbound(StoredCall.Builder c) {
        return c.getDirection() == Direction.INBOUND && c.getAnsweredAt() == null;
    }

    private static boolean unanswered(StoredCall.Builder c) {
        return c.getAnsweredAt() == null;
    }

    /**
     * Finds the call an event belongs to: by call id; else by remote party; else the most
     * recent call fitting the preferences (in order) among those with no conflicting call id or
     * party; else the only open call if its call id does not conflict.
     */
    private static StoredCall.Builder match(Work w, PhoneEvent e, List<Predicate<StoredCall.Builder>> preferences) {
        if (w.calls.isEmpty()) {
            return null;
        }
        String callId = blankToNull(e.getCallId());
        String remote = blankToNull(e.getRemoteUser());
        if (callId != null) {
            for (StoredCall.Builder c : w.calls) {
                if (callId.equals(c.getCallId())) {
                    return c;
                }
            }
        }
        Predicate<StoredCall.Builder> idOk = c -> callId == null || c.getCallId() == null;
        if (remote != null) {
            StoredCall.Builder byRemote =
                    best(w.calls, c -> idOk.test(c) && remote.equals(c.getRemoteUser()), preferences);
            if (byRemote != null) {
                return byRemote;
            }
        }
        StoredCall.Builder loose =
                best(w.calls, c -> idOk.test(c) && (remote == null || c.getRemoteUser() == null), preferences);
        if (loose != null) {
            return loose;
        }
        if (w.calls.size() == 1 && idOk.test(w.calls.get(0))) {
            return w.calls.get(0);
        }
        return null;
    }

    private static StoredCall.Builder best(List<StoredCall.Builder> calls, Predicate<StoredCall.Builder> allowed,
                                           List<Predicate<StoredCall.Builder>> preferences) {
        for (Predicate<StoredCall.Builder> p : preferences) {
            StoredCall.Builder m = mostRecent(calls, allowed.and(p));
            if (m != null) {
                return m;
            }
        }
        return mostRecent(calls, allowed);
    }

    private static StoredCall.Builder mostRecent(List<StoredCall.Builder> calls, Predicate<StoredCall.Builder> p) {
        StoredCall.Builder found = null;
        for (StoredCall.Builder c : calls) {
            if (p.test(c) && (found == null || c.getStartedAt() >= found.getStartedAt())) {
                found = c;
            }
        }
        return found;
    }

    private boolean isDuplicate(StoredCall.Builder c, PhoneEvent e, long t) {
        return e.getType().name().equals(c.getLastEventType())
                && Math.abs(t - c.getLastEventAt()) < config.duplicateWindow().toMillis();
    }

    private static boolean matchesRecentEnd(Work w, PhoneEvent e, long t) {
        StoredRecentEnd r = w.recentEnd;
        if (r == null || Math.abs(t - r.getEndedAt()) > RECENT_END_MILLIS) {
            return false;
        }
        String callId = blankToNull(e.getCallId());
        if (callId != null && r.getCallId() != null) {
            return callId.equals(r.getCallId());
        }
        String remote = blankToNull(e.getRemoteUser());
        return remote == null || r.getRemoteUser() == null || remote.equals(r.getRemoteUser());
    }

    // ---------------------------------------------------------------- life cycle

    private StoredCall.Builder newCall(Work w, PhoneEvent e, Direction dir, long startedAt, long t) {
        StoredCall.Builder c = StoredCall.newBuilder();
        c.setCallId(blankToNull(e.getCallId()));
        c.setCallKey(uniqueKey(w, c.getCallId() != null ? c.getCallId().replace('/', '_') : "t" + startedAt));
        c.setDirection(dir);
        c.setStartedAt(startedAt);
        c.setLastEventAt(t);
        touch(c, e, t);
        w.calls.add(c);
        return c;
    }

    private static String uniqueKey(Work w, String base) {
        String key = base;
        int n = 1;
        while (true) {
            String k = key;
            if (w.calls.stream().noneMatch(c -> c.getCallKey().equals(k))) {
                return key;
            }
            key = base + "~" + (++n);
        }
    }

    /** Counts the event for the call and takes parties and device data it lacks. */
    private static void touch(StoredCall.Builder c, PhoneEvent e, long t) {
        c.setEventCount(c.getEventCount() + 1);
        c.setLastEventAt(Math.max(c.getLastEventAt(), t));
        c.setLastEventType(e.getType().name());
        if (c.getCallId() == null) {
            c.setCallId(blankToNull(e.getCallId()));
        }
        if (c.getRemoteUser() == null && blankToNull(e.getRemoteUser()) != null) {
            c.setRemoteUser(blankToNull(e.getRemoteUser()));
            c.setRemoteHost(blankToNull(e.getRemoteHost()));
        }
        if (c.getRemoteDisplayName() == null) {
            c.setRemoteDisplayName(blankToNull(e.getRemoteDisplayName()));
        }
        if (c.getLine() == null) {
            c.setLine(blankToNull(e.getLine()));
        }
        if (c.getLocalUser() == null && blankToNull(e.getLocalUser()) != null) {
            c.setLocalUser(blankToNull(e.getLocalUser()));
            c.setLocalHost(blankToNull(e.getLocalHost()));
        }
        if (c.getVendor() == null) {
            c.setVendor(blankToNull(e.getVendor()));
        }
        if (c.getModel() == null) {
            c.setModel(blankToNull(e.getModel()));
        }
    }

    private static CallOutcome defaultOutcome(StoredCall.Builder c, PhoneEvent e) {
        if (c.getAnsweredAt() != null) {
            return CallOutcome.ANSWERED;
        }
        LineState lineState = e.getLineState();
        if (lineState != null) {
            switch (lineState) {
                case INCOMING:
                    return CallOutcome.MISSED;
                case OUTGOING:
                    return CallOutcome.CANCELLED;
                case CALLING:
                    return CallOutcome.FAILED;
                case CONNECTED:
                    return CallOutcome.ANSWERED;
                default:
                    break;
            }
        }
        return c.getDirection() == Direction.INBOUND ? CallOutcome.MISSED : CallOutcome.CANCELLED;
    }

    /** Closes lost calls: unanswered ones idle too long, answered ones when a new call starts. */
    private void closeStale(Work w, long t, boolean newCallStarting) {
        for (StoredCall.Builder c : List.copyOf(w.calls)) {
            long idle = t - c.getLastEventAt();
            boolean stale = idle >= config.idleTimeout().toMillis()
                    || (c.getAnsweredAt() == null && idle >= config.staleUnanswered().toMillis())
                    || (newCallStarting && c.getAnsweredAt() != null && idle >= config.staleAnswered().toMillis());
            if (stale) {
                end(w, c, CallOutcome.UNKNOWN, c.getLastEventAt());
            }
        }
        if (w.pendingOffHookAt != null && t - w.pendingOffHookAt >= config.idleTimeout().toMillis()) {
            w.pendingOffHookAt = null;
        }
    }

    private void enforceMaxCalls(Work w) {
        while (w.calls.size() > config.maxOpenCalls()) {
            StoredCall.Builder oldest =
                    w.calls.stream().min(Comparator.comparingLong(StoredCall.Builder::getStartedAt)).orElseThrow();
            end(w, oldest, CallOutcome.UNKNOWN, oldest.getLastEventAt());
        }
    }

    /**
     * Ends the call; an unanswered end deduced from a hang-up (not said by the phone, as a
     * missed-call or busy event does) is held for the reorder window instead.
     */
    private void endOrHold(Work w, StoredCall.Builder c, CallOutcome outcome, long at) {
        boolean unanswered = outcome == CallOutcome.MISSED || outcome == CallOutcome.CANCELLED;
        if (!unanswered || config.reorderWindow().isZero()) {
            end(w, c, outcome, at);
            return;
        }
        w.removeCall(c);
        w.ending.add(new Ending(c, Math.max(at, c.getStartedAt()), outcome));
        w.changes.add(new CallStateChange(w.deviceId, c.getCallKey(), null));
        w.recentEnd = recentEnd(c, Math.max(at, c.getStartedAt()));
    }

    /** Writes the call's session and takes it off the phone's live calls. */
    private static void end(Work w, StoredCall.Builder c, CallOutcome outcome, long at) {
        writeSession(w, c, outcome, at);
        w.removeCall(c);
        w.changes.add(new CallStateChange(w.deviceId, c.getCallKey(), null));
    }

    private static void writeSession(Work w, StoredCall.Builder c, CallOutcome outcome, long at) {
        long endedAt = Math.max(at, c.getStartedAt());
        long hold = c.getHoldMillis();
        if (c.getHoldStartedAt() != null) {
            hold += Math.max(0, endedAt - c.getHoldStartedAt());
        }
        Long answeredAt = c.getAnsweredAt() == null ? null
                : Math.min(Math.max(c.getAnsweredAt(), c.getStartedAt()), endedAt);
        Long ring = c.getDirection() == Direction.INBOUND && answeredAt != null && c.getRingingAt() != null
                ? Math.max(0, answeredAt - c.getRingingAt()) : null;
        Long talk = answeredAt != null && outcome != CallOutcome.UNKNOWN ? endedAt - answeredAt : null;
        if (talk != null) {
            hold = Math.min(hold, talk);
        }
        CallSession s = CallSession.newBuilder()
                .setSessionId(w.deviceId + "-" + c.getCallKey() + "-" + c.getStartedAt())
                .setDeviceId(w.deviceId)
                .setLine(c.getLine())
                .setDirection(c.getDirection())
                .setLocalUser(c.getLocalUser())
                .setLocalHost(c.getLocalHost())
                .setRemoteUser(c.getRemoteUser())
                .setRemoteHost(c.getRemoteHost())
                .setRemoteDisplayName(c.getRemoteDisplayName())
                .setCallId(c.getCallId())
                .setStartedAt(Instant.ofEpochMilli(c.getStartedAt()))
                .setRingingAt(c.getRingingAt() == null ? null : Instant.ofEpochMilli(c.getRingingAt()))
                .setAnsweredAt(answeredAt == null ? null : Instant.ofEpochMilli(answeredAt))
                .setEndedAt(Instant.ofEpochMilli(endedAt))
                .setRingMillis(ring)
                .setTalkMillis(talk)
                .setHoldMillis(hold)
                .setOutcome(outcome)
                .setTransferTarget(c.getTransferTarget())
                .setEventCount(c.getEventCount())
                .setVendor(c.getVendor())
                .setModel(c.getModel())
                .build();
        w.sessions.add(s);
        if (w.recentEnd == null || endedAt >= w.recentEnd.getEndedAt()) {
            w.recentEnd = recentEnd(c, endedAt);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Empty values and unsubstituted variables ({@code $remote}) mean "absent". */
    static String blankToNull(CharSequence s) {
        if (s == null) {
            return null;
        }
        String v = s.toString().trim();
        return v.isEmpty() || v.startsWith("$") ? null : v;
    }

    private static StoredRecentEnd recentEnd(StoredCall.Builder c, long endedAt) {
        return StoredRecentEnd.newBuilder().setCallId(c.getCallId()).setRemoteUser(c.getRemoteUser())
                .setEndedAt(endedAt).build();
    }

    private static CallState callState(String deviceId, StoredCall c, long updatedAt) {
        return CallState.newBuilder()
                .setDeviceId(deviceId)
                .setCallKey(c.getCallKey())
                .setLine(c.getLine())
                .setDirection(c.getDirection())
                .setState(c.getStatus())
                .setLocalUser(c.getLocalUser())
                .setLocalHost(c.getLocalHost())
                .setRemoteUser(c.getRemoteUser())
                .setRemoteHost(c.getRemoteHost())
                .setRemoteDisplayName(c.getRemoteDisplayName())
                .setCallId(c.getCallId())
                .setStartedAt(Instant.ofEpochMilli(c.getStartedAt()))
                .setAnsweredAt(c.getAnsweredAt() == null ? null : Instant.ofEpochMilli(c.getAnsweredAt()))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    /** A held unanswered end during one step. */
    private record Ending(StoredCall.Builder call, long endedAt, CallOutcome outcome) {

        StoredEndingCall toStored() {
            return StoredEndingCall.newBuilder().setCall(call.build()).setEndedAt(endedAt)
                    .setOutcome(outcome.name()).build();
        }
    }

    /**
     * A phone's state during one step: its calls as builders (copies: the step's input stays as it
     * was, the caller may still hold it), built into a new {@link StoredCalls} at the end.
     */
    private static final class Work {
        final String deviceId;
        final List<Ending> ending = new ArrayList<>();
        final Map<String, StoredCall> before = new HashMap<>();
        HookState hook;
        Long pendingOffHookAt;
        long lastEventAt;
        final List<StoredCall.Builder> calls = new ArrayList<>();
        StoredRecentEnd recentEnd;
        final List<CallSession> sessions = new ArrayList<>();
        final List<CallStateChange> changes = new ArrayList<>();

        Work(StoredCalls s) {
            deviceId = s.getDeviceId();
            hook = s.getHook();
            pendingOffHookAt = s.getPendingOffHookAt();
            lastEventAt = s.getLastEventAt();
            recentEnd = s.getRecentEnd();
            for (StoredCall c : s.getCalls()) {
                before.put(c.getCallKey(), c);
                calls.add(working(c));
            }
            for (StoredEndingCall e : s.getEnding()) {
                ending.add(new Ending(working(e.getCall()), e.getEndedAt(), CallOutcome.valueOf(e.getOutcome())));
            }
        }

        // An Avro builder equals any other with the same fields set, whatever their values.
        void removeCall(StoredCall.Builder call) {
            calls.removeIf(c -> c == call);
        }

        void removeEnding(Ending end) {
            ending.removeIf(e -> e == end);
        }

        /** Direction and status are optional in the store; a call without them is taken as inbound, connected. */
        private static StoredCall.Builder working(StoredCall stored) {
            StoredCall.Builder c = StoredCall.newBuilder(stored);
            if (c.getDirection() == null) {
                c.setDirection(Direction.INBOUND);
            }
            if (c.getStatus() == null) {
                c.setStatus(CallStatus.CONNECTED);
            }
            return c;
        }

        Step finish(long t) {
            List<StoredCall> open = new ArrayList<>(calls.size());
            for (StoredCall.Builder c : calls) {
                StoredCall now = c.build();
                open.add(now);
                StoredCall was = before.get(now.getCallKey());
                if (was == null || visibleChange(was, now)) {
                    changes.add(new CallStateChange(deviceId, now.getCallKey(),
                            callState(deviceId, now, Math.max(t, now.getStartedAt()))));
                }
            }
            open.sort(Comparator.comparingLong(StoredCall::getStartedAt));
            StoredCalls state = StoredCalls.newBuilder()
                    .setDeviceId(deviceId)
                    .setHook(hook)
                    .setPendingOffHookAt(pendingOffHookAt)
                    .setLastEventAt(lastEventAt)
                    .setCalls(open)
                    .setRecentEnd(recentEnd)
                    .setEnding(ending.stream().map(Ending::toStored).toList())
                    .build();
            return new Step(state, sessions, changes);
        }

        private static boolean visibleChange(StoredCall a, StoredCall b) {
            return a.getStartedAt() != b.getStartedAt() || a.getStatus() != b.getStatus()
                    || !Objects.equals(a.getAnsweredAt(), b.getAnsweredAt())
                    || !Objects.equals(a.getCallId(), b.getCallId())
                    || !Objects.equals(a.getRemoteUser(), b.getRemoteUser())
                    || !Objects.equals(a.getRemoteDisplayName(), b.getRemoteDisplayName())
                    || !Objects.equals(a.getLine(), b.getLine())
                    || !Objects.equals(a.getLocalUser(), b.getLocalUser());
        }
    }
}
