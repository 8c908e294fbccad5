package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Yealink phones making answered calls through a gateway from a background thread, bounded in
 * count: each call is incoming, established, terminated (call id {@code <mac>-<n>}). Remembers the
 * calls whose three requests all got a 200, which must each become exactly one session.
 */
final class CallTraffic implements AutoCloseable {

    private static final List<String> CALL = List.of("incoming_call", "call_established", "call_terminated");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledgedCalls = new ConcurrentSkipListSet<>();
    private final Set<String> failedCalls = new ConcurrentSkipListSet<>();
    private final Map<Integer, AtomicInteger> acceptedRequests = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    CallTraffic(int gatewayPort, int phones, int maxCallsPerPhone, Duration pause) {
        this(gatewayPort, phones, 0, maxCallsPerPhone, pause);
    }

    /** @param firstCall the first call number, so a second run's call ids differ from the first's */
    CallTraffic(int gatewayPort, int phones, int firstCall, int maxCallsPerPhone, Duration pause) {
        this(List.of(gatewayPort), phones, firstCall, maxCallsPerPhone, pause);
    }

    /**
     * As behind a load balancer pinning each phone to one gateway: phone {@code i} sends through
     * {@code gatewayPorts[i % size]}.
     */
    CallTraffic(List<Integer> gatewayPorts, int phones, int firstCall, int maxCallsPerPhone, Duration pause) {
        thread = new Thread(() -> {
            for (int n = firstCall; n < firstCall + maxCallsPerPhone && !stop.get(); n++) {
                for (String event : CALL) {
                    for (int phone = 0; phone < phones; phone++) {
                        String callId = mac(phone) + "-" + n;
                        int gatewayPort = gatewayPorts.get(phone % gatewayPorts.size());
                        boolean ok = send(gatewayPort, mac(phone), event, callId);
                        if (!ok) {
                            failedCalls.add(callId);
                            continue;
                        }
                        acceptedRequests.computeIfAbsent(gatewayPort, port -> new AtomicInteger()).incrementAndGet();
                        if (event.equals(CALL.get(CALL.size() - 1)) && !failedCalls.contains(callId)) {
                            acknowledgedCalls.add(callId);
                        }
                    }
                    sleep(pause);
                }
            }
        }, "call-traffic");
        thread.start();
    }

    static String mac(int phone) {
        return String.format("805ec0b2%04x", phone);
    }

    private boolean send(int port, String mac, String event, String callId) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/yealink/" + event + "?mac=" + mac
                + "&local=sip:1001@pbx&remote=sip:2002@pbx&call_id=" + callId);
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri)
                    .header("User-Agent", "Yealink SIP-T46S 66.86.0.15").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Every acknowledged call (call id) is exactly one session among {@code sessions}, ANSWERED, and
     * no call is a session twice: what these phones' answered calls must come to after any fault.
     */
    static void assertEveryAcknowledgedCallIsOneAnsweredSession(List<CallSession> sessions, Set<String> acknowledged) {
        Map<String, Long> perCall = sessions.stream().collect(Collectors.groupingBy(
                session -> String.valueOf(session.getCallId()), TreeMap::new, Collectors.counting()));
        assertThat(perCall).as("calls that are more than one session")
                .allSatisfy((call, count) -> assertThat(count).as(call).isEqualTo(1L));
        assertThat(perCall.keySet()).as("acknowledged calls without their session").containsAll(acknowledged);
        Map<String, CallSession> byCall = sessions.stream()
                .collect(Collectors.toMap(session -> String.valueOf(session.getCallId()), Function.identity()));
        assertThat(acknowledged).allSatisfy(call ->
                assertThat(byCall.get(call).getOutcome()).as(call).isEqualTo(CallOutcome.ANSWERED));
    }

    /** Calls whose every request was acknowledged; a call still in progress when stopped is not among them. */
    Set<String> acknowledgedCalls() {
        return acknowledgedCalls;
    }

    /** Requests answered 200, by the port of the gateway that answered. */
    Map<Integer, Integer> acceptedRequests() {
        Map<Integer, Integer> counts = new TreeMap<>();
        acceptedRequests.forEach((port, count) -> counts.put(port, count.get()));
        return counts;
    }

    /** Waits until every phone made its last call; false if still calling after the timeout. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    void stop() {
        stop.set(true);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
