package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.deploy.kafka.TopicAdmin;
import dev.hookline.deploy.local.LocalKafkaCluster;
import dev.hookline.deploy.local.LocalPorts;
import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ingest path under a broker outage: phones keep calling while the broker stops for a
 * few seconds and comes back; the gateway spools, the processor waits; afterwards every call whose
 * requests were all acknowledged is exactly one session, and no call is a session twice.
 */
class PipelineOutageIT {

    private static final int PHONES = 20;

    @TempDir
    Path temp;

    @Test
    void shouldEmitEveryAcknowledgedCallExactlyOnceAcrossABrokerRestartUnderLoad() throws Exception {
        int kafkaPort = LocalPorts.findFree("localhost");
        try (LocalKafkaCluster broker = new LocalKafkaCluster(new LocalKafkaCluster.Settings(temp.resolve("kafka"),
                "localhost", kafkaPort, 1, "256m", Duration.ofSeconds(60)))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            createTopics(bootstrap);
            try (IngestGateway gateway = new IngestGateway(new GatewayConfig(gatewaySettings(bootstrap))).start();
                 StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processorSettings(bootstrap)))
                         .start(Duration.ofSeconds(60))) {
                Set<String> acknowledged;
                try (CallTraffic phones = new CallTraffic(gateway.phonePort(), PHONES, 1000, Duration.ofMillis(50))) {
                    Thread.sleep(3000);
                    broker.stop();
                    Thread.sleep(4000);
                    broker.start();
                    Thread.sleep(4000);
                    phones.stop();
                    acknowledged = phones.acknowledgedCalls();
                }
                assertThat(gateway.metrics().scrape()).as("the outage must have sent requests to the spool")
                        .containsPattern("hookline_gateway_spooled_total [1-9]");
                assertThat(acknowledged).as("calls acknowledged").hasSizeGreaterThan(100);

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(processor.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                    List<CallSession> sessions = sessions(bootstrap);
                    Map<String, Long> perCall = sessions.stream().collect(Collectors.groupingBy(
                            session -> String.valueOf(session.getCallId()), Collectors.counting()));
                    assertThat(perCall).as("calls that are more than one session")
                            .allSatisfy((call, count) -> assertThat(count).as(call).isEqualTo(1L));
                    assertThat(perCall.keySet()).as("acknowledged calls without their session").containsAll(acknowledged);
                    Map<String, CallSession> byCall = sessions.stream()
                            .collect(Collectors.toMap(session -> String.valueOf(session.getCallId()), Function.identity()));
                    assertThat(acknowledged).allSatisfy(call ->
                            assertThat(byCall.get(call).getOutcome()).as(call).isEqualTo(CallOutcome.ANSWERED));
                });
            }
        }
    }

    private static List<CallSession> sessions(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sessions-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, CallSession> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.CALL_SESSIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CALL_SESSIONS.name()));
            List<CallSession> sessions = new ArrayList<>();
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                int before = sessions.size();
                for (ConsumerRecord<String, CallSession> record : consumer.poll(Duration.ofMillis(500))) {
                    sessions.add(record.value());
                }
                emptyPolls = sessions.size() == before ? emptyPolls + 1 : 0;
            }
            return sessions;
        }
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (TopicAdmin admin = TopicAdmin.connect(props)) {
            admin.createAll("", 3, Optional.of((short) 1));
        }
    }

    private Map<String, Object> gatewaySettings(String bootstrap) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.SECURITY_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.PUBLISH_TIMEOUT_MS, 500L);
        values.put(GatewayConfig.SPOOL_DIR, temp.resolve("spool").toString());
        values.put("kafka.bootstrap.servers", bootstrap);
        return values;
    }

    private Map<String, Object> processorSettings(String bootstrap) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.APPLICATION_ID, "outage-processor");
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.state.dir", temp.resolve("state").toString());
        values.put("kafka.replication.factor", "1");
        values.put("kafka.commit.interval.ms", "100");
        return values;
    }
}
