package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hookline local --format avro-registry --registry}: a schema registry beside the broker,
 * every service writing the Confluent wire format through it, the command line reading it back,
 * and the registry stopped with local mode.
 */
class LocalRegistryModeIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(45);

    @TempDir
    Path temp;

    @Test
    void shouldRunThePipelineInTheConfluentWireFormatWithItsOwnRegistry() throws Exception {
        int port = LocalPorts.findFree("localhost");
        int registryPort = LocalPorts.findFree("localhost");
        String bootstrap = "localhost:" + port;
        String ccompat = "http://localhost:" + registryPort + "/apis/ccompat/v7";
        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("data"), port, temp.resolve("local.log"),
                "--format", "avro-registry", "--registry", "--registry-port", Integer.toString(registryPort),
                "--simulate", "10").awaitReady(READY)) {
            assertThat(local.output()).contains("schema registry    " + ccompat).contains("value format       avro-registry");

            CliRun tail = CliRun.of("tail", Topics.CALL_SESSIONS.name(), "--from-beginning", "--max", "3",
                    "--idle-timeout", "PT60S", "--bootstrap-server", bootstrap, "--registry-url", ccompat);
            assertThat(tail.exitCode()).as(tail.err()).isZero();
            List<JsonNode> sessions = new ArrayList<>();
            for (String line : tail.out().lines().toList()) {
                sessions.add(AvroJson.MAPPER.readTree(line));
            }
            assertThat(sessions).hasSize(3).allSatisfy(session -> {
                assertThat(session.has("error")).as(session.toString()).isFalse();
                assertThat(session.get("value").get("deviceId").asText()).matches("[0-9a-f]{12}");
            });
            assertThat(TopicContents.bytes(bootstrap, Topics.CALL_SESSIONS.name()))
                    .allSatisfy(record -> assertThat(record.value()[0]).as("Confluent framing").isZero());

            // Without the registry, the same records are reported, not silently skipped.
            CliRun blind = CliRun.of("tail", Topics.CALL_SESSIONS.name(), "--from-beginning", "--max", "1",
                    "--idle-timeout", "PT30S", "--bootstrap-server", bootstrap);
            assertThat(blind.out()).contains("registry.url");

            HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ccompat + "/subjects")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).contains("\"phone.raw.v1-value\"", "\"call.sessions.v1-value\"",
                    "\"device.state.v1-value\"", "\"phone.command-results.v1-value\"");

            List<ProcessHandle> children = local.children();
            assertThat(children).as("broker and registry").hasSizeGreaterThanOrEqualTo(2);
            local.terminate(STOP);
            assertThat(children).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void shouldRefuseTheRegistryFormatWithoutARegistry() throws Exception {
        int port = LocalPorts.findFree("localhost");
        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("none"), port, temp.resolve("none.log"),
                "--format", "avro-registry")) {
            assertThat(local.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(local.output()).contains("--format avro-registry needs a schema registry: add --registry");
        }
    }
}
