package dev.hookline.processor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.processor.calls.OpenCall;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.LineStatus;
import java.time.Instant;

/** The query API's JSON: device and line states as on their topics, open calls as a summary. */
final class QueryJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryJson() {
    }

    static ObjectNode device(PhoneState phone) {
        return (ObjectNode) AvroJson.toJson(phone.device());
    }

    static ArrayNode lines(PhoneState phone) {
        ArrayNode lines = NODES.arrayNode();
        phone.lines().values().forEach(line -> lines.add(line(line)));
        return lines;
    }

    static ObjectNode line(LineStatus line) {
        return (ObjectNode) AvroJson.toJson(line);
    }

    static ObjectNode call(String deviceId, OpenCall call) {
        ObjectNode json = NODES.objectNode()
                .put("deviceId", deviceId)
                .put("callKey", call.callKey())
                .put("callId", call.callId())
                .put("direction", call.direction() == null ? null : call.direction().name())
                .put("status", call.status() == null ? null : call.status().name())
                .put("line", call.line())
                .put("localUser", call.localUser())
                .put("remoteUser", call.remoteUser())
                .put("remoteDisplayName", call.remoteDisplayName())
                .put("startedAt", Instant.ofEpochMilli(call.startedAt()).toString())
                .put("answeredAt", call.answeredAt() == null ? null : Instant.ofEpochMilli(call.answeredAt()).toString())
                .put("onHold", call.holdStartedAt() != null);
        return json;
    }
}
