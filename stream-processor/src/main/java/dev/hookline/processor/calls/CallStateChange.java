package dev.hookline.processor.calls;

import dev.hookline.schema.CallState;

/**
 * A change for {@code call.state.v1}: an upsert of the call's live state, or a tombstone
 * ({@code state == null}) when the call ended. The topic key is {@code <deviceId>/<callKey>}.
 */
public record CallStateChange(String deviceId, String callKey, CallState state) {

    public boolean tombstone() {
        return state == null;
    }

    public String topicKey() {
        return deviceId + "/" + callKey;
    }
}
