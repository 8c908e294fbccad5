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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One phone behind a load balancer reaches two gateways: its call_established goes through a
 * gateway that takes a second to hand it to Kafka, its call_terminated, sent right after without
 * waiting, through one that writes at once. The raw topic holds the end
 * before the answer; the processor's reorder window still makes every call ANSWERED.
 */
class TwoGatewaysReorderIT {

    private static final int CALLS = 5;
    private static final String MAC = "805ec0b30001";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("try") // the processor only needs to run meanwhile
    void shouldCountAnswersThatReachKafkaAfterTheirCallsEnd() throws Exception {
        try (LocalKafkaCluster broker = new LocalKafkaCluster(new LocalKafkaCluster.Settings(temp.resolve("kafka"),
                "localhost", LocalPorts.findFree("localhost"), 1, "256m", Duration.ofSeconds(60)))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            Properties admin = new Properties();
            admin.put("bootstrap.servers", bootstrap);
            try (TopicAdmin topics = TopicAdmin.connect(admin)) {
                topics.createAll("", 2, Optional.of((short) 1));
            }
            try (IngestGateway prompt = new IngestGateway(new GatewayConfig(gateway(bootstrap, "prompt", false))).start();
                 IngestGateway slow = new IngestGateway(new GatewayConfig(gateway(bootstrap, "slow", true))).start();
                 StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processor(bootstrap)))
                         .start(Duration.ofSeconds(60))) {
                for (int n = 0; n < CALLS; n++) {
                    String call = MAC + "-" + n;
                    assertThat(get(prompt.phonePort(), "incoming_call", call).join()).isEqualTo(200);
                    CompletableFuture<Integer> answer = get(slow.phonePort(), "call_established", call);
                    int heldBefore = n;
                    await().atMost(Duration.ofSeconds(30)).until(() -> HoldingInterceptor.held() > heldBefore);
                    // The answer is in the slow gateway, on its way to Kafka; the hang-up overtakes it.
                    assertThat(get(prompt.phonePort(), "call_terminated", call).join()).isEqualTo(200);
                    HoldingInterceptor.releaseOne();
                    assertThat(answer.join()).isEqualTo(200);
                }

                // Read until every call's three requests are there.
                List<String> raw = read(bootstrap, Topics.PHONE_RAW.name(), Topics.PHONE_RAW.valueSerde().deserializer(),
                        records -> records.stream().map(request -> request.getPath() + "?" + request.getQuery()).distinct()
                                .count() >= 3 * CALLS)
                        .stream().map(request -> request.getPath() + "?" + request.getQuery()).toList();
                for (int n = 0; n < CALLS; n++) {
                    String call = "call_id=" + MAC + "-" + n;
                    assertThat(indexOf(raw, "call_terminated", call)).as("in the raw topic, the end of %s comes before its answer", call)
                            .isLessThan(indexOf(raw, "call_established", call));
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<CallSession> sessions = read(bootstrap, Topics.CALL_SESSIONS.name(),
                            Topics.CALL_SESSIONS.valueSerde().deserializer(), records -> records.size() >= CALLS);
                    assertThat(sessions).extracting(CallSession::getOutcome).hasSize(CALLS).containsOnly(CallOutcome.ANSWERED);
                    assertThat(sessions).allSatisfy(session ->
                            assertThat(session.getAnsweredAt()).isBefore(session.getEndedAt()));
                });
            }
        }
    }

    private static int indexOf(List<String> raw, String event, String call) {
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).contains("/" + event + "?") && raw.get(i).endsWith(call)) {
                return i;
            }
        }
        throw new AssertionError(event + " of " + call + " is not in the raw topic: " + raw);
    }

    private static CompletableFuture<Integer> get(int port, String event, String callId) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/yealink/" + event + "?mac=" + MAC
                + "&local=sip:1001@pbx&remote=sip:2002@pbx&call_id=" + callId);
        return HTTP.sendAsync(HttpRequest.newBuilder(uri).header("User-Agent", "Yealink SIP-T46S 66.86.0.15")
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /** Reads the topic from the start until {@code enough} holds, or 30 s. */
    private static <V> List<V> read(String bootstrap, String topic, Deserializer<V> values, Predicate<List<V>> enough) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reorder-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            List<V> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> found.add(record.value()));
            }
            return found;
        }
    }

    /** A gateway, slow ones taking a second to hand each record to Kafka. */
    private Map<String, Object> gateway(String bootstrap, String name, boolean slow) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.PUBLISH_TIMEOUT_MS, 30_000L);
        values.put(GatewayConfig.SPOOL_DIR, temp.resolve(name + "-spool").toString());
        values.put("kafka.bootstrap.servers", bootstrap);
        if (slow) {
            values.put("kafka.interceptor.classes", HoldingInterceptor.class.getName());
        }
        return values;
    }

    private Map<String, Object> processor(String bootstrap) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put(ProcessorConfig.REORDER_WINDOW_MS, 30_000L);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.state.dir", temp.resolve("state").toString());
        values.put("kafka.replication.factor", "1");
        values.put("kafka.commit.interval.ms", "100");
        return values;
    }
}
