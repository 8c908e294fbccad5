package dev.hookline.gateway.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.RawPhoneRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of a capture file (JSON Lines, one request each; docs/operations.md, "Checking a change offline"): the gateway
 * writes them, {@code hookline replay} and the tests read them.
 *
 * @param uri the request target exactly as received (may hold raw spaces)
 * @param body the POST body as text, or null
 */
public record CaptureLine(Instant ts, String src, String method, String uri, Map<String, String> headers, String body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The capture line of a stored request: its target as stored (token removed), User-Agent and kept headers. */
    public static CaptureLine of(RawPhoneRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.getUserAgent() != null) {
            headers.put("User-Agent", request.getUserAgent());
        }
        headers.putAll(request.getHeaders());
        String body = request.getBody() == null ? null : StandardCharsets.UTF_8.decode(request.getBody().duplicate()).toString();
        String uri = request.getQuery() == null ? request.getPath() : request.getPath() + "?" + request.getQuery();
        return new CaptureLine(request.getReceivedAt(), request.getSourceAddress(), request.getMethod(), uri, headers, body);
    }

    public static CaptureLine parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode headerNode = node.path("headers");
            headerNode.fieldNames().forEachRemaining(name -> headers.put(name, headerNode.get(name).asText()));
            return new CaptureLine(Instant.parse(node.path("ts").asText()), node.path("src").asText(null),
                    node.path("method").asText("GET"), node.path("uri").asText(), headers,
                    node.hasNonNull("body") ? node.get("body").asText() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a capture line (" + e.getMessage() + "): "
                    + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
        }
    }

    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ts", ts.toString());
        node.put("src", src);
        node.put("method", method);
        node.put("uri", uri);
        ObjectNode headerNode = node.putObject("headers");
        headers.forEach(headerNode::put);
        if (body != null) {
            node.put("body", body);
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
