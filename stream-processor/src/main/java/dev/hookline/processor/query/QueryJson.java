package dev.hookline.processor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.processor.state.PhoneState;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.StoredCall;
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

    static ObjectNode call(String deviceId, StoredCall call) {
        ObjectNode json = NODES.objectNode()
                .put("deviceId", deviceId)
                .put("callKey", call.getCallKey())
                .put("callId", call.getCallId())
                .put("direction", call.getDirection() == null ? null : call.getDirection().name())
                .put("status", call.getStatus() == null ? null : call.getStatus().name())
                .put("line", call.getLine())
                .put("localUser", call.getLocalUser())
                .put("remoteUser", call.getRemoteUser())
                .put("remoteDisplayName", call.getRemoteDisplayName())
                .put("startedAt", Instant.ofEpochMilli(call.getStartedAt()).toString())
                .put("answeredAt", call.getAnsweredAt() == null ? null : Instant.ofEpochMilli(call.getAnsweredAt()).toString())
                .put("onHold", call.getHoldStartedAt() != null);
        return json;
    }
}
