package dev.hookline.bench.chaos;

import dev.hookline.bench.chaos.RunFiles.Phone;
import dev.hookline.bench.chaos.RunFiles.Request;
import dev.hookline.schema.Availability;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Registration;
import dev.hookline.testkit.sim.ExpectedCall;
import dev.hookline.testkit.sim.PhoneFleet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chaos soak's invariants: what the phones and the command sender were told, against what
 * the topics hold.
 * <ul>
 *   <li><b>Requests.</b> Every request a phone got 200 for is a record of phone.raw.v1 (its source
 *       address, path and query). The gateway stores a request at least once, so per distinct
 *       request there are at least as many records as 200s.</li>
 *   <li><b>Calls.</b> A call is acknowledged when every one of its requests got a 200; a gateway
 *       killed with -9 loses the requests it had not answered, and the phones do not send them
 *       again, so a call with a request not acknowledged may be a session, in part, or none. Each
 *       acknowledged call is exactly one session of its phone with its party, with the direction
 *       and outcome it was played with. A phone's calls have parties of their own, except when
 *       the dispatcher sent a DIAL twice (a crash after the phone got it: at least once towards
 *       phones), so per phone and party: fewer sessions than acknowledged calls is a loss, more
 *       sessions than calls played (acknowledged or not) a duplicate.</li>
 *   <li><b>Commands.</b> Every command Kafka acknowledged has exactly one result, and no command
 *       id has two.</li>
 *   <li><b>Lines.</b> Every line of every phone ends REGISTERED and AVAILABLE: each phone's
 *       registration was acknowledged before the first fault (the fleet makes sure), and every
 *       call ended on the phone. A call whose hang-up was lost with a killed gateway stays open in
 *       the processor, which cannot know the phone hung up, until {@code call.timeout.ms} closes it
 *       UNKNOWN: bench/chaos.sh sets that to 60 s, so such calls are closed before the check.</li>
 * </ul>
 */
final class ChaosCheck {

    /** Everything the check looks at. {@code lines} is line.status.v1's last value per key. */
    record Input(List<Phone> phones, List<Request> requests, List<ExpectedCall> acknowledgedCalls,
                 List<ExpectedCall> unconfirmedCalls, Collection<String> commandsSent,
                 Collection<String> commandsUnconfirmed, List<RawPhoneRequest> raw, List<CallSession> sessions,
                 List<CommandResult> results, Map<String, LineStatus> lines) {
    }

    private ChaosCheck() {
    }

    static Verdict check(Input in) {
        Verdict.Builder verdict = new Verdict.Builder();
        checkRequests(in, verdict);
        checkCalls(in, verdict);
        checkCommands(in, verdict);
        checkLines(in, verdict);
        return verdict.build();
    }

    private static void checkRequests(Input in, Verdict.Builder verdict) {
        Map<String, Long> acknowledged = in.requests().stream().filter(Request::acknowledged)
                .collect(Collectors.groupingBy(r -> r.source() + " " + r.target(), TreeMap::new, Collectors.counting()));
        Map<String, Long> stored = in.raw().stream().filter(r -> r.getSource() == EventSource.ACTION_URL)
                .collect(Collectors.groupingBy(ChaosCheck::key, Collectors.counting()));
        acknowledged.forEach((request, count) -> {
            long found = stored.getOrDefault(request, 0L);
            if (found < count) {
                verdict.lostRequests.add(request + " (" + count + " acknowledged, " + found + " stored)");
            }
        });
        verdict.requestsSent = in.requests().size();
        verdict.requestsAcknowledged = in.requests().stream().filter(Request::acknowledged).count();
        verdict.rawRecords = stored.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String key(RawPhoneRequest record) {
        String query = record.getQuery() == null || record.getQuery().isEmpty() ? "" : "?" + record.getQuery();
        return record.getSourceAddress() + " " + record.getPath() + query;
    }

    private static void checkCalls(Input in, Verdict.Builder verdict) {
        Function<ExpectedCall, String> callKey = c -> c.deviceId() + " with " + c.remoteUser();
        Map<String, List<ExpectedCall>> acknowledged = byKey(in.acknowledgedCalls(), callKey);
        Map<String, List<ExpectedCall>> unconfirmed = byKey(in.unconfirmedCalls(), callKey);
        Map<String, List<CallSession>> sessions = byKey(in.sessions(), s -> s.getDeviceId() + " with " + s.getRemoteUser());
        acknowledged.forEach((key, calls) -> {
            List<CallSession> found = sessions.getOrDefault(key, List.of());
            int played = calls.size() + unconfirmed.getOrDefault(key, List.of()).size();
            if (found.size() < calls.size()) {
                verdict.lostCalls.add(key + ": " + calls.size() + " acknowledged, " + found.size() + " sessions");
                return;
            }
            if (found.size() > played) {
                verdict.duplicatedCalls.add(key + ": " + played + " played, " + found.size() + " sessions " + outcomes(found));
            }
            List<String> left = new ArrayList<>(outcomes(found));
            for (ExpectedCall call : calls) {
                String want = call.direction() + " " + call.outcome();
                if (!left.remove(want)) {
                    verdict.wrongOutcomes.add(key + " (" + call.vendor() + " " + call.scenario() + "): played " + want
                            + ", sessions " + outcomes(found));
                }
            }
        });
        // Parties are a phone's own per call: two calls with one only when a DIAL reached the phone twice.
        verdict.dialsPlayedTwice = (int) acknowledged.values().stream().filter(calls -> calls.size() > 1).count();
        verdict.callsAcknowledged = in.acknowledgedCalls().size();
        verdict.callsUnconfirmed = in.unconfirmedCalls().size();
        verdict.sessions = in.sessions().size();
    }

    private static List<String> outcomes(List<CallSession> sessions) {
        return sessions.stream().map(s -> s.getDirection() + " " + s.getOutcome()).toList();
    }

    private static void checkCommands(Input in, Verdict.Builder verdict) {
        Map<String, List<CommandResult>> results = byKey(in.results(), r -> String.valueOf(r.getCommandId()));
        for (String command : new TreeSet<>(in.commandsSent())) {
            if (!results.containsKey(command)) {
                verdict.commandsWithoutResult.add(command);
            }
        }
        results.forEach((command, answers) -> {
            if (answers.size() > 1) {
                verdict.commandsAnsweredTwice.add(command + ": " + answers.stream().map(r -> r.getStatus().name()).toList());
            }
        });
        verdict.commandsSent = in.commandsSent().size();
        verdict.commandsUnconfirmed = in.commandsUnconfirmed().size();
        in.results().forEach(r -> verdict.resultsByStatus.merge(r.getStatus().name(), 1L, Long::sum));
    }

    private static void checkLines(Input in, Verdict.Builder verdict) {
        for (Phone phone : in.phones()) {
            for (String user : phone.lines()) {
                verdict.linesChecked++;
                List<LineStatus> found = in.lines().values().stream()
                        .filter(line -> phone.deviceId().equals(line.getDeviceId())
                                && user.equals(line.getLine().replace("@" + PhoneFleet.PBX, "")))
                        .toList();
                if (found.size() != 1 || found.get(0).getRegistration() != Registration.REGISTERED
                        || found.get(0).getAvailability() != Availability.AVAILABLE) {
                    verdict.wrongLines.add(phone.deviceId() + " line " + user + " (" + phone.vendor() + "): "
                            + found.stream().map(l -> l.getRegistration() + " " + l.getAvailability()).toList());
                }
            }
        }
    }

    private static <T> Map<String, List<T>> byKey(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }
}
