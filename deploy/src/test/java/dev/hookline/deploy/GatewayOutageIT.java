package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a phone got a 200 for is lost: not when the broker stops and comes back under load,
 * not when the gateway is killed with kill -9 while requests wait in its spool. Each test counts
 * every acknowledged request on the topic afterwards.
 */
class GatewayOutageIT {

    private static final Pattern NUMBER = Pattern.compile("[?&]n=(\\d+)");

    @TempDir
    Path temp;

    @Test
    void shouldKeepEveryAcknowledgedRequestAcrossABrokerRestart() throws Exception {
        int kafkaPort = LocalPorts.findFree("localhost");
        try (LocalKafkaCluster broker = broker(kafkaPort)) {
            broker.start();
            TestServices.createTopics(broker.bootstrapServers(), "", 3);
            try (IngestGateway gateway = new IngestGateway(new GatewayConfig(gatewaySettings(broker.bootstrapServers(),
                    temp.resolve("spool")))).start()) {
                Set<Integer> acknowledged;
                try (PhoneTraffic phone = new PhoneTraffic(gateway.phonePort(), 4000, Duration.ofMillis(5))) {
                    Thread.sleep(1500);
                    broker.stop();
                    Thread.sleep(3000);
                    broker.start();
                    Thread.sleep(1500);
                    phone.stop();
                    acknowledged = phone.acknowledged();
                }
                assertThat(gateway.metrics().scrape()).as("the outage must have sent requests to the spool")
                        .containsPattern("hookline_gateway_spooled_total [1-9]");
                assertThat(acknowledged).hasSizeGreaterThan(100);
                assertThat(numbersOnTopic(broker.bootstrapServers(), acknowledged, Duration.ofSeconds(60)))
                        .containsAll(acknowledged);
            }
        }
    }

    @Test
    void shouldReplayTheSpoolOfAGatewayKilledWithKill9() throws Exception {
        int kafkaPort = LocalPorts.findFree("localhost");
        int gatewayPort = LocalPorts.findFree("127.0.0.1");
        Path spool = temp.resolve("spool");
        try (LocalKafkaCluster broker = broker(kafkaPort)) {
            broker.start();
            TestServices.createTopics(broker.bootstrapServers(), "", 3);
            Set<Integer> acknowledged;
            Process first = startGatewayProcess(broker.bootstrapServers(), gatewayPort, spool, temp.resolve("first.log"));
            try {
                awaitPort(gatewayPort, first);
                broker.stop();
                try (PhoneTraffic phone = new PhoneTraffic(gatewayPort, 200, Duration.ofMillis(5))) {
                    Thread.sleep(3000);
                    phone.stop();
                    acknowledged = phone.acknowledged();
                }
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            }
            assertThat(acknowledged).as("requests acknowledged from the spool while Kafka was down").hasSizeGreaterThan(20);

            broker.start();
            Process second = startGatewayProcess(broker.bootstrapServers(), gatewayPort, spool, temp.resolve("second.log"));
            try {
                assertThat(numbersOnTopic(broker.bootstrapServers(), acknowledged, Duration.ofSeconds(60)))
                        .containsAll(acknowledged);
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private LocalKafkaCluster broker(int port) {
        return new LocalKafkaCluster(new LocalKafkaCluster.Settings(temp.resolve("kafka"), "localhost", port, 1, "256m",
                Duration.ofSeconds(60)));
    }

    private static Map<String, Object> gatewaySettings(String bootstrap, Path spool) {
        Map<String, Object> values = TestServices.gatewaySettings(bootstrap, spool);
        values.put(GatewayConfig.PUBLISH_TIMEOUT_MS, 500L);
        return values;
    }

    private Process startGatewayProcess(String bootstrap, int port, Path spool, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-jar", Path.of("target", "hookline.jar").toString(), "gateway",
                "--bootstrap-server", bootstrap, "--port", Integer.toString(port), "--management-port", "0",
                "--set", "http.host=127.0.0.1", "--set", "management.host=127.0.0.1",
                "--set", "security.rate.limit.per.second=0", "--set", "security.address.rate.limit.per.second=0",
                "--set", "publish.timeout.ms=500",
                "--set", "spool.dir=" + spool))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("gateway process alive").isTrue();
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("gateway did not listen on " + port);
    }

    /** The request numbers on phone.raw.v1, read until all expected are there or the time is up. */
    private static Set<Integer> numbersOnTopic(String bootstrap, Set<Integer> expected, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<Integer> seen = new HashSet<>();
        try (KafkaConsumer<String, RawPhoneRequest> consumer = new KafkaConsumer<>(props,
                Topics.PHONE_RAW.keySerde().deserializer(), Topics.PHONE_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PHONE_RAW.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RawPhoneRequest> record : consumer.poll(Duration.ofMillis(500))) {
                    Matcher matcher = NUMBER.matcher("?" + record.value().getQuery());
                    if (matcher.find()) {
                        seen.add(Integer.parseInt(matcher.group(1)));
                    }
                }
            }
        }
        return seen;
    }
}
