package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ingest path under broker outages on a busy machine: phones keep calling while the
 * broker stops and comes back; the gateway spools, the processor waits; afterwards every call
 * whose requests were all acknowledged is exactly one session, ANSWERED, and no call is a session
 * twice.
 *
 * <p>Each round has its own topics, gateway and processor, and its own outage timing (drawn from
 * a seed printed with any failure); a spinning thread per core keeps the machine busy, which is
 * where ordering races show. {@code -Dhookline.outage.rounds=N} runs N rounds (the soak profile
 * runs 20); {@code -Dhookline.outage.seed=S} replays one run's timings.
 */
class PipelineOutageIT {

    private static final int PHONES = 20;

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("try") // the busy threads only need to run meanwhile
    void shouldEmitEveryAcknowledgedCallExactlyOnceAcrossBrokerRestartsUnderLoad() throws Exception {
        int rounds = Integer.getInteger("hookline.outage.rounds", 1);
        long seed = Long.getLong("hookline.outage.seed", System.nanoTime());
        Random random = new Random(seed);
        int kafkaPort = LocalPorts.findFree("localhost");
        try (LocalKafkaCluster broker = new LocalKafkaCluster(new LocalKafkaCluster.Settings(temp.resolve("kafka"),
                "localhost", kafkaPort, 1, "256m", Duration.ofSeconds(60)));
             BusyCores busy = BusyCores.onEveryCore()) {
            broker.start();
            for (int round = 1; round <= rounds; round++) {
                Outage outage = new Outage(1000 + random.nextInt(3000), 2000 + random.nextInt(4000), 3000 + random.nextInt(2000));
                String label = "round " + round + " of " + rounds + " (seed " + seed + ", " + outage + ")";
                System.out.println("PipelineOutageIT " + label);
                runRound(broker, "r" + round + ".", outage, label);
            }
        }
    }

    /** Traffic for {@code beforeMs}, the broker down for {@code downMs}, traffic for {@code afterMs} more. */
    private record Outage(long beforeMs, long downMs, long afterMs) {
    }

    private void runRound(LocalKafkaCluster broker, String prefix, Outage outage, String label) throws Exception {
        String bootstrap = broker.bootstrapServers();
        TestServices.createTopics(bootstrap, prefix, 3);
        Path dir = temp.resolve(prefix);
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(gatewaySettings(bootstrap, prefix, dir))).start();
             StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processorSettings(bootstrap, prefix, dir)))
                     .start(Duration.ofSeconds(60))) {
            Set<String> acknowledged;
            try (CallTraffic phones = new CallTraffic(gateway.phonePort(), PHONES, 1000, Duration.ofMillis(50))) {
                Thread.sleep(outage.beforeMs());
                broker.stop();
                Thread.sleep(outage.downMs());
                broker.start();
                Thread.sleep(outage.afterMs());
                phones.stop();
                acknowledged = phones.acknowledgedCalls();
            }
            assertThat(gateway.metrics().scrape()).as("the outage must have sent requests to the spool")
                    .containsPattern("hookline_gateway_spooled_total [1-9]");
            assertThat(acknowledged).as("calls acknowledged").hasSizeGreaterThan(50);

            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(processor.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                    CallTraffic.assertEveryAcknowledgedCallIsOneAnsweredSession(sessions(bootstrap, prefix), acknowledged);
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(label + ": " + explain(bootstrap, prefix, acknowledged), e);
            }
        }
    }

    /** For a failure: the raw requests and events of each wrong call, in the order Kafka holds them. */
    private static String explain(String bootstrap, String prefix, Set<String> acknowledged) {
        List<CallSession> sessions = sessions(bootstrap, prefix);
        Map<String, List<CallSession>> byCall = sessions.stream()
                .collect(Collectors.groupingBy(session -> String.valueOf(session.getCallId())));
        Set<String> wrong = new TreeSet<>();
        for (String call : acknowledged) {
            List<CallSession> found = byCall.getOrDefault(call, List.of());
            if (found.size() != 1 || found.get(0).getOutcome() != CallOutcome.ANSWERED) {
                wrong.add(call);
            }
        }
        StringBuilder out = new StringBuilder("wrong calls: " + wrong + "\n");
        List<ConsumerRecord<String, RawPhoneRequest>> raw = read(bootstrap, Topics.PHONE_RAW.name(prefix),
                Topics.PHONE_RAW.valueSerde().deserializer());
        List<ConsumerRecord<String, PhoneEvent>> events = read(bootstrap, Topics.PHONE_EVENTS.name(prefix),
                Topics.PHONE_EVENTS.valueSerde().deserializer());
        for (String call : wrong.stream().limit(5).toList()) {
            out.append("call ").append(call).append(" sessions ").append(byCall.getOrDefault(call, List.of()).stream()
                    .map(session -> String.valueOf(session.getOutcome())).toList()).append('\n');
            raw.stream().filter(record -> String.valueOf(record.value().getQuery()).contains("call_id=" + call + ""))
                    .forEach(record -> out.append("  raw   p").append(record.partition()).append('@').append(record.offset())
                            .append(" ts=").append(record.timestamp()).append(' ').append(record.value().getPath())
                            .append(" id=").append(record.value().getRequestId())
                            .append(" received=").append(record.value().getReceivedAt()).append('\n'));
            events.stream().filter(record -> call.equals(String.valueOf(record.value().getCallId())))
                    .forEach(record -> out.append("  event p").append(record.partition()).append('@').append(record.offset())
                            .append(' ').append(record.value().getType()).append(" at=").append(record.value().getOccurredAt())
                            .append('\n'));
        }
        return out.toString();
    }

    private static List<CallSession> sessions(String bootstrap, String prefix) {
        return read(bootstrap, Topics.CALL_SESSIONS.name(prefix), Topics.CALL_SESSIONS.valueSerde().deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }

    private static <V> List<ConsumerRecord<String, V>> read(String bootstrap, String topic, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                emptyPolls = records.size() == before ? emptyPolls + 1 : 0;
            }
            return records;
        }
    }

    private static Map<String, Object> gatewaySettings(String bootstrap, String prefix, Path dir) {
        Map<String, Object> values = TestServices.gatewaySettings(bootstrap, dir.resolve("spool"));
        values.put(GatewayConfig.PUBLISH_TIMEOUT_MS, 500L);
        values.put(GatewayConfig.TOPIC_PREFIX, prefix);
        return values;
    }

    private static Map<String, Object> processorSettings(String bootstrap, String prefix, Path dir) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.APPLICATION_ID, prefix + "outage-processor");
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.state.dir", dir.resolve("state").toString());
        values.put("kafka.replication.factor", "1");
        values.put("kafka.commit.interval.ms", "100");
        return values;
    }
}
