package dev.hookline.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.schema.RawPhoneRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Capture files in test resources as the raw records the gateway would have stored. The device
 * id here is a test's simple reading (a mac/device parameter, else the User-Agent's last token);
 * the gateway's own extractor is tested in its module.
 */
final class CaptureFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAC_PARAM = Pattern.compile("(?i)(?:^|[?&/])(?:mac|device)=([0-9a-f:.-]{12,17})");

    private CaptureFixtures() {
    }

    static List<RawPhoneRequest> publicCapture() {
        return read("/captures/calls-public.jsonl");
    }

    static List<RawPhoneRequest> read(String resource) {
        List<RawPhoneRequest> requests = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CaptureFixtures.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    requests.add(toRequest(JSON.readTree(line), ++n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    static RawPhoneRequest toRequest(JsonNode line, int n) {
        String uri = line.get("uri").asText();
        int question = uri.indexOf('?');
        String userAgent = line.path("headers").path("User-Agent").asText(null);
        return RawPhoneRequest.newBuilder()
                .setRequestId("capture-" + n)
                .setReceivedAt(Instant.parse(line.get("ts").asText()))
                .setGatewayId("test")
                .setDeviceId(deviceId(uri, userAgent, line.path("src").asText("0.0.0.0")))
                .setSourceAddress(line.path("src").asText("0.0.0.0"))
                .setSourcePort(0)
                .setMethod(line.path("method").asText("GET"))
                .setPath(question < 0 ? uri : uri.substring(0, question))
                .setQuery(question < 0 ? null : uri.substring(question + 1))
                .setUserAgent(userAgent)
                .setHeaders(Map.of())
                .build();
    }

    private static String deviceId(String uri, String userAgent, String source) {
        Matcher matcher = MAC_PARAM.matcher(uri);
        if (matcher.find()) {
            String hex = matcher.group(1).replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
            if (hex.length() == 12) {
                return hex;
            }
        }
        if (userAgent != null) {
            String[] tokens = userAgent.replace(")", "").trim().split("\\s+");
            String hex = tokens[tokens.length - 1].replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
            if (hex.length() == 12) {
                return hex;
            }
        }
        return "ip-" + source;
    }
}
