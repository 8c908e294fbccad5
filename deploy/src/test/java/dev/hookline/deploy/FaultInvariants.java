package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallSession;
import dev.hookline.schema.CommandResult;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.testkit.sim.ExpectedCall;
import dev.hookline.testkit.sim.SentRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What must hold after faults, from what the phones and the command sender were told against
 * what the topics hold. A call counts as acknowledged only when every one of its requests got a
 * 200; the others (a stopped gateway's, say) may show in the topics in part, or not at all.
 */
final class FaultInvariants {

    private FaultInvariants() {
    }

    /**
     * Each request a phone got 200 for is a record of phone.raw.v1 with its source, path and query:
     * at least as many records of each as were acknowledged (the gateway may store one twice, at
     * least once, never none).
     */
    static void assertEveryAcknowledgedRequestStored(List<SentRequest> requests, List<RawPhoneRequest> raw) {
        Map<String, Long> acknowledged = requests.stream().filter(SentRequest::acknowledged)
                .collect(Collectors.groupingBy(FaultInvariants::key, TreeMap::new, Collectors.counting()));
        Map<String, Long> stored = raw.stream().filter(record -> record.getSource() == EventSource.ACTION_URL)
                .collect(Collectors.groupingBy(FaultInvariants::key, Collectors.counting()));
        Map<String, String> missing = new TreeMap<>();
        acknowledged.forEach((request, count) -> {
            long found = stored.getOrDefault(request, 0L);
            if (found < count) {
                missing.put(request, count + " acknowledged, " + found + " stored");
            }
        });
        assertThat(acknowledged).as("requests acknowledged").isNotEmpty();
        assertThat(missing).as("acknowledged requests missing from phone.raw.v1").isEmpty();
    }

    /**
     * Each acknowledged call is one session of its phone with its party (parties are distinct per
     * phone), with the direction and outcome it was played with. Sessions of the same phone and
     * party are at most one per call played with them, acknowledged or not.
     */
    static void assertEveryAcknowledgedCallOneSession(List<ExpectedCall> acknowledged, List<ExpectedCall> unconfirmed,
                                                      List<CallSession> sessions) {
        Map<String, List<ExpectedCall>> calls = byKey(acknowledged, FaultInvariants::key);
        Map<String, List<ExpectedCall>> others = byKey(unconfirmed, FaultInvariants::key);
        Map<String, List<CallSession>> found = byKey(sessions, FaultInvariants::key);
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        calls.forEach((key, made) -> {
            List<CallSession> got = found.getOrDefault(key, List.of());
            int played = made.size() + others.getOrDefault(key, List.of()).size();
            if (got.size() < made.size()) {
                lost.add(key + ": " + made.size() + " calls, " + got.size() + " sessions");
            } else if (got.size() > played) {
                doubled.add(key + ": " + played + " calls played, " + got.size() + " sessions " + outcomes(got));
            }
            List<String> left = new ArrayList<>(got.stream().map(s -> s.getDirection() + " " + s.getOutcome()).toList());
            for (ExpectedCall call : made) {
                if (!left.remove(call.direction() + " " + call.outcome()) && got.size() >= made.size()) {
                    wrong.add(key + " (" + call.vendor() + " " + call.scenario() + "): " + call.direction() + " "
                            + call.outcome() + " played, sessions " + outcomes(got));
                }
            }
        });
        assertThat(acknowledged).as("calls acknowledged").isNotEmpty();
        assertThat(lost).as("acknowledged calls without their session").isEmpty();
        assertThat(doubled).as("calls that are more than one session").isEmpty();
        assertThat(wrong).as("acknowledged calls whose session has another direction or outcome").isEmpty();
    }

    /** Each command Kafka took has exactly one result. */
    static void assertOneResultPerCommand(Set<String> commands, List<CommandResult> results) {
        Map<String, Long> perCommand = results.stream().collect(Collectors.groupingBy(
                result -> String.valueOf(result.getCommandId()), TreeMap::new, Collectors.counting()));
        assertThat(commands).as("commands sent").isNotEmpty();
        assertThat(commands).as("commands without a result").allSatisfy(id -> assertThat(perCommand).containsKey(id));
        assertThat(perCommand).as("commands with more than one result")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    }

    private static String key(SentRequest request) {
        URI uri = URI.create(request.url());
        return request.source() + " " + uri.getRawPath() + query(uri.getRawQuery());
    }

    private static String key(RawPhoneRequest record) {
        return record.getSourceAddress() + " " + record.getPath() + query(record.getQuery());
    }

    private static String query(String query) {
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    private static String key(ExpectedCall call) {
        return call.deviceId() + " with " + call.remoteUser();
    }

    private static String key(CallSession session) {
        return session.getDeviceId() + " with " + session.getRemoteUser();
    }

    private static List<String> outcomes(List<CallSession> sessions) {
        return sessions.stream().map(s -> s.getDirection() + " " + s.getOutcome()).toList();
    }

    private static <T> Map<String, List<T>> byKey(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }
}
