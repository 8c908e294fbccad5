package dev.hookline.processor.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change the live view shows, as a Server-Sent Event: {@code line} (a LineStatus),
 * {@code device} (a DeviceState), {@code call} (a call in progress, as {@code /api/phones} lists
 * calls), {@code call-ended} ({@code {"deviceId", "callKey"}}), {@code session} (a finished
 * CallSession) and {@code result} (a CommandResult).
 */
public record LiveEvent(String type, JsonNode data) {

    /** The event in the text/event-stream format. */
    public String toSse() {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
