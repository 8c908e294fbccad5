package dev.hookline.processor.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.CallState;
import dev.hookline.schema.CallStatus;

/** The live view's JSON of a call in progress: the same fields for a store entry and a call.state.v1 record. */
public final class LiveJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LiveJson() {
    }

    public static ObjectNode call(CallState call) {
        return NODES.objectNode()
                .put("deviceId", call.getDeviceId())
                .put("callKey", call.getCallKey())
                .put("callId", call.getCallId())
                .put("direction", call.getDirection() == null ? null : call.getDirection().name())
                .put("status", call.getState() == null ? null : call.getState().name())
                .put("line", call.getLine())
                .put("localUser", call.getLocalUser())
                .put("remoteUser", call.getRemoteUser())
                .put("remoteDisplayName", call.getRemoteDisplayName())
                .put("startedAt", call.getStartedAt().toString())
                .put("answeredAt", call.getAnsweredAt() == null ? null : call.getAnsweredAt().toString())
                .put("onHold", call.getState() == CallStatus.HELD);
    }

    /** The key of a call.state.v1 record, {@code <device id>/<call key>}, as the event of its end. */
    public static ObjectNode ended(String key) {
        int slash = key.indexOf('/');
        return NODES.objectNode()
                .put("deviceId", slash < 0 ? key : key.substring(0, slash))
                .put("callKey", slash < 0 ? "" : key.substring(slash + 1));
    }
}
