package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalKafkaNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real brokers, each its own JVM: one is killed with kill -9, writes with acks=all go on
 * and are readable, and the broker, started again, rejoins and catches up.
 */
class LocalClusterIT {

    private static final String TOPIC = "fault.tolerance.v1";
    private static final Duration STARTUP = Duration.ofSeconds(150);

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldTakeWritesWithOneOfThreeBrokersKilledAndTakeItBackWhenStartedAgain() throws Exception {
        int port = PortBlock.free(6);
        long startedAt = System.nanoTime();
        try (LocalKafkaCluster cluster = new LocalKafkaCluster(new LocalKafkaCluster.Settings(temp.resolve("data"),
                "localhost", port, 3, "256m", STARTUP))) {
            cluster.start();
            System.out.printf("3-broker cluster ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertThat(brokerIds(admin)).containsExactlyInAnyOrder(1, 2, 3);
                // No replication factor given: the brokers' default must make three replicas.
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(partitions(admin, TOPIC))
                        .allSatisfy(p -> {
                            assertThat(p.replicas()).hasSize(3);
                            assertThat(p.isr()).hasSize(3);
                        }));
                assertThat(topicConfig(admin, TOPIC, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).isEqualTo("2");
                assertThat(produce(bootstrap, 0, 100)).as("acknowledged with three brokers").hasSize(100);
                // Read now, so Kafka creates its offsets topic while three brokers can hold its replicas.
                assertThat(consumeAll(bootstrap, "before-the-kill", 100)).isEqualTo(keys(0, 100));
                assertThat(partitions(admin, "__consumer_offsets")).as("Kafka's own offsets topic")
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));

                int victim = partitions(admin, TOPIC).get(0).leader().id();
                LocalKafkaNode node = cluster.node(victim);
                long killedPid = node.pid().orElseThrow();
                ProcessHandle.of(killedPid).orElseThrow().destroyForcibly(); // kill -9: no clean shutdown
                await().atMost(Duration.ofSeconds(30)).until(() -> !node.isAlive());

                assertThat(produce(bootstrap, 100, 200)).as("acknowledged with broker %d killed", victim).hasSize(100);
                Set<Integer> others = IntStream.rangeClosed(1, 3).filter(id -> id != victim).boxed().collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(brokerIds(admin)).containsExactlyInAnyOrderElementsOf(others);
                    assertThat(partitions(admin, TOPIC)).allSatisfy(p -> assertThat(p.isr()).extracting(Node::id)
                            .containsExactlyInAnyOrderElementsOf(others));
                });
                assertThat(consumeAll(bootstrap, "after-the-kill", 200)).as("records read with broker %d killed", victim)
                        .isEqualTo(keys(0, 200));

                long restartedAt = System.nanoTime();
                cluster.restart(victim);
                assertThat(node.pid().orElseThrow()).isNotEqualTo(killedPid);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(node.isAlive()).as("broker %d runs", victim).isTrue();
                    assertThat(brokerIds(admin)).containsExactlyInAnyOrder(1, 2, 3);
                    assertThat(partitions(admin, TOPIC)).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
                });
                System.out.printf("broker %d back in every ISR %.1f s after its restart%n", victim,
                        (System.nanoTime() - restartedAt) / 1e9);
            }
            cluster.stop();
            assertThat(cluster.nodes()).noneMatch(LocalKafkaNode::isAlive);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldPrintEachBrokersPidAndStartAKilledOneAgainWithoutStopping() throws Exception {
        int port = PortBlock.free(6);
        Pattern brokerLine = Pattern.compile("broker (\\d) +localhost:(\\d+) \\(pid (\\d+)\\)");
        try (LocalModeProcess local = LocalModeProcess.start(temp.resolve("local"), port, temp.resolve("local.log"),
                "--brokers", "3", "--services", "none", "--broker-heap", "256m", "--startup-timeout", STARTUP.toString(),
                "--broker-restart-delay", "PT2S").awaitReady(STARTUP.plusSeconds(30))) {
            String ready = local.output();
            assertThat(ready).contains("Kafka bootstrap    localhost:" + port + ",localhost:" + (port + 1) + ",localhost:"
                    + (port + 2));
            List<Long> pids = new ArrayList<>();
            Matcher broker = brokerLine.matcher(ready);
            while (broker.find()) {
                assertThat(Integer.parseInt(broker.group(2))).isEqualTo(port + Integer.parseInt(broker.group(1)) - 1);
                pids.add(Long.parseLong(broker.group(3)));
            }
            assertThat(pids).as("a pid per broker").hasSize(3).doesNotHaveDuplicates();
            List<Long> children = local.children().stream().map(ProcessHandle::pid).toList();
            assertThat(children).as("the brokers are child processes").containsAll(pids);

            ProcessHandle.of(pids.get(1)).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(local.output())
                    .contains("broker 2 (pid " + pids.get(1) + ") stopped (exit code 137); 2 of 3 brokers run on")
                    .containsPattern("broker 2 started again \\(pid \\d+\\)"));
            Matcher again = Pattern.compile("broker 2 started again \\(pid (\\d+)\\)").matcher(local.output());
            assertThat(again.find()).isTrue();
            long restarted = Long.parseLong(again.group(1));
            assertThat(restarted).isNotEqualTo(pids.get(1));
            assertThat(local.children()).extracting(ProcessHandle::pid).contains(restarted);
            assertThat(local.output()).doesNotContain("hookline:");

            List<ProcessHandle> brokers = local.children();
            local.terminate(Duration.ofSeconds(60));
            assertThat(local.output()).contains("Stopped.");
            assertThat(brokers).noneMatch(ProcessHandle::isAlive);
        }
    }

    private static List<RecordMetadata> produce(String bootstrap, int from, int to) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "90000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        List<RecordMetadata> acknowledged = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = from; i < to; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, Integer.toString(i), "record " + i)));
            }
            for (Future<RecordMetadata> send : sends) {
                acknowledged.add(send.get(100, TimeUnit.SECONDS));
            }
        }
        return acknowledged;
    }

    private static Set<String> consumeAll(String bootstrap, String group, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> keys = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keys.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
            consumer.commitSync(Duration.ofSeconds(30)); // the group's offsets go to __consumer_offsets
        }
        return keys;
    }

    private static Set<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).collect(Collectors.toSet());
    }

    private static Set<Integer> brokerIds(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }

    private static List<TopicPartitionInfo> partitions(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        return description.partitions();
    }

    private static String topicConfig(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource).get(name).value();
    }
}
