package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.phones.SimulatedPhone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hookline local --format json}: the topics are plain JSON that kcat and jq read with no
 * Hookline code at all, {@code hookline tail} still reads them, and commands and their results
 * go through in json too. One local mode for all of it: it takes a while to start.
 */
class KcatJsonIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(45);
    private static final Duration TOOL = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void shouldLetKcatAndJqReadSessionsTailReadThemAndCommandsGoThroughInJson() throws Exception {
        String kcat = ToolRun.require("kcat", "kcat").toString();
        String jq = ToolRun.require("jq", "jq").toString();
        int port = LocalPorts.findFree("localhost");
        String bootstrap = "localhost:" + port;
        int phonePort = LocalPorts.findFree("127.0.0.1");

        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("data"), port, temp.resolve("local.log"),
                "--format", "json", "--simulate", "10",
                "--gateway-port", free(), "--gateway-management-port", free(),
                "--processor-port", free(), "--dispatcher-port", free(),
                // Local mode's simulated phones take no commands; one started below, on this port, does.
                "--set", "phone.http.port=" + phonePort).awaitReady(READY)) {
            assertThat(local.output()).containsPattern("value format +json");

            // kcat -e stops at the end of the topic: run it until three sessions are there.
            AtomicReference<ToolRun> three = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                three.set(ToolRun.of(temp, TOOL, kcat, "-C", "-b", bootstrap, "-t", Topics.CALL_SESSIONS.name(),
                        "-o", "beginning", "-c", "3", "-e", "-q").succeeded());
                assertThat(three.get().out().lines()).hasSize(3);
            });
            Path sessionsFile = temp.resolve("sessions.jsonl");
            Files.writeString(sessionsFile, three.get().out());

            ToolRun outcomes = ToolRun.of(temp, TOOL, jq, "-r", ".outcome", sessionsFile.toString()).succeeded();
            assertThat(outcomes.out().lines().toList()).hasSize(3)
                    .allSatisfy(outcome -> assertThat(outcome).isIn(symbols()));
            ToolRun fields = ToolRun.of(temp, TOOL, jq, "-r", "[.sessionId, .startedAt, .deviceId] | @tsv",
                    sessionsFile.toString()).succeeded();
            assertThat(fields.out().lines().toList()).hasSize(3).allSatisfy(line -> {
                String[] values = line.split("\t", -1);
                assertThat(values).hasSize(3);
                assertThat(values[0]).as("sessionId").isNotBlank();
                assertThat(Instant.parse(values[1])).as("startedAt").isBefore(Instant.now().plusSeconds(60));
                assertThat(values[2]).as("deviceId, a MAC").matches("[0-9a-f]{12}");
            });

            CliRun tail = CliRun.of("tail", Topics.CALL_SESSIONS.name(), "--from-beginning", "--max", "3",
                    "--idle-timeout", "PT30S", "--bootstrap-server", bootstrap);
            assertThat(tail.exitCode()).as(tail.err()).isZero();

            // Everything so far, each with its key: the key is the session's device id, and tail agrees with kcat.
            ToolRun keyed = ToolRun.of(temp, TOOL, kcat, "-C", "-b", bootstrap, "-t", Topics.CALL_SESSIONS.name(),
                    "-o", "beginning", "-e", "-q", "-f", "%k\\t%s\\n").succeeded();
            Map<String, JsonNode> byId = new HashMap<>();
            for (String line : keyed.out().lines().toList()) {
                String[] keyAndValue = line.split("\t", 2);
                JsonNode value = MAPPER.readTree(keyAndValue[1]);
                assertThat(keyAndValue[0]).as("the key of " + line).isEqualTo(value.get("deviceId").asText());
                byId.put(value.get("sessionId").asText(), value);
            }
            List<String> tailed = tail.out().lines().toList();
            assertThat(tailed).hasSize(3);
            for (String line : tailed) {
                JsonNode value = MAPPER.readTree(line).get("value");
                assertThat(value).as("tail and kcat show the same session").isEqualTo(byId.get(value.get("sessionId").asText()));
            }

            dialOnePhoneOfASession(kcat, bootstrap, jq, phonePort, byId.values());
            local.terminate(STOP);
        }
    }

    /**
     * A command in json to a phone a session came from: the dispatcher finds the phone in
     * device.state.v1 (json) and the CLI reads the result back (json). Local mode's simulated phones
     * serve no Action URI, so a simulated phone of the same vendor stands in on the phone's address.
     */
    private void dialOnePhoneOfASession(String kcat, String bootstrap, String jq, int phonePort,
                                        Collection<JsonNode> sessions) throws Exception {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            ToolRun states = ToolRun.of(temp, TOOL, kcat, "-C", "-b", bootstrap, "-t", Topics.DEVICE_STATE.name(),
                    "-o", "beginning", "-e", "-q").succeeded();
            Map<String, JsonNode> deviceById = new HashMap<>();
            for (String line : states.out().lines().filter(line -> !line.isBlank()).toList()) {
                JsonNode state = MAPPER.readTree(line);
                deviceById.put(state.get("deviceId").asText(), state);
            }
            // A Yealink when there is one: the phone CommandCliIT dials too; else any with an address.
            found.set(sessions.stream().map(s -> deviceById.get(s.get("deviceId").asText()))
                    .filter(state -> state != null && state.hasNonNull("ip") && state.hasNonNull("vendor"))
                    .min(Comparator.comparing(state -> !state.get("vendor").asText().equals("yealink")))
                    .orElseThrow(() -> new AssertionError("no device state with an address for the sessions' "
                            + "phones in:\n" + states.out())));
        });
        JsonNode device = found.get();
        String deviceId = device.get("deviceId").asText();

        try (SimulatedPhone phone = SimulatedPhone.builder(device.get("vendor").asText())
                .host(device.get("ip").asText()).port(phonePort).start()) {
            CliRun dial = CliRun.of("command", deviceId, "dial", "1002", "--wait", "--timeout", "PT60S",
                    "--format", "json", "--bootstrap-server", bootstrap);

            assertThat(dial.exitCode()).as(dial.out() + dial.err()).isZero();
            assertThat(dial.out()).contains("\"status\":\"DELIVERED\"").contains("\"deviceId\":\"" + deviceId + "\"");
            assertThat(phone.state().lastDialed()).isEqualTo("1002");
        }
        // The command and its result are json on their topics: jq reads them.
        List<String> commands = jsonField(kcat, jq, bootstrap, Topics.PHONE_COMMANDS.name(), "\"\\(.action) \\(.number)\"");
        assertThat(commands).contains("DIAL 1002");
        List<String> results = jsonField(kcat, jq, bootstrap, Topics.PHONE_COMMAND_RESULTS.name(),
                "\"\\(.deviceId) \\(.status)\"");
        assertThat(results).contains(deviceId + " DELIVERED");
    }

    private List<String> jsonField(String kcat, String jq, String bootstrap, String topic, String filter) throws Exception {
        ToolRun all = ToolRun.of(temp, TOOL, kcat, "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q")
                .succeeded();
        Path file = temp.resolve(topic + ".jsonl");
        Files.writeString(file, all.out());
        return new ArrayList<>(ToolRun.of(temp, TOOL, jq, "-r", filter, file.toString()).succeeded().out().lines().toList());
    }

    private static List<String> symbols() {
        return Arrays.stream(CallOutcome.values()).map(Enum::name).toList();
    }

    private static String free() {
        return Integer.toString(LocalPorts.findFree("localhost"));
    }
}
