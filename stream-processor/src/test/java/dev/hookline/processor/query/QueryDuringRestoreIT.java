package dev.hookline.processor.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.ProcessorTopology;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.processor.state.PhoneStateSerde;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor starting on a long changelog answers for a phone not restored yet with 503 and
 * Retry-After, never with 404 "never seen": Kafka Streams' interactive queries already read the
 * store of an active task that is still restoring, where that phone is simply absent.
 */
@WithKafka
class QueryDuringRestoreIT {

    private static final int PARTITIONS = 2;
    private static final int FILLER_PHONES = 150_000;
    private static final int NOT_LISTENING = -1;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void shouldAnswerUnavailableNotUnseenWhilePhonesAreRestored(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("restore", PARTITIONS);
        String applicationId = "restore-it-" + prefix.replace(".", "");
        String changelog = applicationId + "-" + ProcessorTopology.PHONES_STORE + "-changelog";
        try (Admin admin = kafka.adminClient()) {
            admin.createTopics(List.of(new NewTopic(changelog, PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        // The phone asked for is the last entry of the changelog: restored last.
        String asked = "805ec0ffffff";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
                (topic, bytes) -> bytes)) {
            for (int i = 0; i < FILLER_PHONES; i++) {
                String mac = String.format("805ec1%06x", i);
                producer.send(new ProducerRecord<>(changelog, mac, PhoneStateSerde.toBytes(seen(mac))));
            }
            producer.send(new ProducerRecord<>(changelog, asked, PhoneStateSerde.toBytes(seen(asked))));
            producer.flush();
        }

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StreamProcessorApp app = new StreamProcessorApp(config(kafka, prefix, applicationId, port));
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                app.start(Duration.ofSeconds(120));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            List<Integer> statuses = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                status = get(port, "/api/devices/" + asked);
                statuses.add(status);
                Thread.sleep(20);
            }
            assertThat(statuses).as("answers for a phone in the changelog, in order").doesNotContain(404).endsWith(200);
            assertThat(statuses).as("answers while starting and restoring").contains(503);
            started.get(60, TimeUnit.SECONDS);
            // Restored: a phone never seen is now a true 404.
            assertThat(get(port, "/api/devices/000000000001")).isEqualTo(404);
        } finally {
            started.handle((ok, error) -> null).get(130, TimeUnit.SECONDS);
            app.close();
        }
    }

    private static PhoneState seen(String mac) {
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        DeviceState device = DeviceState.newBuilder().setDeviceId(mac).setVendor("yealink").setHook(HookState.ON)
                .setFirstSeen(at).setLastSeen(at).build();
        return PhoneState.empty(mac).withPresence(device, List.of());
    }

    private ProcessorConfig config(KafkaBroker kafka, String prefix, String applicationId, int port) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, applicationId);
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, port);
        settings.put(ProcessorConfig.QUERY_AUTH_ENABLED, false);
        settings.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.QUERY_ADVERTISED_HOST, "127.0.0.1");
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", temp.toString());
        settings.put("kafka.replication.factor", "1");
        return new ProcessorConfig(settings);
    }

    private static int get(int port, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notListeningYet) {
            return NOT_LISTENING;
        }
    }
}
