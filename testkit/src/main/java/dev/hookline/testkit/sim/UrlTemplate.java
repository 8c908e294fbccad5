package dev.hookline.testkit.sim;

import dev.hookline.schema.EventType;
import java.util.List;
import java.util.Objects;

/**
 * One Action URL a provisioned phone sends, as configured: variables ({@code $mac},
 * {@code $$SIPUSERNAME$$}, ...) still in it. The simulator fills them the way the phone would.
 *
 * @param event the vendor's event name, for reports
 * @param canonical the canonical event type(s) the event stands for
 * @param url the absolute URL with the vendor's variables
 */
public record UrlTemplate(String event, List<EventType> canonical, String url) {

    public UrlTemplate {
        Objects.requireNonNull(event, "event");
        canonical = List.copyOf(canonical);
        if (canonical.isEmpty()) {
            throw new IllegalArgumentException("event " + event + " has no canonical type");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
    }
}
