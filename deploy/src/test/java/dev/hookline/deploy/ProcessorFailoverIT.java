package dev.hookline.deploy;

import dev.hookline.processor.query.access.UsersFile;
import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances (real {@code hookline processor} processes, one standby of each store
 * partition) while phones make calls: one is killed with SIGKILL. The other answers for every
 * phone through the query API within 30 s, with the processor's own defaults for noticing a dead
 * member; every acknowledged call is one ANSWERED session, none twice. The killed instance then
 * comes back and both serve again, still without a session doubled.
 */
class ProcessorFailoverIT {

    private static final int PHONES = 30;
    private static final int PARTITIONS = 6;
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
    private static final String FORWARDED_BY = "X-Hookline-Answered-By";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldServeEveryPhoneFromTheSurvivorWithin30sOfAKillAndLoseOrDoubleNoSession() throws Exception {
        long testStart = System.nanoTime();
        try (LocalKafkaCluster broker = TestServices.oneBroker(temp.resolve("kafka"))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            TestServices.createTopics(bootstrap, "", PARTITIONS);
            int firstPort = LocalPorts.findFree("127.0.0.1");
            ProcessorProcess first = startProcessor(bootstrap, "first", firstPort);
            try (ProcessorProcess second = startProcessor(bootstrap, "second", LocalPorts.findFree("127.0.0.1"));
                 IngestGateway gateway = new IngestGateway(new GatewayConfig(TestServices.gatewaySettings(bootstrap, temp.resolve("spool")))).start()) {
                first.awaitReady(Duration.ofSeconds(120));
                second.awaitReady(Duration.ofSeconds(120));

                Set<String> acknowledged = new TreeSet<>();
                try (CallTraffic phones = new CallTraffic(gateway.phonePort(), PHONES, 0, 1_000, Duration.ofMillis(50))) {
                    awaitBothServeAndOwnPhones(first, second);
                    Duration takeover = killAndTimeTakeover(first, second);
                    System.out.printf("ProcessorFailoverIT: the survivor answered 200 for all %d phones %.1f s after "
                            + "kill -9 of the other instance%n", PHONES, takeover.toMillis() / 1000.0);
                    assertThat(takeover).as("time from kill -9 until the survivor answers for every phone")
                            .isLessThanOrEqualTo(TAKEOVER_LIMIT);
                    awaitMoreCalls(phones, PHONES * 2);
                    phones.stop();
                    acknowledged.addAll(phones.acknowledgedCalls());
                }
                assertThat(acknowledged).as("calls acknowledged around the kill").hasSizeGreaterThan(PHONES * 3);
                awaitEveryCallExactlyOnce(bootstrap, acknowledged, second);

                // The killed instance comes back on its state folder and port while phones call on.
                try (CallTraffic phones = new CallTraffic(gateway.phonePort(), PHONES, 100_000, 1_000, Duration.ofMillis(50));
                     ProcessorProcess restarted = startProcessor(bootstrap, "first", firstPort)) {
                    restarted.awaitReady(Duration.ofSeconds(120));
                    awaitBothServeAndOwnPhones(restarted, second);
                    awaitMoreCalls(phones, PHONES * 2);
                    phones.stop();
                    acknowledged.addAll(phones.acknowledgedCalls());
                    awaitEveryCallExactlyOnce(bootstrap, acknowledged, restarted);
                }
            } finally {
                first.close();
            }
        }
        System.out.printf("ProcessorFailoverIT: took %d s%n", Duration.ofNanos(System.nanoTime() - testStart).toSeconds());
    }

    private ProcessorProcess startProcessor(String bootstrap, String name, int queryPort) throws IOException {
        Path users = temp.resolve("users");
        if (!Files.exists(users)) {
            Files.writeString(users, "user operator read " + UsersFile.hashPassword(PASSWORD) + "\n");
        }
        // No session time-out here: noticing a killed member in time is the processor's own default.
        // Access control on, as in production: forwarded requests carry the instances' shared token.
        return ProcessorProcess.start(bootstrap, temp.resolve("state-" + name), queryPort,
                temp.resolve(name + "-" + System.nanoTime() + ".log"),
                "application.id=failover-processor",
                "kafka.num.standby.replicas=1",
                "kafka.replication.factor=1",
                "query.users.file=" + users,
                "query.instance.token=failover-instances-secret");
    }

    /** Both instances answer 200 for every phone, and each owns some of them (answers without forwarding). */
    private static void awaitBothServeAndOwnPhones(ProcessorProcess one, ProcessorProcess other) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(one.isAlive()).as("first instance alive").isTrue();
            assertThat(other.isAlive()).as("second instance alive").isTrue();
            Map<String, Answer> fromOne = askForEveryPhone(one.queryPort());
            Map<String, Answer> fromOther = askForEveryPhone(other.queryPort());
            assertThat(fromOne).as("answers of the instance on port %d", one.queryPort())
                    .allSatisfy((mac, answer) -> assertThat(answer.status()).as(mac).isEqualTo(200));
            assertThat(fromOther).as("answers of the instance on port %d", other.queryPort())
                    .allSatisfy((mac, answer) -> assertThat(answer.status()).as(mac).isEqualTo(200));
            assertThat(fromOne.values()).as("phones the instance on port %d owns", one.queryPort())
                    .anyMatch(answer -> !answer.forwarded());
            assertThat(fromOther.values()).as("phones the instance on port %d owns", other.queryPort())
                    .anyMatch(answer -> !answer.forwarded());
            assertThat(fromOne.values()).as("phones the instance on port %d forwards, with the instance token",
                    one.queryPort()).anyMatch(Answer::forwarded);
        });
        // The same question without credentials is refused, by both.
        for (ProcessorProcess instance : List.of(one, other)) {
            URI uri = URI.create("http://127.0.0.1:" + instance.queryPort() + "/api/devices/" + CallTraffic.mac(0));
            try {
                assertThat(HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Kills {@code victim} with SIGKILL, then asks {@code survivor} for every phone until one round
     * answers 200 for all. A 404 on the way would say "never seen" of a phone that was: a failure.
     */
    private static Duration killAndTimeTakeover(ProcessorProcess victim, ProcessorProcess survivor) throws Exception {
        long killedAt = System.nanoTime();
        assertThat(victim.kill()).as("exit code of the killed processor (128 + SIGKILL)").isEqualTo(137);
        Map<String, Answer> falseUnseen = new TreeMap<>();
        long deadline = killedAt + TAKEOVER_LIMIT.multipliedBy(4).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(survivor.isAlive()).as("survivor alive").isTrue();
            Map<String, Answer> answers = askForEveryPhone(survivor.queryPort());
            answers.forEach((mac, answer) -> {
                if (answer.status() == 404) {
                    falseUnseen.putIfAbsent(mac, answer);
                }
            });
            if (answers.values().stream().allMatch(answer -> answer.status() == 200)) {
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                assertThat(falseUnseen).as("phones the survivor called never seen during the take-over").isEmpty();
                return takeover;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the survivor did not answer for every phone within "
                + TAKEOVER_LIMIT.multipliedBy(4).toSeconds() + " s of the kill; 404s on the way: " + falseUnseen
                + "; last answers: " + askForEveryPhone(survivor.queryPort()));
    }

    private static final String PASSWORD = "failover-operator-password";
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("operator:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** One answer of GET /api/devices/{mac}: its status, and whether another instance gave it. */
    private record Answer(int status, boolean forwarded) {
    }

    private static Map<String, Answer> askForEveryPhone(int port) throws InterruptedException {
        Map<String, Answer> answers = new TreeMap<>();
        for (int phone = 0; phone < PHONES; phone++) {
            String mac = CallTraffic.mac(phone);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/devices/" + mac);
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Authorization", BASIC).build(), HttpResponse.BodyHandlers.discarding());
                answers.put(mac, new Answer(response.statusCode(), response.headers().firstValue(FORWARDED_BY).isPresent()));
            } catch (IOException e) {
                answers.put(mac, new Answer(-1, false));
            }
        }
        return answers;
    }

    private static void awaitMoreCalls(CallTraffic phones, int more) {
        int before = phones.acknowledgedCalls().size();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> phones.acknowledgedCalls().size() >= before + more);
    }

    /** Every acknowledged call is one ANSWERED session; no call is a session twice. */
    private static void awaitEveryCallExactlyOnce(String bootstrap, Set<String> acknowledged, ProcessorProcess processor) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(processor.isAlive()).as("processor alive").isTrue();
            CallTraffic.assertEveryAcknowledgedCallIsOneAnsweredSession(committedSessions(bootstrap), acknowledged);
        });
    }

    /** Every committed session so far (read_committed, up to the last stable offset). */
    private static List<CallSession> committedSessions(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String topic = Topics.CALL_SESSIONS.name();
        List<CallSession> sessions = new ArrayList<>();
        try (KafkaConsumer<String, CallSession> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.CALL_SESSIONS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime()).as("reading call.sessions.v1 to its end").isLessThan(deadline);
                for (ConsumerRecord<String, CallSession> record : consumer.poll(Duration.ofMillis(200))) {
                    sessions.add(record.value());
                }
            }
        }
        return sessions;
    }
}
