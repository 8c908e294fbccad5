package dev.hookline.processor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: capture lines (JSON Lines) to {@link RawPhoneRequest}s, with a simple device id. */
final class Captures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAC_PARAM = Pattern.compile("(?i)(?:^|[?&/])(?:mac|device)=([0-9a-f:.\\-]{12,17})");
    private static final Pattern UA_MAC = Pattern.compile("(?i)([0-9a-f]{2}(?:[:\\-]?[0-9a-f]{2}){5})");

    private Captures() {
    }

    static List<RawPhoneRequest> publicCapture() {
        List<RawPhoneRequest> out = new ArrayList<>();
        try (InputStream in = Captures.class.getResourceAsStream("/captures/calls-public.jsonl")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank()) {
                    out.add(fromJson(line, "req-" + (++n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static RawPhoneRequest fromJson(String line, String requestId) {
        try {
            JsonNode d = JSON.readTree(line);
            String uri = d.path("uri").asText();
            String ua = d.path("headers").path("User-Agent").asText(null);
            String body = d.path("body").asText(null);
            return request(requestId, Instant.parse(d.path("ts").asText()), d.path("src").asText("0.0.0.0"),
                    d.path("method").asText("GET"), uri, ua, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawPhoneRequest request(String requestId, Instant at, String src, String method, String uri, String ua, String body) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        return RawPhoneRequest.newBuilder()
                .setRequestId(requestId)
                .setReceivedAt(at)
                .setGatewayId("test")
                .setDeviceId(deviceId(uri, ua, src))
                .setSourceAddress(src)
                .setSourcePort(5060)
                .setMethod(method)
                .setPath(path)
                .setQuery(query)
                .setUserAgent(ua)
                .setHeaders(ua == null ? Map.of() : Map.of("User-Agent", ua))
                .setBody(body == null ? null : ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .setSource(EventSource.ACTION_URL)
                .build();
    }

    static RawPhoneRequest get(String uri, String ua) {
        return request("r1", Instant.parse("2026-11-23T09:00:00Z"), "10.0.0.9", "GET", uri, ua, null);
    }

    static String deviceId(String uri, String ua, String src) {
        Matcher m = MAC_PARAM.matcher(uri);
        if (m.find()) {
            String hex = m.group(1).replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
            if (hex.length() == 12) {
                return hex;
            }
        }
        if (ua != null) {
            Matcher u = UA_MAC.matcher(ua);
            String last = null;
            while (u.find()) {
                last = u.group(1);
            }
            if (last != null) {
                return last.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
            }
        }
        return "ip-" + src;
    }
}
