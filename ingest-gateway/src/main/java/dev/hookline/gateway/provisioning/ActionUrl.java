package dev.hookline.gateway.provisioning;

import dev.hookline.schema.EventType;
import java.util.List;

/**
 * One Action URL that {@code hookline provision} configures on a phone: the URL exactly as
 * written into the phone's configuration, with the vendor's variables ({@code $mac},
 * {@code $$SIPUSERNAME$$}, ...) still in it for the phone to fill.
 *
 * @param event the vendor's event name (the last path segment)
 * @param canonical the canonical event type(s) the processor reads it as
 * @param url {@code <baseUrl>/<vendor>/<event>?<name>=<variable>&...[&token=<token>]}
 */
public record ActionUrl(String event, List<EventType> canonical, String url) {

    public ActionUrl {
        canonical = List.copyOf(canonical);
    }
}
