package dev.hookline.bench.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link ChaosCheck} found: the counts of the run and, for each invariant, what broke it
 * (each list empty when it held).
 *
 * @param dialsPlayedTwice phones that placed the same dialed call twice: a DIAL the dispatcher
 *                         sent again after a crash (at least once towards phones), not a failure
 * @param linesChecked the phones' lines, each checked for its state at the end
 */
record Verdict(long requestsSent, long requestsAcknowledged, long rawRecords, List<String> lostRequests,
               int callsAcknowledged, int callsUnconfirmed, int sessions, List<String> lostCalls,
               List<String> duplicatedCalls, List<String> wrongOutcomes, int dialsPlayedTwice, int commandsSent,
               int commandsUnconfirmed, Map<String, Long> resultsByStatus, List<String> commandsWithoutResult,
               List<String> commandsAnsweredTwice, int linesChecked, List<String> wrongLines) {

    /** Why the run fails: each invariant broken, and a run too idle to prove anything; empty when it passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        add(failures, lostRequests, "acknowledged requests missing from phone.raw.v1");
        add(failures, lostCalls, "acknowledged calls without their session");
        add(failures, duplicatedCalls, "calls that are more than one session");
        add(failures, wrongOutcomes, "acknowledged calls with another direction or outcome");
        add(failures, commandsWithoutResult, "commands without a result");
        add(failures, commandsAnsweredTwice, "commands with more than one result");
        add(failures, wrongLines, "lines not REGISTERED and AVAILABLE at the end");
        if (callsAcknowledged == 0 || commandsSent == 0 || linesChecked == 0) {
            failures.add("nothing to judge: " + callsAcknowledged + " calls acknowledged, " + commandsSent
                    + " commands sent, " + linesChecked + " lines");
        }
        return failures;
    }

    boolean passed() {
        return failures().isEmpty();
    }

    private static void add(List<String> failures, List<String> found, String what) {
        if (!found.isEmpty()) {
            failures.add(found.size() + " " + what + ", e.g. " + found.subList(0, Math.min(5, found.size())));
        }
    }

    /** Filled in by the check, one invariant after the other. */
    static final class Builder {
        long requestsSent;
        long requestsAcknowledged;
        long rawRecords;
        final List<String> lostRequests = new ArrayList<>();
        int callsAcknowledged;
        int callsUnconfirmed;
        int sessions;
        final List<String> lostCalls = new ArrayList<>();
        final List<String> duplicatedCalls = new ArrayList<>();
        final List<String> wrongOutcomes = new ArrayList<>();
        int dialsPlayedTwice;
        int commandsSent;
        int commandsUnconfirmed;
        final Map<String, Long> resultsByStatus = new TreeMap<>();
        final List<String> commandsWithoutResult = new ArrayList<>();
        final List<String> commandsAnsweredTwice = new ArrayList<>();
        int linesChecked;
        final List<String> wrongLines = new ArrayList<>();

        Verdict build() {
            return new Verdict(requestsSent, requestsAcknowledged, rawRecords, List.copyOf(lostRequests), callsAcknowledged,
                    callsUnconfirmed, sessions, List.copyOf(lostCalls), List.copyOf(duplicatedCalls),
                    List.copyOf(wrongOutcomes), dialsPlayedTwice, commandsSent, commandsUnconfirmed,
                    Collections.unmodifiableMap(new TreeMap<>(resultsByStatus)), List.copyOf(commandsWithoutResult), List.copyOf(commandsAnsweredTwice),
                    linesChecked, List.copyOf(wrongLines));
        }
    }
}
