package dev.hookline.deploy.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.deploy.cli.ReplayCommandAccess;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.Replayer;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.sim.CallScenario;
import dev.hookline.testkit.sim.Episode;
import dev.hookline.testkit.sim.ExpectedCall;
import dev.hookline.testkit.sim.PhoneFleet;
import dev.hookline.testkit.sim.SimulationSettings;
import dev.hookline.testkit.sim.TrafficPlanner;
import dev.hookline.testkit.sim.VendorTemplates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every vendor's simulated calls (the URLs provisioning configures, realistic timings) through
 * the real topology offline: each call appears exactly once in call.sessions.v1 with the
 * expected outcome, direction and parties, and phones that made no call have no session.
 * Where the processor reads a vendor's events otherwise than the vendor docs imply, the
 * difference is listed in {@link #KNOWN_DIFFERENCES} (reported, not fixed here).
 */
class SimulatedCallsReplayTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final int CALLING_PHONES = 10; // two per vendor
    private static final int IDLE_PHONES = 5; // one per vendor, registration only

    /**
     * "vendor scenario: expected -> got" for each difference between the processor and the vendor
     * docs found by this test, while it is left for the processor's owners. None now: the one it
     * found (Aastra's {@code disconnected} of a second call missed during a call, which carries
     * only {@code state=INCOMING}, ended the connected call instead) is fixed: the correlator lets
     * an ending's line state pick the call it ends.
     */
    private static final Set<String> KNOWN_DIFFERENCES = Set.of();

    private static Map<String, String> MODELS;
    private static List<Episode> calls;
    private static List<Episode> idle;
    private static List<JsonNode> sessions;
    /** The last line.status value of each key. */
    private static Map<String, JsonNode> lines;
    private static PhoneFleet fleet;

    @BeforeAll
    static void replayTheSimulatedCapture(@TempDir Path temp) throws Exception {
        List<VendorTemplates> vendors = ProvisionedVendors.templates(ProvisionedVendors.all(), "http://127.0.0.1:8080",
                Optional.empty());
        MODELS = vendors.stream().collect(Collectors.toMap(VendorTemplates::vendor, v -> v.phone().model()));
        SimulationSettings settings = SimulationSettings.builder(vendors).phones(CALLING_PHONES).timeScale(1.0)
                .callsPerSecond(0.2).duration(Duration.ofMinutes(90)).rotateScenarios(true).seed(11).build();
        calls = new TrafficPlanner(settings).drain();
        // Same identities (they depend on the index only), registrations only, for the phones after them.
        SimulationSettings quiet = SimulationSettings.builder(vendors).phones(CALLING_PHONES + IDLE_PHONES)
                .callsPerSecond(0).build();
        TrafficPlanner registrations = new TrafficPlanner(quiet);
        fleet = registrations.fleet();
        idle = registrations.drain().stream().filter(e -> e.phone() >= CALLING_PHONES).toList();

        List<Episode> all = new ArrayList<>(calls);
        all.addAll(idle);
        Path capture = SimulatedCapture.write(temp.resolve("simulated.jsonl"), fleet, all, START);
        sessions = new ArrayList<>();
        lines = new TreeMap<>();
        Replayer.replay(new ProcessorConfig(Map.of()), ReplayCommandAccess.read(capture), record -> {
            String topic = record.get("topic").asText();
            if (topic.equals(Topics.CALL_SESSIONS.name())) {
                sessions.add(record.get("value"));
            } else if (topic.equals(Topics.LINE_STATUS.name())) {
                lines.put(record.get("key").asText(), record.get("value"));
            }
        });
    }

    private static List<ExpectedCall> expectedCalls() {
        return calls.stream().flatMap(e -> e.expected().stream()).toList();
    }

    @Test
    void shouldPlayEveryScenarioEachVendorCanExpress() {
        Map<String, Set<CallScenario>> played = new TreeMap<>();
        expectedCalls().forEach(c -> played.computeIfAbsent(c.vendor(), v -> EnumSet.noneOf(CallScenario.class))
                .add(c.scenario()));

        Set<CallScenario> all = EnumSet.allOf(CallScenario.class);
        assertThat(played).containsEntry("yealink", all)
                .containsEntry("hanlong", without(all, CallScenario.BUSY))
                .containsEntry("sangoma", without(all, CallScenario.BUSY))
                .containsEntry("snom", without(all, CallScenario.BUSY, CallScenario.REJECTED, CallScenario.FORWARDED))
                .containsEntry("aastra", EnumSet.of(CallScenario.INBOUND_ANSWERED, CallScenario.MISSED,
                        CallScenario.CANCELLED, CallScenario.OUTBOUND_ANSWERED, CallScenario.CALL_WAITING,
                        CallScenario.CALL_WAITING_MISSED));
        assertThat(expectedCalls()).hasSizeGreaterThan(150);
    }

    @Test
    void shouldReportEveryCallExactlyOnceAsTheVendorDocsImply() {
        List<String> differences = new ArrayList<>();
        List<JsonNode> unmatched = new ArrayList<>(sessions);
        for (Episode episode : calls) {
            for (ExpectedCall call : episode.expected()) {
                List<JsonNode> found = unmatched.stream().filter(s -> sameCall(s, call, episode)).toList();
                if (found.size() != 1) {
                    differences.add(call.vendor() + " " + call.scenario() + ": " + found.size() + " sessions for "
                            + call.direction() + " " + call.outcome() + " with " + call.remoteUser());
                    continue;
                }
                JsonNode s = found.get(0);
                unmatched.remove(s);
                String got = s.path("direction").asText() + " " + s.path("outcome").asText();
                String want = call.direction() + " " + call.outcome();
                if (!got.equals(want)) {
                    differences.add(call.vendor() + " " + call.scenario() + ": " + want + " -> " + got);
                }
                differ(differences, call, "remoteDisplayName", call.remoteDisplayName(), s);
                differ(differences, call, "vendor", call.vendor(), s);
                differ(differences, call, "model", MODELS.get(call.vendor()), s);
                if (Math.abs(s.path("holdMillis").asLong() - call.holdMillis()) > 1) {
                    differences.add(call.vendor() + " " + call.scenario() + ": holdMillis " + call.holdMillis()
                            + " -> " + s.path("holdMillis").asLong());
                }
                assertThat(s.path("localUser").asText()).as("local party of %s", call).isEqualTo(call.localUser());
                if (call.callId() != null) {
                    assertThat(s.path("callId").asText()).as("call id of %s", call).isEqualTo(call.callId());
                }
            }
        }
        Set<String> distinct = new TreeSet<>(differences);
        assertThat(distinct).as("differences between the processor's sessions and the simulated calls")
                .isEqualTo(KNOWN_DIFFERENCES);
        assertThat(unmatched).as("sessions no simulated call explains").isEmpty();
    }

    @Test
    void shouldGiveNoSessionToPhonesThatMadeNoCall() {
        Set<String> idleDevices = idle.stream().map(e -> fleet.phone(e.phone()).deviceId()).collect(Collectors.toSet());
        Set<String> callers = expectedCalls().stream().map(ExpectedCall::deviceId).collect(Collectors.toSet());

        assertThat(idleDevices).hasSize(IDLE_PHONES).doesNotContainAnyElementsOf(callers);
        assertThat(sessions).isNotEmpty()
                .noneMatch(s -> idleDevices.contains(s.path("deviceId").asText()));
    }

    @Test
    void shouldShowEveryPhonesLineRegistered() {
        for (int i = 0; i < fleet.size(); i++) {
            String device = fleet.phone(i).deviceId();
            String user = fleet.phone(i).extension();
            List<JsonNode> of = lines.entrySet().stream().filter(e -> e.getKey().startsWith(device + "/"))
                    .map(Map.Entry::getValue).toList();
            assertThat(of).as("line of %s (%s)", device, fleet.phone(i).vendor().vendor()).singleElement()
                    .satisfies(line -> {
                        assertThat(line.path("line").asText()).startsWith(user);
                        assertThat(line.path("registration").asText()).isEqualTo("REGISTERED");
                    });
        }
    }

    /** Notes a field of the session that is not what the phone sent (null: the phone sent none, not checked). */
    private static void differ(List<String> differences, ExpectedCall call, String field, String sent, JsonNode session) {
        String got = session.path(field).isNull() ? null : session.path(field).asText(null);
        if (sent != null && !sent.equals(got)) {
            differences.add(call.vendor() + " " + call.scenario() + ": " + field + " '" + sent + "' -> '" + got + "'");
        }
    }

    /** Same phone and party, started within the episode (a phone can call the same number twice). */
    private static boolean sameCall(JsonNode session, ExpectedCall call, Episode episode) {
        long started = Instant.parse(session.path("startedAt").asText()).toEpochMilli() - START.toEpochMilli();
        return session.path("deviceId").asText().equals(call.deviceId())
                && session.path("remoteUser").asText().equals(call.remoteUser())
                && started >= episode.startMillis() && started <= episode.endMillis();
    }

    private static Set<CallScenario> without(Set<CallScenario> all, CallScenario... left) {
        Set<CallScenario> set = EnumSet.copyOf(all);
        List.of(left).forEach(set::remove);
        return set;
    }
}
