package dev.hookline.dispatcher.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where a command was read: partition and offset in phone.commands.v1. Each result carries it
 * in a header, so a dispatcher that restarts can tell "this very record already has a result"
 * (skip it silently) from "another record reuses a command id" (DUPLICATE).
 */
public record SourcePosition(int partition, long offset) {

    /** Header on every CommandResult: {@code <partition>:<offset>} of the command it answers. */
    public static final String HEADER = "hookline.command.position";

    public byte[] encode() {
        return (partition + ":" + offset).getBytes(StandardCharsets.US_ASCII);
    }

    /** The position in a result's headers; empty when absent or malformed (e.g. written by another tool). */
    public static Optional<SourcePosition> from(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        String text = new String(header.value(), StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        try {
            return Optional.of(new SourcePosition(Integer.parseInt(text.substring(0, colon)),
                    Long.parseLong(text.substring(colon + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
