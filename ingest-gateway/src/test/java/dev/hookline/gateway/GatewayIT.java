package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import dev.hookline.vendor.VendorFileException;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway on a real broker: what phones send lands in phone.raw.v1 as received. */
@WithKafka
class GatewayIT {

    static Map<String, Object> settings(KafkaBroker kafka, String prefix) {
        Map<String, Object> values = new HashMap<>();
        values.put(GatewayConfig.HTTP_HOST, "127.0.0.1");
        values.put(GatewayConfig.HTTP_PORT, 0);
        values.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        values.put(GatewayConfig.MANAGEMENT_PORT, 0);
        values.put(GatewayConfig.GATEWAY_ID, "gw-test");
        values.put(GatewayConfig.TOPIC_PREFIX, prefix);
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return values;
    }

    @Test
    void shouldPublishARequestWithRawSpacesByteForByte(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-raw", 1);
        String target = "/yealink/incoming_call?mac=805EC0A1B2C3&display_remote=John Smith&remote=+4930123@pbx:5060&x=%zz";
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(settings(kafka, prefix))).start()) {
            String response = RawHttp.get(gateway.phonePort(), target, "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3");

            assertThat(RawHttp.status(response)).as(response).isEqualTo(200);
            List<RawPhoneRequest> records = read(kafka, Topics.PHONE_RAW.name(prefix), 1);
            RawPhoneRequest record = records.get(0);
            assertThat(record.getPath()).isEqualTo("/yealink/incoming_call");
            assertThat(record.getQuery()).isEqualTo("mac=805EC0A1B2C3&display_remote=John Smith&remote=+4930123@pbx:5060&x=%zz");
            assertThat(record.getMethod()).isEqualTo("GET");
            assertThat(record.getGatewayId()).isEqualTo("gw-test");
            assertThat(record.getSourceAddress()).isEqualTo("127.0.0.1");
            assertThat(record.getUserAgent()).isEqualTo("Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3");
            assertThat(record.getHeaders()).containsEntry("Host", "gateway").doesNotContainKey("Connection");
        }
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPort(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-mgmt", 1);
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(settings(kafka, prefix))).start()) {
            assertThat(RawHttp.status(RawHttp.get(gateway.phonePort(), "/snom/off_hook?mac=000413AABBCC", null)))
                    .isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.send(gateway.phonePort(), "DELETE /x HTTP/1.1\r\nConnection: close\r\n\r\n")))
                    .isEqualTo(405);

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gateway.managementPort();
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("hookline_gateway_requests_total{status=\"200\"} 1.0")
                    .contains("hookline_gateway_rejections_total{reason=\"method_not_allowed\"} 1.0")
                    .contains("hookline_gateway_publish_seconds_bucket");
        }
    }

    @Test
    void shouldServeProvisioningForThisGatewayWithoutRevealingItsToken(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-prov", 1);
        Map<String, Object> values = settings(kafka, prefix);
        values.put(GatewayConfig.SECURITY_TOKEN, "hidden-t0ken");
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(values)).start()) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gateway.managementPort() + "/provisioning/";
            HttpResponse<String> withoutToken = client.send(HttpRequest.newBuilder(URI.create(base + "snom")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(
                    URI.create(base + "snom?token=hidden-t0ken")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(
                    URI.create(base + "nokia?token=hidden-t0ken")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(withoutToken.statusCode()).isEqualTo(400);
            assertThat(withoutToken.body()).contains("requires a token").doesNotContain("hidden-t0ken");
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("http://127.0.0.1:" + gateway.phonePort() + "/snom/")
                    .contains("token=hidden-t0ken");
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    private static final String ACME = """
            {"vendor": "acme", "title": "Acme desk phones",
             "evidence": [{"level": "assumed", "about": "everything", "source": "a test"}],
             "recognize": {"pathSegments": ["acme"], "userAgentContains": ["acmephone"]},
             "userAgent": {"mac": {"at": "next-token", "keyword": "SN"}},
             "provisioning": {
               "syntax": {"comment": "; {text}", "line": "{setting}={url}", "escape": "none"},
               "settingPattern": "url.{event}", "params": {"local": "%USER%"},
               "events": [{"event": "ring", "label": "Ringing", "canonical": "INCOMING_CALL"}]}}
            """;

    @Test
    void shouldReadAndProvisionTheVendorsOfItsVendorFolder(KafkaBroker kafka, @TempDir Path vendors) throws Exception {
        Files.writeString(vendors.resolve("acme.json"), ACME);
        String prefix = kafka.createTopics("gw-vendors", 1);
        Map<String, Object> values = settings(kafka, prefix);
        values.put(GatewayConfig.VENDOR_DIR, vendors.toString());
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(values)).start()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> phone = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gateway.phonePort() + "/acme/ring?local=1001"))
                    .header("User-Agent", "AcmePhone A1 1.0 SN 0a0b0c0d0e0f").build(), HttpResponse.BodyHandlers.ofString());
            String management = "http://127.0.0.1:" + gateway.managementPort() + "/provisioning";
            HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create(management)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> acme = client.send(HttpRequest.newBuilder(URI.create(management + "/acme")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> mitel = client.send(HttpRequest.newBuilder(URI.create(management + "/mitel")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> polycom = client.send(HttpRequest.newBuilder(URI.create(management + "/polycom")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(phone.statusCode()).isEqualTo(200);
            assertThat(read(kafka, Topics.PHONE_RAW.name(prefix), 1).get(0).getDeviceId()).isEqualTo("0a0b0c0d0e0f");
            assertThat(list.body()).isEqualTo("aastra\nacme\nhanlong\nsangoma\nsnom\nyealink\n");
            assertThat(acme.statusCode()).isEqualTo(200);
            assertThat(acme.body()).contains("url.ring=http://127.0.0.1:" + gateway.phonePort() + "/acme/ring?local=%USER%");
            assertThat(mitel.statusCode()).isEqualTo(200);
            assertThat(mitel.body()).contains("/aastra/incoming?");
            assertThat(polycom.statusCode()).isEqualTo(404);
            assertThat(polycom.body()).contains("cannot be provisioned");
        }
    }

    @Test
    void shouldNotStartWithAnInvalidVendorFileNamingItsFileAndKey(KafkaBroker kafka, @TempDir Path vendors)
            throws Exception {
        Files.writeString(vendors.resolve("acme.json"), ACME.replace("\"next-token\"", "\"under-the-desk\""));
        Map<String, Object> values = settings(kafka, "gw-bad-vendors-");
        values.put(GatewayConfig.VENDOR_DIR, vendors.toString());

        assertThatThrownBy(() -> new IngestGateway(new GatewayConfig(values)).start())
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining(vendors.resolve("acme.json").toString())
                .hasMessageContaining("userAgent.mac.at");
    }

    @Test
    void shouldAcceptPhonesOverHttpsWithAPemCertificate(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-tls", 1);
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        Map<String, Object> values = settings(kafka, prefix);
        values.put(GatewayConfig.HTTP_TLS_CERT_PATH, certificate.certificatePath());
        values.put(GatewayConfig.HTTP_TLS_KEY_PATH, certificate.privateKeyPath());
        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(values)).start()) {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustEverything()}, null);
            String response;
            try (var socket = trustAll.getSocketFactory().createSocket("127.0.0.1", gateway.phonePort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /yealink/off_hook?mac=805ec0a1b2c3 HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }

            assertThat(gateway.secure()).isTrue();
            assertThat(RawHttp.status(response)).isEqualTo(200);
            assertThat(read(kafka, Topics.PHONE_RAW.name(prefix), 1).get(0).getDeviceId()).isEqualTo("805ec0a1b2c3");
        } finally {
            certificate.delete();
        }
    }

    /** The test's self-signed certificate is trusted as it is; phones are configured the same way. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static List<RawPhoneRequest> read(KafkaBroker kafka, String topic, int count) {
        List<RawPhoneRequest> values = new ArrayList<>();
        try (KafkaConsumer<String, RawPhoneRequest> consumer = new KafkaConsumer<>(kafka.consumerProps("gw-it-" + System.nanoTime()),
                Topics.PHONE_RAW.keySerde().deserializer(), Topics.PHONE_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RawPhoneRequest> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).as("records on " + topic).hasSize(count);
        return values;
    }
}
