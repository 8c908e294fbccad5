package dev.hookline.processor.identity;

import dev.hookline.schema.PhoneEvent;

/**
 * A normalized event with what the raw request said of where it came from, which the event
 * itself does not carry: the tenant and the source address the gateway saw. Passed from the
 * normalize step to the identify step in memory only, never written to a topic.
 */
public record AddressedEvent(PhoneEvent event, String tenant, String sourceAddress) {
}
