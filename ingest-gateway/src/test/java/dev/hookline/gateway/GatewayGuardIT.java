package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests the gateway must turn away are answered with the right status and never published,
 * while the valid request sent after them is.
 */
@WithKafka
class GatewayGuardIT {

    private static IngestGateway start(KafkaBroker kafka, String prefix, Map<String, Object> extra) {
        Map<String, Object> values = GatewayIT.settings(kafka, prefix);
        values.put(GatewayConfig.HTTP_MAX_URI_LENGTH, 256);
        values.put(GatewayConfig.HTTP_MAX_HEADER_BYTES, 1024);
        values.put(GatewayConfig.HTTP_MAX_BODY_BYTES, 1000);
        values.put(GatewayConfig.HTTP_REQUEST_TIMEOUT_MS, 500L);
        values.putAll(extra);
        return new IngestGateway(new GatewayConfig(values)).start();
    }

    @Test
    void shouldRequireTheTokenAndNeverStoreIt(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-token", 1);
        try (IngestGateway gateway = start(kafka, prefix, Map.of(GatewayConfig.SECURITY_TOKEN, "s3cret-t0ken"))) {
            int port = gateway.phonePort();
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/off_hook?mac=805ec0a1b2c3", null))).isEqualTo(401);
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/off_hook?mac=805ec0a1b2c3&token=wrong", null))).isEqualTo(401);
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/off_hook?mac=805ec0a1b2c3&token=s3cret-t0ken", null)))
                    .isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.get(port, "/token=s3cret-t0ken/yealink/on_hook?mac=805ec0a1b2c3", null)))
                    .isEqualTo(200);

            List<RawPhoneRequest> stored = GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), 2);
            assertThat(stored).extracting(RawPhoneRequest::getPath).containsExactly("/yealink/off_hook", "/yealink/on_hook");
            assertThat(stored).extracting(RawPhoneRequest::getQuery).containsOnly("mac=805ec0a1b2c3");
            assertThat(stored.toString()).doesNotContain("s3cret");
            assertThat(gateway.metrics().scrape()).contains("hookline_gateway_rejections_total{reason=\"bad_token\"} 2.0");
        }
    }

    @Test
    void shouldTurnAwaySourcesOutsideTheAllowedNetworks(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-cidr", 1);
        try (IngestGateway gateway = start(kafka, prefix, Map.of(GatewayConfig.SECURITY_ALLOWED_CIDRS, "10.0.0.0/8,192.0.2.7"))) {
            String response = RawHttp.get(gateway.phonePort(), "/yealink/off_hook?mac=805ec0a1b2c3", null);

            assertThat(RawHttp.status(response)).isEqualTo(403);
            assertThat(gateway.metrics().scrape()).contains("reason=\"source_not_allowed\"} 1.0");
        }
        try (IngestGateway gateway = start(kafka, prefix, Map.of(GatewayConfig.SECURITY_ALLOWED_CIDRS, "127.0.0.0/8"))) {
            assertThat(RawHttp.status(RawHttp.get(gateway.phonePort(), "/yealink/off_hook?mac=805ec0a1b2c3", null)))
                    .isEqualTo(200);
        }
        assertThat(GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), 1)).hasSize(1);
    }

    @Test
    void shouldAnswerOversizedAndMalformedRequestsWithTheirStatus(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-limits", 1);
        try (IngestGateway gateway = start(kafka, prefix, Map.of())) {
            int port = gateway.phonePort();
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/off_hook?x=" + "a".repeat(300), null))).isEqualTo(414);
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/off_hook?x=" + "a".repeat(5000), null))).isEqualTo(414);
            assertThat(RawHttp.status(RawHttp.send(port, "GET /a HTTP/1.1\r\nX-Big: " + "b".repeat(2000)
                    + "\r\nConnection: close\r\n\r\n"))).isEqualTo(431);
            assertThat(RawHttp.status(RawHttp.send(port, "POST /polycom HTTP/1.1\r\nContent-Length: 5000\r\n\r\n")))
                    .isEqualTo(413);
            assertThat(RawHttp.status(RawHttp.send(port, "POST /polycom HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")))
                    .isEqualTo(411);
            assertThat(RawHttp.status(RawHttp.send(port, "GARBAGE\r\n\r\n"))).isEqualTo(400);
            assertThat(RawHttp.status(RawHttp.send(port, "GET /a HTTP/2.0\r\n\r\n"))).isEqualTo(505);
            assertThat(RawHttp.status(slowRequest(port))).isEqualTo(408);
            // A valid POST with a body and a valid GET after all that: both stored, nothing else.
            assertThat(RawHttp.status(RawHttp.send(port, "POST /polycom HTTP/1.1\r\nContent-Length: 11\r\n"
                    + "Content-Type: text/xml\r\nConnection: close\r\n\r\n<x>call</x>"))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.get(port, "/yealink/on_hook?mac=805ec0a1b2c3", null))).isEqualTo(200);

            List<RawPhoneRequest> stored = GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), 2);
            assertThat(stored.get(0).getMethod()).isEqualTo("POST");
            assertThat(StandardCharsets.UTF_8.decode(stored.get(0).getBody()).toString()).isEqualTo("<x>call</x>");
            assertThat(stored.get(1).getPath()).isEqualTo("/yealink/on_hook");
            assertThat(gateway.metrics().scrape())
                    .contains("reason=\"uri_too_long\"} 2.0")
                    .contains("reason=\"headers_too_large\"} 1.0")
                    .contains("reason=\"body_too_large\"} 1.0")
                    .contains("reason=\"request_timeout\"} 1.0");
        }
    }

    @Test
    void shouldRateLimitEachPhoneAndEachAddress(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-rate", 1);
        // Rates so low that no bucket refills while the test runs: only the bursts count.
        try (IngestGateway gateway = start(kafka, prefix, Map.of(GatewayConfig.SECURITY_RATE_LIMIT, 0.01,
                GatewayConfig.SECURITY_RATE_BURST, 3, GatewayConfig.SECURITY_ADDRESS_RATE_LIMIT, 0.01,
                GatewayConfig.SECURITY_ADDRESS_RATE_BURST, 5))) {
            int[] statuses = new int[7];
            for (int i = 0; i < statuses.length; i++) {
                String mac = i < 4 ? "000413aabbcc" : i < 6 ? "000413aabbcd" : "000413aabbce";
                statuses[i] = RawHttp.status(RawHttp.get(gateway.phonePort(), "/snom/off_hook?mac=" + mac + "&n=" + i, null));
            }

            // The first phone past its burst of 3 (refused without using its address's share),
            // the second phone's 2 fill the address's 5, the third phone is past the address's burst.
            assertThat(statuses).containsExactly(200, 200, 200, 429, 200, 200, 429);
            assertThat(GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), 5)).hasSize(5);
            assertThat(gateway.metrics().scrape())
                    .contains("hookline_gateway_rejections_total{reason=\"device_rate_limited\"} 1.0")
                    .contains("hookline_gateway_rejections_total{reason=\"address_rate_limited\"} 1.0");
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderOnOneConnection(KafkaBroker kafka) throws Exception {
        String prefix = kafka.createTopics("gw-pipe", 1);
        try (IngestGateway gateway = start(kafka, prefix, Map.of())) {
            String two = "GET /a/first HTTP/1.1\r\nHost: x\r\n\r\nGET /a/second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            String response = RawHttp.send(gateway.phonePort(), two);

            assertThat(response.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), 2)).extracting(RawPhoneRequest::getPath)
                    .containsExactly("/a/first", "/a/second");
        }
    }

    /** Sends a request line, then nothing: the gateway must give up on it. */
    private static String slowRequest(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
