package dev.hookline.processor.calls;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CallState;
import dev.hookline.schema.CallStatus;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
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
 * the caller keeps {@link DeviceCalls} in a state store and calls {@link #expire} periodically.
 */
public final class CallCorrelator {

    /** Default time without events after which an open call is closed as UNKNOWN. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(4);

    /**
     * Tuning.
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
        public static Config defaults() {
            return new Config(8, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1),
                    DEFAULT_IDLE_TIMEOUT, Duration.ofMinutes(10), Duration.ZERO);
        }

        public Config withReorderWindow(Duration window) {
            return new Config(maxOpenCalls, duplicateWindow, staleUnanswered, staleAnswered, idleTimeout,
                    pendingOffHookMax, window);
        }
    }

    /** How long the last ended call is remembered to ignore its late duplicates. */
    private static final long RECENT_END_MILLIS = 5_000;

    private final Config config;

    public CallCorrelator() {
        this(Config.defaults());
    }

    public CallCorrelator(Config config) {
        this.config = Objects.requireNonNull(config);
    }

    public Config config() {
        return config;
    }

    /** Applies one event of the phone to its state ({@code state} may be null for a new phone). */
    public Step apply(DeviceCalls state, PhoneEvent event) {
        Work w = new Work(state == null ? DeviceCalls.empty(event.getDeviceId()) : state);
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
     * Closes, as UNKNOWN, every call without events for {@code idleTimeout} before {@code now}
     * (ended at its last event). Returns a null state when the phone has nothing open and has been
     * silent for {@code idleTimeout}, so the caller can delete it from the store.
     */
    public Step expire(DeviceCalls state, Instant now, Duration idleTimeout) {
        if (state == null) {
            return new Step(null, List.of(), List.of());
        }
        Work w = new Work(state);
        long n = now.toEpochMilli();
        long idle = idleTimeout.toMillis();
        releaseEndings(w, n);
        for (MCall c : List.copyOf(w.calls)) {
            if (n - c.lastEventAt >= idle) {
                end(w, c, CallOutcome.UNKNOWN, c.lastEventAt);
            }
        }
        if (w.pendingOffHookAt != null && n - w.pendingOffHookAt >= idle) {
            w.pendingOffHookAt = null;
        }
        if (w.recentEnd != null && n - w.recentEnd.endedAt() > RECENT_END_MILLIS) {
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
    public Step releaseEndings(DeviceCalls state, Instant now) {
        Work w = new Work(state);
        releaseEndings(w, now.toEpochMilli());
        return w.finish(now.toEpochMilli());
    }

    private void releaseEndings(Work w, long now) {
        long window = config.reorderWindow().toMillis();
        for (Ending e : List.copyOf(w.ending)) {
            if (now - e.endedAt() >= window) {
                w.ending.remove(e);
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
                MCall c = ending.call();
                touch(c, e, t);
                if (answer) {
                    w.ending.remove(ending);
                    c.answeredAt = c.answeredAt == null ? t : Math.min(c.answeredAt, t);
                    c.answerConfirmed = true;
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
        DeviceCalls.RecentEnd r = w.recentEnd;
        if (r == null || t > r.endedAt()) {
            return false;
        }
        String callId = blankToNull(e.getCallId());
        if (callId != null || r.callId() != null) {
            return Objects.equals(callId, r.callId());
        }
        String remote = blankToNull(e.getRemoteUser());
        return t < r.endedAt() && remote != null && remote.equals(r.remoteUser());
    }

    /** The event names this call (its call id; else its party; else it names neither). */
    private static boolean belongsTo(MCall c, PhoneEvent e) {
        String callId = blankToNull(e.getCallId());
        if (callId != null && c.callId != null) {
            return callId.equals(c.callId);
        }
        String remote = blankToNull(e.getRemoteUser());
        return remote == null || c.remoteUser == null || remote.equals(c.remoteUser);
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
        MCall same = null;
        for (MCall c : w.calls) {
            if (callId != null && callId.equals(c.callId)) {
                same = c;
                break;
            }
        }
        if (same != null && !(same.direction == dir && same.answeredAt == null) && !isDuplicate(same, e, t)) {
            // the phone reuses a call id only after the call ended: that end was lost
            end(w, same, CallOutcome.UNKNOWN, same.lastEventAt);
            same = null;
        }
        if (same == null && callId == null) {
            same = w.calls.stream()
                    .filter(c -> c.direction == dir && c.answeredAt == null && c.callId == null)
                    .filter(c -> Objects.equals(c.remoteUser, remote))
                    .max(Comparator.comparingLong(c -> c.startedAt)).orElse(null);
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
        MCall c = newCall(w, e, dir, startedAt, t);
        c.eventCount += extraEvents;
        if (dir == Direction.INBOUND) {
            c.status = CallStatus.RINGING;
            c.ringingAt = t;
        } else {
            c.status = CallStatus.RINGBACK;
        }
    }

    private void onOffHook(Work w, PhoneEvent e, long t) {
        w.hook = DeviceCalls.Hook.OFF;
        MCall c = match(w, e, List.of(CallCorrelator::ringingInbound));
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
        if (c.answeredAt == null) {
            c.answeredAt = t;
            c.answerConfirmed = false;
            c.status = CallStatus.CONNECTED;
        }
    }

    private void onOnHook(Work w, PhoneEvent e, long t) {
        w.hook = DeviceCalls.Hook.ON;
        w.pendingOffHookAt = null;
        String callId = blankToNull(e.getCallId());
        for (MCall c : List.copyOf(w.calls)) {
            boolean named = callId != null && callId.equals(c.callId);
            // a call still ringing in (call waiting) survives hanging up the other one
            if (ringingInbound(c) && !named) {
                continue;
            }
            touch(c, e, t);
            endOrHold(w, c, defaultOutcome(c, e), t);
        }
    }

    private void onEstablished(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(CallCorrelator::unanswered, x -> x.status == CallStatus.CONNECTED));
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
            MCall n = newCall(w, e, dir, startedAt, t);
            n.eventCount += extra;
            n.status = CallStatus.CONNECTED;
            n.answeredAt = t;
            n.answerConfirmed = true;
            return;
        }
        if (isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.answeredAt == null
                || (!c.answerConfirmed && c.holdStartedAt == null && c.holdMillis == 0 && t >= c.answeredAt)) {
            c.answeredAt = t;
        }
        c.answerConfirmed = true;
        if (c.status != CallStatus.HELD) {
            c.status = CallStatus.CONNECTED;
        }
    }

    private void onAnswerNew(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(CallCorrelator::ringingInbound));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.answeredAt == null) {
            c.answeredAt = t;
            c.answerConfirmed = false;
            c.status = CallStatus.CONNECTED;
        }
    }

    private void onTerminated(Work w, PhoneEvent e, long t) {
        Predicate<MCall> connected = x -> x.status == CallStatus.CONNECTED;
        Predicate<MCall> calling = x -> x.status == CallStatus.RINGBACK || x.status == CallStatus.DIALING;
        Predicate<MCall> ringing = x -> x.status == CallStatus.RINGING;
        Predicate<MCall> held = x -> x.status == CallStatus.HELD;
        // An ending without call id or party (Aastra's disconnected) may still say which line
        // state it ends: a ringing call that was missed while another one is connected.
        LineState lineState = e.getLineState();
        List<Predicate<MCall>> preferences = lineState == null ? List.of(connected, calling, ringing, held)
                : switch (lineState) {
                    case INCOMING -> List.of(ringing, connected, calling, held);
                    case OUTGOING, CALLING -> List.of(calling, connected, ringing, held);
                    default -> List.of(connected, calling, ringing, held);
                };
        MCall c = match(w, e, preferences);
        if (c == null) {
            return;
        }
        touch(c, e, t);
        endOrHold(w, c, defaultOutcome(c, e), t);
    }

    /** Endings of a call that was not answered: missed, rejected, forwarded, cancelled, busy. */
    private void onUnansweredEnd(Work w, PhoneEvent e, long t, Direction dir, CallOutcome outcome) {
        Predicate<MCall> fits = c -> c.answeredAt == null && (dir == null || c.direction == dir);
        MCall c = match(w, e, List.of(fits));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (!fits.test(c)) {
            return; // e.g. "missed" for a call that was answered: counted, not an end
        }
        CallOutcome o = outcome != null ? outcome
                : c.direction == Direction.INBOUND ? CallOutcome.MISSED : CallOutcome.CANCELLED;
        if (o == CallOutcome.FORWARDED) {
            c.transferTarget = blankToNull(e.getTransferTarget());
        }
        end(w, c, o, t);
    }

    private void onTransfer(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(x -> x.status == CallStatus.CONNECTED, x -> x.status == CallStatus.HELD));
        if (c == null) {
            return;
        }
        touch(c, e, t);
        String target = blankToNull(e.getTransferTarget());
        if (target == null && e.getType() == EventType.ATTENDED_TRANSFER) {
            // consultation call: the other open call's party is the target
            target = w.calls.stream().filter(x -> x != c).map(x -> x.remoteUser)
                    .filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        }
        c.transferTarget = target;
        end(w, c, CallOutcome.TRANSFERRED, t);
    }

    private void onHold(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(x -> x.status == CallStatus.CONNECTED));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.status == CallStatus.CONNECTED) {
            c.status = CallStatus.HELD;
            c.holdStartedAt = t;
        }
    }

    private void onUnhold(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(x -> x.status == CallStatus.HELD));
        if (c == null || isDuplicate(c, e, t)) {
            return;
        }
        touch(c, e, t);
        if (c.status == CallStatus.HELD) {
            if (c.holdStartedAt != null) {
                c.holdMillis += Math.max(0, t - c.holdStartedAt);
            }
            c.holdStartedAt = null;
            c.status = CallStatus.CONNECTED;
        }
    }

    private void onCallInfo(Work w, PhoneEvent e, long t) {
        MCall c = match(w, e, List.of(x -> x.status == CallStatus.CONNECTED, x -> x.status == CallStatus.HELD));
        if (c != null && !isDuplicate(c, e, t)) {
            touch(c, e, t);
        }
    }

    // ---------------------------------------------------------------- matching

    private static boolean ringingInbound(MCall c) {
        return c.direction == Direction.INBOUND && c.answeredAt == null;
    }

    private static boolean unanswered(MCall c) {
        return c.answeredAt == null;
    }

    /**
     * Finds the call an event belongs to: by call id; else by remote party; else the most
     * recent call fitting the preferences (in order) among those with no conflicting call id or
     * party; else the only open call if its call id does not conflict.
     */
    private static MCall match(Work w, PhoneEvent e, List<Predicate<MCall>> preferences) {
        if (w.calls.isEmpty()) {
            return null;
        }
        String callId = blankToNull(e.getCallId());
        String remote = blankToNull(e.getRemoteUser());
        if (callId != null) {
            for (MCall c : w.calls) {
                if (callId.equals(c.callId)) {
                    return c;
                }
            }
        }
        Predicate<MCall> idOk = c -> callId == null || c.callId == null;
        if (remote != null) {
            MCall byRemote = best(w.calls, c -> idOk.test(c) && remote.equals(c.remoteUser), preferences);
            if (byRemote != null) {
                return byRemote;
            }
        }
        MCall loose = best(w.calls, c -> idOk.test(c) && (remote == null || c.remoteUser == null), preferences);
        if (loose != null) {
            return loose;
        }
        if (w.calls.size() == 1 && idOk.test(w.calls.get(0))) {
            return w.calls.get(0);
        }
        return null;
    }

    private static MCall best(List<MCall> calls, Predicate<MCall> allowed, List<Predicate<MCall>> preferences) {
        for (Predicate<MCall> p : preferences) {
            MCall m = mostRecent(calls, allowed.and(p));
            if (m != null) {
                return m;
            }
        }
        return mostRecent(calls, allowed);
    }

    private static MCall mostRecent(List<MCall> calls, Predicate<MCall> p) {
        MCall found = null;
        for (MCall c : calls) {
            if (p.test(c) && (found == null || c.startedAt >= found.startedAt)) {
                found = c;
            }
        }
        return found;
    }

    private boolean isDuplicate(MCall c, PhoneEvent e, long t) {
        return e.getType().name().equals(c.lastEventType)
                && Math.abs(t - c.lastEventAt) < config.duplicateWindow().toMillis();
    }

    private static boolean matchesRecentEnd(Work w, PhoneEvent e, long t) {
        DeviceCalls.RecentEnd r = w.recentEnd;
        if (r == null || Math.abs(t - r.endedAt()) > RECENT_END_MILLIS) {
            return false;
        }
        String callId = blankToNull(e.getCallId());
        if (callId != null && r.callId() != null) {
            return callId.equals(r.callId());
        }
        String remote = blankToNull(e.getRemoteUser());
        return remote == null || r.remoteUser() == null || remote.equals(r.remoteUser());
    }

    // ---------------------------------------------------------------- life cycle

    private MCall newCall(Work w, PhoneEvent e, Direction dir, long startedAt, long t) {
        MCall c = new MCall();
        c.callId = blankToNull(e.getCallId());
        c.callKey = uniqueKey(w, c.callId != null ? c.callId.replace('/', '_') : "t" + startedAt);
        c.direction = dir;
        c.startedAt = startedAt;
        c.lastEventAt = t;
        touch(c, e, t);
        w.calls.add(c);
        return c;
    }

    private static String uniqueKey(Work w, String base) {
        String key = base;
        int n = 1;
        while (true) {
            String k = key;
            if (w.calls.stream().noneMatch(c -> c.callKey.equals(k))) {
                return key;
            }
            key = base + "~" + (++n);
        }
    }

    /** Counts the event for the call and takes parties and device data it lacks. */
    private static void touch(MCall c, PhoneEvent e, long t) {
        c.eventCount++;
        c.lastEventAt = Math.max(c.lastEventAt, t);
        c.lastEventType = e.getType().name();
        if (c.callId == null) {
            c.callId = blankToNull(e.getCallId());
        }
        if (c.remoteUser == null && blankToNull(e.getRemoteUser()) != null) {
            c.remoteUser = blankToNull(e.getRemoteUser());
            c.remoteHost = blankToNull(e.getRemoteHost());
        }
        if (c.remoteDisplayName == null) {
            c.remoteDisplayName = blankToNull(e.getRemoteDisplayName());
        }
        if (c.line == null) {
            c.line = blankToNull(e.getLine());
        }
        if (c.localUser == null && blankToNull(e.getLocalUser()) != null) {
            c.localUser = blankToNull(e.getLocalUser());
            c.localHost = blankToNull(e.getLocalHost());
        }
        if (c.vendor == null) {
            c.vendor = blankToNull(e.getVendor());
        }
        if (c.model == null) {
            c.model = blankToNull(e.getModel());
        }
    }

    private static CallOutcome defaultOutcome(MCall c, PhoneEvent e) {
        if (c.answeredAt != null) {
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
        return c.direction == Direction.INBOUND ? CallOutcome.MISSED : CallOutcome.CANCELLED;
    }

    /** Closes lost calls: unanswered ones idle too long, answered ones when a new call starts. */
    private void closeStale(Work w, long t, boolean newCallStarting) {
        for (MCall c : List.copyOf(w.calls)) {
            long idle = t - c.lastEventAt;
            boolean stale = idle >= config.idleTimeout().toMillis()
                    || (c.answeredAt == null && idle >= config.staleUnanswered().toMillis())
                    || (newCallStarting && c.answeredAt != null && idle >= config.staleAnswered().toMillis());
            if (stale) {
                end(w, c, CallOutcome.UNKNOWN, c.lastEventAt);
            }
        }
        if (w.pendingOffHookAt != null && t - w.pendingOffHookAt >= config.idleTimeout().toMillis()) {
            w.pendingOffHookAt = null;
        }
    }

    private void enforceMaxCalls(Work w) {
        while (w.calls.size() > config.maxOpenCalls()) {
            MCall oldest = w.calls.stream().min(Comparator.comparingLong(c -> c.startedAt)).orElseThrow();
            end(w, oldest, CallOutcome.UNKNOWN, oldest.lastEventAt);
        }
    }

    /**
     * Ends the call; an unanswered end deduced from a hang-up (not said by the phone, as a
     * missed-call or busy event does) is held for the reorder window instead.
     */
    private void endOrHold(Work w, MCall c, CallOutcome outcome, long at) {
        boolean unanswered = outcome == CallOutcome.MISSED || outcome == CallOutcome.CANCELLED;
        if (!unanswered || config.reorderWindow().isZero()) {
            end(w, c, outcome, at);
            return;
        }
        w.calls.remove(c);
        w.ending.add(new Ending(c, Math.max(at, c.startedAt), outcome));
        w.changes.add(new CallStateChange(w.deviceId, c.callKey, null));
        w.recentEnd = new DeviceCalls.RecentEnd(c.callId, c.remoteUser, Math.max(at, c.startedAt));
    }

    /** Writes the call's session and takes it off the phone's live calls. */
    private static void end(Work w, MCall c, CallOutcome outcome, long at) {
        writeSession(w, c, outcome, at);
        w.calls.remove(c);
        w.changes.add(new CallStateChange(w.deviceId, c.callKey, null));
    }

    private static void writeSession(Work w, MCall c, CallOutcome outcome, long at) {
        long endedAt = Math.max(at, c.startedAt);
        long hold = c.holdMillis;
        if (c.holdStartedAt != null) {
            hold += Math.max(0, endedAt - c.holdStartedAt);
        }
        Long answeredAt = c.answeredAt == null ? null : Math.min(Math.max(c.answeredAt, c.startedAt), endedAt);
        Long ring = c.direction == Direction.INBOUND && answeredAt != null && c.ringingAt != null
                ? Math.max(0, answeredAt - c.ringingAt) : null;
        Long talk = answeredAt != null && outcome != CallOutcome.UNKNOWN ? endedAt - answeredAt : null;
        if (talk != null) {
            hold = Math.min(hold, talk);
        }
        CallSession s = CallSession.newBuilder()
                .setSessionId(w.deviceId + "-" + c.callKey + "-" + c.startedAt)
                .setDeviceId(w.deviceId)
                .setLine(c.line)
                .setDirection(c.direction)
                .setLocalUser(c.localUser)
                .setLocalHost(c.localHost)
                .setRemoteUser(c.remoteUser)
                .setRemoteHost(c.remoteHost)
                .setRemoteDisplayName(c.remoteDisplayName)
                .setCallId(c.callId)
                .setStartedAt(Instant.ofEpochMilli(c.startedAt))
                .setRingingAt(c.ringingAt == null ? null : Instant.ofEpochMilli(c.ringingAt))
                .setAnsweredAt(answeredAt == null ? null : Instant.ofEpochMilli(answeredAt))
                .setEndedAt(Instant.ofEpochMilli(endedAt))
                .setRingMillis(ring)
                .setTalkMillis(talk)
                .setHoldMillis(hold)
                .setOutcome(outcome)
                .setTransferTarget(c.transferTarget)
                .setEventCount(c.eventCount)
                .setVendor(c.vendor)
                .setModel(c.model)
                .build();
        w.sessions.add(s);
        if (w.recentEnd == null || endedAt >= w.recentEnd.endedAt()) {
            w.recentEnd = new DeviceCalls.RecentEnd(c.callId, c.remoteUser, endedAt);
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

    /** Mutable working copy of a call during one step. */
    private static final class MCall {
        String callKey;
        String callId;
        Direction direction;
        CallStatus status;
        String line;
        String localUser;
        String localHost;
        String remoteUser;
        String remoteHost;
        String remoteDisplayName;
        String vendor;
        String model;
        long startedAt;
        Long ringingAt;
        Long answeredAt;
        boolean answerConfirmed;
        Long holdStartedAt;
        long holdMillis;
        int eventCount;
        long lastEventAt;
        String lastEventType;
        String transferTarget;

        static MCall of(OpenCall o) {
            MCall c = new MCall();
            c.callKey = o.callKey();
            c.callId = o.callId();
            c.direction = o.direction() == null ? Direction.INBOUND : o.direction();
            c.status = o.status() == null ? CallStatus.CONNECTED : o.status();
            c.line = o.line();
            c.localUser = o.localUser();
            c.localHost = o.localHost();
            c.remoteUser = o.remoteUser();
            c.remoteHost = o.remoteHost();
            c.remoteDisplayName = o.remoteDisplayName();
            c.vendor = o.vendor();
            c.model = o.model();
            c.startedAt = o.startedAt();
            c.ringingAt = o.ringingAt();
            c.answeredAt = o.answeredAt();
            c.answerConfirmed = o.answerConfirmed();
            c.holdStartedAt = o.holdStartedAt();
            c.holdMillis = o.holdMillis();
            c.eventCount = o.eventCount();
            c.lastEventAt = o.lastEventAt();
            c.lastEventType = o.lastEventType();
            c.transferTarget = o.transferTarget();
            return c;
        }

        OpenCall toRecord() {
            return new OpenCall(callKey, callId, direction, status, line, localUser, localHost, remoteUser,
                    remoteHost, remoteDisplayName, vendor, model, startedAt, ringingAt, answeredAt,
                    answerConfirmed, holdStartedAt, holdMillis, eventCount, lastEventAt, lastEventType,
                    transferTarget);
        }

        CallState toCallState(String deviceId, long updatedAt) {
            return CallState.newBuilder()
                    .setDeviceId(deviceId)
                    .setCallKey(callKey)
                    .setLine(line)
                    .setDirection(direction)
                    .setState(status)
                    .setLocalUser(localUser)
                    .setLocalHost(localHost)
                    .setRemoteUser(remoteUser)
                    .setRemoteHost(remoteHost)
                    .setRemoteDisplayName(remoteDisplayName)
                    .setCallId(callId)
                    .setStartedAt(Instant.ofEpochMilli(startedAt))
                    .setAnsweredAt(answeredAt == null ? null : Instant.ofEpochMilli(answeredAt))
                    .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                    .build();
        }
    }

    /** A held unanswered end during one step. */
    private record Ending(MCall call, long endedAt, CallOutcome outcome) {
    }

    /** Mutable working copy of a phone's state during one step. */
    private static final class Work {
        final String deviceId;
        final List<Ending> ending = new ArrayList<>();
        final Map<String, OpenCall> before = new HashMap<>();
        DeviceCalls.Hook hook;
        Long pendingOffHookAt;
        long lastEventAt;
        final List<MCall> calls = new ArrayList<>();
        DeviceCalls.RecentEnd recentEnd;
        final List<CallSession> sessions = new ArrayList<>();
        final List<CallStateChange> changes = new ArrayList<>();

        Work(DeviceCalls s) {
            deviceId = s.deviceId();
            hook = s.hook();
            pendingOffHookAt = s.pendingOffHookAt();
            lastEventAt = s.lastEventAt();
            recentEnd = s.recentEnd();
            for (OpenCall o : s.calls()) {
                before.put(o.callKey(), o);
                calls.add(MCall.of(o));
            }
            for (DeviceCalls.EndingCall e : s.ending()) {
                ending.add(new Ending(MCall.of(e.call()), e.endedAt(), e.outcome()));
            }
        }

        Step finish(long t) {
            List<OpenCall> open = new ArrayList<>();
            for (MCall c : calls) {
                OpenCall now = c.toRecord();
                open.add(now);
                OpenCall was = before.get(c.callKey);
                if (was == null || visibleChange(was, now)) {
                    changes.add(new CallStateChange(deviceId, c.callKey, c.toCallState(deviceId, Math.max(t, c.startedAt))));
                }
            }
            open.sort(Comparator.comparingLong(OpenCall::startedAt));
            List<DeviceCalls.EndingCall> held = ending.stream()
                    .map(e -> new DeviceCalls.EndingCall(e.call().toRecord(), e.endedAt(), e.outcome())).toList();
            return new Step(new DeviceCalls(deviceId, hook, pendingOffHookAt, lastEventAt, open, recentEnd, held),
                    sessions, changes);
        }

        private static boolean visibleChange(OpenCall a, OpenCall b) {
            return a.startedAt() != b.startedAt() || a.status() != b.status()
                    || !Objects.equals(a.answeredAt(), b.answeredAt())
                    || !Objects.equals(a.callId(), b.callId())
                    || !Objects.equals(a.remoteUser(), b.remoteUser())
                    || !Objects.equals(a.remoteDisplayName(), b.remoteDisplayName())
                    || !Objects.equals(a.line(), b.line())
                    || !Objects.equals(a.localUser(), b.localUser());
        }
    }
}
