package dev.hookline.vendor;

import dev.hookline.schema.EventType;
import java.util.List;
import java.util.Map;

/**
 * What {@code hookline provision} writes into a vendor's phone configuration: its events, the
 * setting each is configured under, the variables its phones substitute, its URL length limit
 * and the syntax of its configuration file.
 *
 * @param maxUrlLength   longest URL the phone accepts, or null when none is known
 * @param syntax         how its configuration file writes comments and settings
 * @param notes          extra comment lines printed under the header
 * @param settingPattern setting name with {@code {event}}, for events without their own setting
 * @param params         query parameters: Hookline name to vendor variable, in order
 * @param events         the events, in output order
 */
public record ProvisioningSpec(Integer maxUrlLength, Syntax syntax, List<String> notes, String settingPattern,
                               Map<String, String> params, List<Event> events) {

    public ProvisioningSpec {
        notes = notes == null ? List.of() : List.copyOf(notes);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** How the vendor's configuration file writes a comment and a setting. */
    public record Syntax(String comment, String line, Escape escape, boolean labelComments) {
    }

    /** Escaping the configuration file needs around values ({@code &} in XML). */
    public enum Escape { NONE, XML }

    /**
     * @param event     the vendor's own event name, used as the URL path segment
     * @param label     the event's name in the vendor's documentation or web UI
     * @param canonical the canonical type(s) it maps to; several when a variable decides
     * @param setting   the configuration key, when {@link ProvisioningSpec#settingPattern} does not fit
     * @param params    query parameters replacing the vendor's, when the event needs others
     * @param note      a comment printed above the setting
     */
    public record Event(String event, String label, List<EventType> canonical, String setting,
                        Map<String, String> params, String note) {

        public Event {
            canonical = List.copyOf(canonical);
        }
    }

    /** The configuration key of {@code e}. */
    public String settingOf(Event e) {
        return e.setting() != null ? e.setting() : settingPattern.replace("{event}", e.event());
    }

    /** The query parameters of {@code e}. */
    public Map<String, String> paramsOf(Event e) {
        return e.params() != null ? e.params() : params;
    }
}
