package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code hookline local}, run as a user runs it: a real broker in a child JVM,
 * the topics, records kept across a restart, a clean stop on SIGTERM.
 */
class LocalModeIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(45);

    @TempDir
    Path temp;

    @Test
    void shouldCreateTopicsKeepRecordsAcrossARestartAndStopCleanly() throws Exception {
        Path dataDir = temp.resolve("data");
        int port = LocalPorts.findFree("localhost");
        String bootstrap = "localhost:" + port;
        RawPhoneRequest request = request();

        try (LocalModeProcess first = LocalModeProcess.start(dataDir, port, temp.resolve("first.log")).awaitReady(READY)) {
            assertThat(first.output()).contains("Kafka bootstrap    " + bootstrap);
            assertTopicsListed(bootstrap);

            publish(bootstrap, request);
            assertThat(tailRaw(bootstrap).get("value").get("requestId").asText()).isEqualTo(request.getRequestId());

            List<ProcessHandle> broker = first.children();
            assertThat(broker).as("the broker runs in a child JVM").isNotEmpty();
            first.terminate(STOP);
            assertThat(first.output()).contains("Stopped.");
            assertThat(broker).noneMatch(ProcessHandle::isAlive);
        }

        try (LocalModeProcess second = LocalModeProcess.start(dataDir, port, temp.resolve("second.log")).awaitReady(READY)) {
            JsonNode kept = tailRaw(bootstrap);
            assertThat(kept.get("key").asText()).isEqualTo(request.getDeviceId());
            assertThat(kept.get("value").get("requestId").asText()).isEqualTo(request.getRequestId());
            assertThat(kept.get("value").get("path").asText()).isEqualTo(request.getPath());
            second.terminate(STOP);
        }
    }

    @Test
    void shouldRefuseASecondLocalModeOnTheSameDataDir() throws Exception {
        Path dataDir = temp.resolve("shared");
        try (LocalModeProcess first = LocalModeProcess.start(dataDir, LocalPorts.findFree("localhost"),
                temp.resolve("first.log")).awaitReady(READY);
             LocalModeProcess second = LocalModeProcess.start(dataDir, LocalPorts.findFree("localhost"),
                     temp.resolve("second.log"))) {
            assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(second.output()).contains("is in use by another 'hookline local'").contains("--data-dir");
            assertThat(first.output()).doesNotContain("Stopped.");
            first.terminate(STOP);
        }
    }

    @Test
    void shouldShowSessionsOfSimulatedPhonesWithinSeconds() throws Exception {
        int port = LocalPorts.findFree("localhost");
        String bootstrap = "localhost:" + port;
        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("simulated"), port, temp.resolve("sim.log"),
                "--simulate", "10").awaitReady(READY)) {
            assertThat(local.output()).contains("simulated phones   10 phones {aastra=2, hanlong=2, sangoma=2, snom=2,"
                    + " yealink=2} on 127.1.0.1..127.1.0.10");

            CliRun tail = CliRun.of("tail", Topics.CALL_SESSIONS.name(), "--from-beginning", "--max", "3",
                    "--idle-timeout", "PT30S", "--bootstrap-server", bootstrap);

            assertThat(tail.exitCode()).as(tail.err()).isZero();
            List<JsonNode> sessions = new java.util.ArrayList<>();
            for (String line : tail.out().lines().toList()) {
                sessions.add(AvroJson.MAPPER.readTree(line));
            }
            assertThat(sessions).as("sessions of the simulated phones").hasSize(3).allSatisfy(s -> {
                assertThat(s.get("value").get("deviceId").asText()).matches("(805ec0|000413|00085d|001fc1|005058)[0-9a-f]{6}");
                assertThat(s.get("value").get("localUser").asText()).matches("10(0[0-9])");
            });

            // What the phones send that is not read shows in `hookline dlq top`, against local mode.
            RawPhoneRequest unreadable = RawPhoneRequest.newBuilder(request()).setPath("/pbx/zzfrobnicate.cgi")
                    .setQuery("mac=805ec0a1b2c3&line=1").build();
            publish(bootstrap, unreadable);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                CliRun top = CliRun.of("dlq", "top", "--bootstrap-server", bootstrap);
                assertThat(top.exitCode()).as(top.err()).isZero();
                assertThat(top.out()).containsPattern("1  UNKNOWN_EVENT +GET /pbx/zzfrobnicate.cgi\\?line=&mac=");
            });
            local.terminate(STOP);
            assertThat(local.output()).contains("requests ").contains("Stopped.");
        }
    }

    private static void assertTopicsListed(String bootstrap) {
        CliRun list = CliRun.of("topics", "list", "--bootstrap-server", bootstrap);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).doesNotContain("missing");
        for (var spec : Topics.ALL) {
            String expected = String.format("%-28s %-10d %-11d %-8s", spec.name(), Topics.LOCAL_PARTITIONS, 1,
                    spec.cleanupPolicy());
            assertThat(list.out()).contains(expected);
        }
    }

    private static JsonNode tailRaw(String bootstrap) throws Exception {
        CliRun tail = CliRun.of("tail", Topics.PHONE_RAW.name(), "--from-beginning", "--max", "1",
                "--idle-timeout", "PT20S", "--bootstrap-server", bootstrap);
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.out()).as("one record tailed").isNotBlank();
        return AvroJson.MAPPER.readTree(tail.out().lines().findFirst().orElseThrow());
    }

    private static void publish(String bootstrap, RawPhoneRequest request) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, RawPhoneRequest> producer = new KafkaProducer<>(config,
                Topics.PHONE_RAW.keySerde().serializer(), Topics.PHONE_RAW.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.PHONE_RAW.name(), request.getDeviceId(), request)).get();
        }
    }

    private static RawPhoneRequest request() {
        return RawPhoneRequest.newBuilder()
                .setRequestId("req-" + System.nanoTime())
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setGatewayId("it")
                .setDeviceId("805ec0a1b2c3")
                .setSourceAddress("127.0.0.1")
                .setSourcePort(40000)
                .setMethod("GET")
                .setPath("/offhook/yealink")
                .setQuery("device=805ec0a1b2c3&local=sip:1001@pbx.example")
                .setUserAgent("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3")
                .build();
    }
}
