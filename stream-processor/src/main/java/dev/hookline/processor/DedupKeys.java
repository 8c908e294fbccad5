package dev.hookline.processor;

import dev.hookline.schema.PhoneEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two events "the same request" for de-duplication: device, type and every
 * variable the phone sent, but not the time or the ids the gateway gave it.
 */
final class DedupKeys {

    private DedupKeys() {
    }

    /** A 64-bit fingerprint of {@link #of}: two independent 32-bit hashes of it. */
    static long fingerprint(PhoneEvent event) {
        return fingerprint(of(event));
    }

    /** A 64-bit fingerprint of the event's id (the gateway's request id and the event's index). */
    static long eventIdFingerprint(PhoneEvent event) {
        return fingerprint(event.getEventId());
    }

    /** Two independent 32-bit hashes of the text, side by side. */
    private static long fingerprint(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        return (crc.getValue() << 32) | (java.util.Arrays.hashCode(bytes) & 0xffffffffL);
    }

    static String of(PhoneEvent event) {
        StringBuilder key = new StringBuilder(256)
                .append(event.getDeviceId()).append('|').append(event.getType()).append('|')
                .append(event.getLine()).append('|')
                .append(event.getLocalUser()).append('@').append(event.getLocalHost()).append('|')
                .append(event.getRemoteUser()).append('@').append(event.getRemoteHost()).append('|')
                .append(event.getRemoteDisplayName()).append('|').append(event.getCallId());
        // What the phone said of the call: only when it said it, so other events keep the keys they had.
        if (event.getLineState() != null) {
            key.append("|lineState=").append(event.getLineState());
        }
        if (event.getDirection() != null) {
            key.append("|direction=").append(event.getDirection());
        }
        if (event.getTransferTarget() != null) {
            key.append("|transferTarget=").append(event.getTransferTarget());
        }
        for (Map.Entry<String, String> attribute : new TreeMap<>(event.getAttributes()).entrySet()) {
            key.append('|').append(attribute.getKey()).append('=').append(attribute.getValue());
        }
        return key.toString();
    }
}
