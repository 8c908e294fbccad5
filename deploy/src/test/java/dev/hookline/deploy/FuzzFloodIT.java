package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.gateway.IngestGateway;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of 10,000 fuzzed requests into a running gateway and processor, with valid phones
 * calling alongside: nothing crashes, every fuzzed request is either refused with a 4xx or, once
 * accepted, normalized or dead-lettered (none vanishes), and every valid call still ends as
 * exactly one session.
 */
@WithKafka
class FuzzFloodIT {

    private static final int FUZZED = 10_000;
    private static final int PHONES = 50;
    private static final int CALLS_PER_PHONE = 2;
    private static final Pattern DUPLICATES = Pattern.compile("(?m)^hookline_processor_duplicates_total\\S* (\\S+)$");

    @TempDir
    Path temp;

    @Test
    void shouldRefuseOrDeadLetterEveryFuzzedRequestWhileValidCallsStillBecomeSessions(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("fuzz", 2);
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(gatewaySettings(kafka, prefix))).start();
             StreamProcessorApp processor = new StreamProcessorApp(new ProcessorConfig(processorSettings(kafka, prefix)))
                     .start(Duration.ofSeconds(60))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                int seed = worker;
                work.add(pool.submit(() -> {
                    FuzzedRequests fuzz = new FuzzedRequests(seed);
                    for (int n = seed; n < FUZZED; n += 4) {
                        FuzzedRequests.Fuzzed request = fuzz.next(n);
                        statuses.computeIfAbsent(request.kind() + " " + answer(gateway.phonePort(), request.bytes()),
                                key -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            int validRequests = sendValidCalls(gateway.phonePort());
            for (Future<?> done : work) {
                done.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            System.out.println("Fuzz flood answers by kind and status: " + new java.util.TreeMap<>(statuses));
            // Nothing but 200 or a 4xx; each kind answered as its kind deserves.
            int accepted = 0;
            for (Map.Entry<String, AtomicInteger> entry : statuses.entrySet()) {
                String status = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
                // Only bytes that are no HTTP at all may be met by a plain close.
                String allowed = entry.getKey().startsWith("GARBAGE") ? "4\\d\\d|closed|reset" : "200|4\\d\\d|505";
                assertThat(status).as(entry.getKey() + " (all answers: " + statuses + ")").matches(allowed);
                if (status.equals("200")) {
                    accepted += entry.getValue().get();
                }
            }
            assertThat(statuses.keySet()).as("answers by kind: " + statuses)
                    .contains("HUGE_URI 414", "HEADER_FLOOD 431")
                    .noneMatch(key -> key.startsWith("HUGE_URI 200") || key.startsWith("HEADER_FLOOD 200"));
            assertThat(get(gateway.managementPort(), "/health/ready").statusCode()).isEqualTo(200);
            assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);

            // Every accepted request is on the raw topic, and each became an event, a dead letter or a duplicate.
            int raw = accepted + validRequests;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                long onRaw = count(kafka, Topics.PHONE_RAW.name(prefix));
                long events = count(kafka, Topics.PHONE_EVENTS.name(prefix));
                long deadLetters = count(kafka, Topics.PHONE_EVENTS_DLQ.name(prefix));
                long duplicates = duplicates(processor.queryPort());
                assertThat(onRaw).as("raw records").isEqualTo(raw);
                assertThat(events + deadLetters + duplicates).as("events %d + dead letters %d + duplicates %d", events,
                        deadLetters, duplicates).isEqualTo(raw);
                assertThat(deadLetters).as("dead letters").isPositive();
            });

            // The valid phones' calls: each exactly once, answered.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<CallSession> sessions = readSessions(kafka, prefix).stream()
                        .filter(session -> session.getDeviceId().startsWith("805ec0")).toList();
                assertThat(sessions).hasSize(PHONES * CALLS_PER_PHONE);
                assertThat(sessions).extracting(CallSession::getCallId).doesNotHaveDuplicates();
                assertThat(sessions).allSatisfy(session -> assertThat(session.getOutcome()).isEqualTo(CallOutcome.ANSWERED));
            });
        }
    }

    /** The status code the gateway answered, or "closed" when it closed without one. */
    private static String answer(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String response = readAll(socket.getInputStream());
            return response.startsWith("HTTP/1.1 ") && response.length() >= 12 ? response.substring(9, 12) : "closed";
        } catch (IOException e) {
            // A reset after the gateway answered and closed while bytes were still coming counts as its refusal.
            return "reset";
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int read; (read = in.read(chunk)) >= 0; ) {
                buffer.write(chunk, 0, read);
            }
        } catch (IOException e) {
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    /** PHONES Yealink phones, each with CALLS_PER_PHONE answered calls; returns how many requests were sent. */
    private static int sendValidCalls(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int sent = 0;
        for (int call = 0; call < CALLS_PER_PHONE; call++) {
            for (String event : List.of("incoming_call", "call_established", "call_terminated")) {
                for (int phone = 0; phone < PHONES; phone++) {
                    String mac = String.format("805ec0a1%04x", phone);
                    URI uri = URI.create("http://127.0.0.1:" + port + "/yealink/" + event + "?mac=" + mac
                            + "&local=sip:1001@pbx&remote=sip:2002@pbx&call_id=" + mac + "-" + call);
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri)
                            .header("User-Agent", "Yealink SIP-T46S 66.86.0.15").timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    assertThat(response.statusCode()).as("valid request " + uri).isEqualTo(200);
                    sent++;
                }
                Thread.sleep(200);
            }
        }
        return sent;
    }

    private static long duplicates(int queryPort) throws Exception {
        Matcher matcher = DUPLICATES.matcher(get(queryPort, "/metrics").body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(KafkaBroker kafka, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("count-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long total = 0;
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                int polled = consumer.poll(Duration.ofMillis(500)).count();
                total += polled;
                emptyPolls = polled == 0 ? emptyPolls + 1 : 0;
            }
            return total;
        }
    }

    private static List<CallSession> readSessions(KafkaBroker kafka, String prefix) {
        try (KafkaConsumer<String, CallSession> consumer = new KafkaConsumer<>(kafka.consumerProps("sessions-" + UUID.randomUUID()),
                new StringDeserializer(), Topics.CALL_SESSIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.CALL_SESSIONS.name(prefix)));
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

    private Map<String, Object> gatewaySettings(KafkaBroker kafka, String prefix) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.GATEWAY_ID, "gw-fuzz");
        values.put(GatewayConfig.TOPIC_PREFIX, prefix);
        values.put(GatewayConfig.SECURITY_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT, 0.0);
        values.put(GatewayConfig.SPOOL_DIR, temp.resolve("spool").toString());
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return values;
    }

    private Map<String, Object> processorSettings(KafkaBroker kafka, String prefix) {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessorConfig.APPLICATION_ID, "fuzz-" + prefix.replace(".", ""));
        values.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        values.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        values.put(ProcessorConfig.QUERY_PORT, 0);
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        values.put("kafka.state.dir", temp.resolve("state").toString());
        values.put("kafka.commit.interval.ms", "100");
        return values;
    }
}
