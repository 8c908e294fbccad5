package dev.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.capture.CaptureLine;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public capture (test resource captures/calls-public.jsonl), sent as HTTP to a running
 * gateway, lands request for request in phone.raw.v1, and the gateway's own capture of it reads
 * back the same. Sent at full speed from one address at the default rate limits: like a site
 * behind NAT, where a per-address limit once turned away 77 of its 151 requests.
 */
@WithKafka
class CaptureReplayIT {

    @TempDir
    Path temp;

    @Test
    void shouldStoreEveryRequestOfThePublicCaptureAsSent(KafkaBroker kafka) throws Exception {
        List<CaptureLine> capture = publicCapture();
        String prefix = kafka.createTopics("gw-capture", 1);
        Path written = temp.resolve("gateway-capture.jsonl");
        Map<String, Object> settings = GatewayIT.settings(kafka, prefix);
        settings.put(GatewayConfig.CAPTURE_PATH, written.toString());

        try (IngestGateway gateway = new IngestGateway(new GatewayConfig(settings)).start()) {
            for (CaptureLine line : capture) {
                String response = RawHttp.send(gateway.phonePort(), line.method() + " " + line.uri() + " HTTP/1.1\r\n"
                        + "Host: gateway\r\nUser-Agent: " + line.headers().getOrDefault("User-Agent", "none")
                        + "\r\nConnection: close\r\n\r\n");
                assertThat(RawHttp.status(response)).as(line.uri()).isEqualTo(200);
            }
        }

        List<RawPhoneRequest> stored = GatewayIT.read(kafka, Topics.PHONE_RAW.name(prefix), capture.size());
        for (int i = 0; i < capture.size(); i++) {
            RawPhoneRequest record = stored.get(i);
            String target = record.getQuery() == null ? record.getPath() : record.getPath() + "?" + record.getQuery();
            assertThat(target).isEqualTo(capture.get(i).uri());
            assertThat(record.getUserAgent()).isEqualTo(capture.get(i).headers().get("User-Agent"));
            // Every phone in the capture names its MAC, so none may fall back to its address.
            assertThat(record.getDeviceId()).as(target).matches("[0-9a-f]{12}");
        }
        List<CaptureLine> rewritten = Files.readAllLines(written).stream().map(CaptureLine::parse).toList();
        assertThat(rewritten).extracting(CaptureLine::uri).containsExactlyElementsOf(capture.stream().map(CaptureLine::uri).toList());
    }

    static List<CaptureLine> publicCapture() throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CaptureReplayIT.class.getResourceAsStream("/captures/calls-public.jsonl")), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).map(CaptureLine::parse).toList();
        }
    }
}
