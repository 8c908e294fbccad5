package dev.hookline.testkit.sim;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Writes one episode of one phone: a time cursor, the vendor's URL for each event filled with
 * the phone's values, and the calls to expect. Events the vendor does not have are skipped.
 */
final class EpisodeBuilder {

    private final PhoneIdentity phone;
    private final PlannedPhone state;
    private final Timing timing;
    private final Random random;
    private final int fleetSize;
    private final long sameRequestGapMillis;
    private final boolean distinctParties;
    private final Set<EventType> types;
    private final List<Step> steps = new ArrayList<>();
    private final List<ExpectedCall> expected = new ArrayList<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private final long startMillis;
    private long cursor;
    private int ongoing;

    EpisodeBuilder(PhoneIdentity phone, PlannedPhone state, long startMillis, Timing timing, Random random,
                   int fleetSize, long sameRequestGapMillis, boolean distinctParties) {
        this.phone = phone;
        this.state = state;
        this.timing = timing;
        this.random = random;
        this.fleetSize = fleetSize;
        this.sameRequestGapMillis = sameRequestGapMillis;
        this.distinctParties = distinctParties;
        this.types = phone.vendor().types();
        this.startMillis = startMillis;
        this.cursor = startMillis;
    }

    boolean has(EventType type) {
        return types.contains(type);
    }

    int lines() {
        return phone.lineUsers().size();
    }

    /** Moves the time cursor on by a scaled draw from the range. */
    void pause(Timing.Range range) {
        cursor += timing.draw(range, random);
    }

    /** A new call on a line of the phone, with a remote party other than {@code notThis}. */
    CallLeg randomCall(Direction direction, int line, String notThis) {
        if (distinctParties) {
            return callWith(direction, line, state.nextDistinctParty());
        }
        String remote;
        do {
            remote = random.nextInt(10) < 6
                    ? Integer.toString(1000 + random.nextInt(Math.max(fleetSize, 50)))
                    : "0" + (1 + random.nextInt(9)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        } while (remote.equals(notThis) || remote.equals(phone.lineUsers().get(line)));
        return callWith(direction, line, remote);
    }

    /** A new call on a line of the phone with {@code remote}. */
    CallLeg callWith(Direction direction, int line, String remote) {
        int number = state.nextCallNumber();
        String sipCallId = String.format(Locale.ROOT, "%08x-%04x@%s", random.nextInt(), random.nextInt(0x10000),
                phone.address());
        ongoing++;
        return new CallLeg(direction, line, remote, PhoneFleet.name(random.nextInt()), number, sipCallId);
    }

    /** Sends the vendor's URL for {@code type} about {@code leg} (null: no call yet), if it has one. */
    void send(EventType type, CallLeg leg, int line) {
        Optional<UrlTemplate> template = phone.vendor().urlFor(type);
        if (template.isEmpty()) {
            return;
        }
        UrlFiller.Filled filled = UrlFiller.fill(template.get().url(),
                name -> VariableValues.value(name, phone, line, leg, ongoing));
        // The processor counts one request per device, type and variables within its de-duplication
        // window; on a compressed clock a phone could repeat one that fast, which a real phone does not.
        Long last = lastSent.get(filled.url());
        if (last != null && cursor - last < sameRequestGapMillis) {
            cursor = last + sameRequestGapMillis;
        }
        lastSent.put(filled.url(), cursor);
        if (leg != null) {
            leg.callIdSent = firstOf(leg.callIdSent, filled.values(), "call_id", "call-id");
            leg.displaySent = firstOf(leg.displaySent, filled.values(), "display_remote", "INCOMINGNAME");
        }
        steps.add(new Step(cursor, template.get().event(), type, filled.url()));
    }

    /** {@code known} if set, else the first non-empty value of the variables. */
    private static String firstOf(String known, Map<String, String> values, String... variables) {
        if (known != null) {
            return known;
        }
        for (String v : variables) {
            String value = values.get(v);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    void send(EventType type, CallLeg leg) {
        send(type, leg, leg.line);
    }

    /** The call has ended on the phone: it no longer counts as ongoing. */
    void ended(CallLeg leg) {
        leg.state = LineState.IDLE;
        ongoing = Math.max(0, ongoing - 1);
    }

    void expect(CallScenario scenario, CallLeg leg, CallOutcome outcome, long holdMillis) {
        expected.add(new ExpectedCall(phone.index(), phone.deviceId(), phone.address(), phone.vendor().vendor(), scenario,
                leg.direction, outcome, phone.lineUsers().get(leg.line), leg.remote, leg.displaySent, leg.callIdSent,
                startMillis, holdMillis));
    }

    /** The cursor now, for measuring a scripted duration such as a hold. */
    long now() {
        return cursor;
    }

    /** The episode, or empty when the vendor had none of its events. */
    Optional<Episode> build(String name) {
        return steps.isEmpty() ? Optional.empty() : Optional.of(new Episode(phone.index(), name, steps, expected));
    }
}
