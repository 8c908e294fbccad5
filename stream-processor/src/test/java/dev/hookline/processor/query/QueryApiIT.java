package dev.hookline.processor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API on two processor instances sharing the partitions: every phone is answered
 * whichever instance is asked (forwarded to its owner), lists merge both instances' shares, and
 * once one instance stops the other answers for all phones.
 */
@WithKafka
class QueryApiIT {

    private static final int PHONES = 12;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void shouldAnswerForEveryPhoneFromEitherInstanceAndAfterOneStops(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("query", 4);
        String applicationId = "query-it-" + prefix.replace(".", "");
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            macs.add(String.format("805ec0a1%04x", i));
        }
        produce(kafka, prefix, macs);

        StreamProcessorApp first = new StreamProcessorApp(config(kafka, prefix, applicationId, "a")).start(Duration.ofSeconds(60));
        StreamProcessorApp second = new StreamProcessorApp(config(kafka, prefix, applicationId, "b")).start(Duration.ofSeconds(60));
        try {
            int port = first.queryPort();
            // Every phone answered through the first instance; some of them by the second.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                int forwarded = 0;
                for (String mac : macs) {
                    HttpResponse<String> response = get(port, "/api/devices/" + mac);
                    assertThat(response.statusCode()).as(mac + ": " + response.body()).isEqualTo(200);
                    assertThat(json(response).get("deviceId").asText()).isEqualTo(mac);
                    if (response.headers().firstValue("X-Hookline-Answered-By").isPresent()) {
                        forwarded++;
                    }
                }
                assertThat(forwarded).as("phones owned by the second instance").isBetween(1, PHONES - 1);
            });

            // The two phones in a call show as active calls and busy lines, merged from both instances.
            JsonNode calls = json(get(second.queryPort(), "/api/calls/active"));
            assertThat(calls.get("instances").asInt()).isEqualTo(2);
            assertThat(calls.get("calls")).extracting(call -> call.get("deviceId").asText())
                    .containsExactlyInAnyOrder(macs.get(0), macs.get(1));
            JsonNode busy = json(get(port, "/api/lines?availability=busy"));
            assertThat(busy.get("lines")).hasSize(2);
            assertThat(json(get(port, "/api/lines")).get("lines")).hasSize(PHONES);

            // A MAC in another spelling is the same phone; its lines; an unknown phone; a bad filter.
            HttpResponse<String> lines = get(port, "/api/devices/80:5E:C0:A1:00:05/lines");
            assertThat(lines.statusCode()).isEqualTo(200);
            assertThat(json(lines).get("lines")).singleElement()
                    .satisfies(line -> assertThat(line.get("registration").asText()).isEqualTo("REGISTERED"));
            assertThat(get(port, "/api/devices/000000000000").statusCode()).isEqualTo(404);
            assertThat(get(port, "/api/lines?availability=sleepy").statusCode()).isEqualTo(400);

            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(port, "/metrics").body()).contains("hookline_processor_events_total")
                    .contains("kafka_stream");
        } finally {
            second.close();
        }
        try {
            int port = first.queryPort();
            // After the rebalance the first instance owns and answers every phone itself.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String mac : macs) {
                    HttpResponse<String> response = get(port, "/api/devices/" + mac);
                    assertThat(response.statusCode()).as(mac + ": " + response.body()).isEqualTo(200);
                    assertThat(response.headers().firstValue("X-Hookline-Answered-By")).isEmpty();
                }
                assertThat(json(get(port, "/api/calls/active")).get("calls")).hasSize(2);
            });
        } finally {
            first.close();
        }
    }

    private ProcessorConfig config(KafkaBroker kafka, String prefix, String applicationId, String name) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, applicationId);
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        settings.put(ProcessorConfig.QUERY_AUTH_ENABLED, false);
        settings.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.QUERY_ADVERTISED_HOST, "127.0.0.1");
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", temp.resolve(name).toString());
        settings.put("kafka.commit.interval.ms", "100");
        settings.put("kafka.session.timeout.ms", "6000");
        return new ProcessorConfig(settings);
    }

    /** Every phone registers its line; the first two then ring. */
    private static void produce(KafkaBroker kafka, String prefix, List<String> macs) throws Exception {
        Instant at = Instant.now().minusSeconds(30);
        try (KafkaProducer<String, RawPhoneRequest> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.PHONE_RAW.keySerde().serializer(), Topics.PHONE_RAW.valueSerde().serializer())) {
            int n = 0;
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String mac : macs) {
                sent.add(producer.send(new ProducerRecord<>(Topics.PHONE_RAW.name(prefix), mac, raw(mac, "registered", "", at, n++))));
            }
            for (String mac : macs.subList(0, 2)) {
                sent.add(producer.send(new ProducerRecord<>(Topics.PHONE_RAW.name(prefix), mac,
                        raw(mac, "incoming_call", "&remote=sip:2002@pbx&call_id=" + mac, at.plusSeconds(5), n++))));
            }
            // A request the broker refused would later read as a phone never seen: fail here instead.
            for (Future<RecordMetadata> record : sent) {
                record.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static RawPhoneRequest raw(String mac, String event, String extra, Instant at, int n) {
        return RawPhoneRequest.newBuilder()
                .setRequestId("q-" + n).setReceivedAt(at).setGatewayId("test").setDeviceId(mac)
                .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET")
                .setPath("/yealink/" + event).setQuery("mac=" + mac + "&local=sip:1001@pbx" + extra)
                .setUserAgent("Yealink SIP-T46S 66.86.0.15")
                .build();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return AvroJson.MAPPER.readTree(response.body());
    }
}
