package dev.hookline.processor.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One change the live view shows, as a Server-Sent Event: {@code line} (a LineStatus),
 * {@code device} (a DeviceState), {@code call} (a call in progress, as {@code /api/phones} lists
 * calls), {@code call-ended} ({@code {"deviceId", "callKey"}}), {@code session} (a finished
 * CallSession), {@code result} (a CommandResult), and {@code ready} ({@code {}}, once per
 * stream: the changes from then on will all follow, see {@link LiveFeed}).
 */
public record LiveEvent(String type, JsonNode data) {

    /** The feed follows the topics for this listener: a snapshot read from now on misses nothing. */
    public static final LiveEvent READY = new LiveEvent("ready", JsonNodeFactory.instance.objectNode());

    /** The event in the text/event-stream format. */
    public String toSse() {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
