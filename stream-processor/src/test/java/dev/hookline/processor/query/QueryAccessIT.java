package dev.hookline.processor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.StreamProcessorApp;
import dev.hookline.processor.query.access.UsersFile;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control on every endpoint of the query port, served over HTTPS from PEM files: 401
 * without working credentials, 403 without the role, the right answer with it; no credential in
 * the URL; no cross-origin commands; health and metrics open.
 */
@WithKafka
class QueryAccessIT {

    private static final String MAC = "805ec0a1c0de";
    private static final String READER = "reader:reader-password-1";
    private static final String COMMANDER = "commander:commander-password-1";
    /** The GET endpoints that need READ. */
    private static final List<String> READ_ENDPOINTS = List.of("/api/devices/" + MAC, "/api/devices/" + MAC + "/lines",
            "/api/lines", "/api/calls/active", "/api/phones", "/api/whoami", "/api/view/events");

    @TempDir
    static Path temp;

    private static StreamProcessorApp processor;
    private static HttpClient https;
    private static String token;
    private static String prefix;
    private static KafkaBroker broker;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        broker = kafka;
        prefix = kafka.createTopics("access", 2);
        Path cert = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl (Debian package openssl): " + output).isZero();

        token = UsersFile.newToken();
        Path users = temp.resolve("users");
        Files.writeString(users, String.join("\n",
                "# kind name roles hash",
                "user reader read " + UsersFile.hashPassword("reader-password-1"),
                "user commander read,command " + UsersFile.hashPassword("commander-password-1"),
                "token grafana read " + UsersFile.hashToken(token), ""));

        Map<String, Object> settings = new HashMap<>();
        settings.put(ProcessorConfig.APPLICATION_ID, "access-it-" + prefix.replace(".", ""));
        settings.put(ProcessorConfig.TOPIC_PREFIX, prefix);
        settings.put(ProcessorConfig.QUERY_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.QUERY_ADVERTISED_HOST, "127.0.0.1");
        settings.put(ProcessorConfig.QUERY_PORT, 0);
        settings.put(ProcessorConfig.QUERY_USERS_FILE, users.toString());
        settings.put(ProcessorConfig.QUERY_TLS_CERT, cert.toString());
        settings.put(ProcessorConfig.QUERY_TLS_KEY, key.toString());
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", temp.resolve("state").toString());
        settings.put("kafka.commit.interval.ms", "100");
        processor = new StreamProcessorApp(new ProcessorConfig(settings)).start(Duration.ofSeconds(60));
        https = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();

        try (KafkaProducer<String, RawPhoneRequest> producer = new KafkaProducer<>(kafka.producerProps(),
                Topics.PHONE_RAW.keySerde().serializer(), Topics.PHONE_RAW.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.PHONE_RAW.name(prefix), MAC, RawPhoneRequest.newBuilder()
                    .setRequestId("a-1").setReceivedAt(Instant.now()).setGatewayId("test").setDeviceId(MAC)
                    .setSourceAddress("10.1.2.3").setSourcePort(0).setMethod("GET").setPath("/yealink/registered")
                    .setQuery("mac=" + MAC + "&local=sip:1001@pbx").setUserAgent("Yealink SIP-T46S 66.86.0.15")
                    .build())).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/devices/" + MAC, basic(READER)).statusCode()).isEqualTo(200));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void everyReadEndpointShouldRefuseAnyoneWithoutWorkingCredentials() throws Exception {
        for (String path : READ_ENDPOINTS) {
            HttpResponse<InputStream> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(get(path, basic("reader:wrong-password")).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "Bearer not-a-token").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path + (path.contains("?") ? "&" : "?") + "token=" + token, null).statusCode())
                    .as(path + " with the token in the URL").isEqualTo(401);
        }
    }

    @Test
    void everyReadEndpointShouldAnswerAReaderAndAToken() throws Exception {
        for (String path : READ_ENDPOINTS) {
            assertThat(get(path, basic(READER)).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, "Bearer " + token).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<InputStream> events = get("/api/view/events", basic(READER));
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        JsonNode whoami = AvroJson.MAPPER.readTree(get("/api/whoami", basic(READER)).body());
        assertThat(whoami.get("name").asText()).isEqualTo("reader");
        assertThat(whoami.get("roles")).extracting(JsonNode::asText).containsExactly("read");
    }

    @Test
    void commandsShouldNeedTheCommandRoleAndTheSameOrigin() throws Exception {
        String dial = "{\"deviceId\":\"" + MAC + "\",\"action\":\"DIAL\",\"number\":\"1002\"}";
        assertThat(post(dial, null, null).statusCode()).isEqualTo(401);
        assertThat(post(dial, basic(READER), null).statusCode()).isEqualTo(403);
        assertThat(post(dial, "Bearer " + token, null).statusCode()).isEqualTo(403);
        assertThat(post(dial, basic(COMMANDER), "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(post("{\"deviceId\":\"" + MAC + "\",\"action\":\"REBOOT\"}", basic(COMMANDER), null).statusCode())
                .isEqualTo(400);

        HttpResponse<InputStream> accepted = post(dial, basic(COMMANDER), "https://127.0.0.1:" + processor.queryPort());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String commandId = AvroJson.MAPPER.readTree(accepted.body()).get("commandId").asText();
        PhoneCommand command = await().atMost(Duration.ofSeconds(30)).until(() -> commands().stream()
                .filter(c -> c.getCommandId().equals(commandId)).findFirst().orElse(null), found -> found != null);
        assertThat(command.getNumber()).isEqualTo("1002");
        assertThat(command.getRequestedBy()).isEqualTo("commander");
    }

    @Test
    void crossOriginRequestsShouldGetNoCorsPermissionAndHealthAndMetricsStayOpen() throws Exception {
        HttpResponse<InputStream> preflight = https.send(HttpRequest.newBuilder(uri("/api/phones"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<InputStream> cross = get("/api/phones", basic(READER), "https://evil.example");
        assertThat(cross.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
        HttpResponse<InputStream> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body().readAllBytes(), StandardCharsets.UTF_8)).contains("Hookline live view");
    }

    @Test
    void plainHttpShouldNotBeServed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + processor.queryPort() + "/api/phones")).timeout(Duration.ofSeconds(5))
                .header("Authorization", basic(READER)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    private static List<PhoneCommand> commands() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        List<PhoneCommand> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = Topics.PHONE_COMMANDS.name(prefix);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                found.add(Topics.PHONE_COMMANDS.valueSerde().decode(topic, record.value()));
            }
        }
        return found;
    }

    private static URI uri(String path) {
        return URI.create("https://127.0.0.1:" + processor.queryPort() + path);
    }

    private static HttpResponse<InputStream> get(String path, String authorization) throws Exception {
        return get(path, authorization, null);
    }

    private static HttpResponse<InputStream> get(String path, String authorization, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<InputStream> response = https.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (path.startsWith("/api/view/events")) {
            response.body().close(); // a stream: the status and headers are what is checked
        }
        return response;
    }

    private static HttpResponse<InputStream> post(String body, String authorization, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/commands")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("query", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
