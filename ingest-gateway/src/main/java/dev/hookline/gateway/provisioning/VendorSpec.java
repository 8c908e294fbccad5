package dev.hookline.gateway.provisioning;

import dev.hookline.schema.EventType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One vendor's Action URL knowledge, as read from {@code provisioning/<vendor>.json}: its events,
 * the setting each is configured under, the variables its phones substitute, its URL length
 * limit and the syntax of its configuration file.
 *
 * @param vendor path segment and file name, e.g. {@code yealink}
 * @param title what the phones are, for the header comment
 * @param sources where the facts come from, with vendors.md confidence labels (not printed)
 * @param maxUrlLength longest URL the phone accepts, or null when none is known
 * @param syntax how its configuration file writes comments and settings
 * @param notes extra comment lines printed under the header
 * @param settingPattern setting name with {@code {event}}, for events without their own setting
 * @param params query parameters: Hookline name to vendor variable, in order
 * @param events the events, in output order
 * @param samplePhone a typical phone of the vendor (for simulators), or null
 */
record VendorSpec(String vendor, String title, String sources, Integer maxUrlLength, Syntax syntax,
                  List<String> notes, String settingPattern, Map<String, String> params,
                  List<Event> events, SamplePhone samplePhone) {

    // Path segments and query names go into URLs unencoded, so keep them URL-safe.
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9._~-]+");

    /** How the vendor's configuration file writes a comment and a setting. */
    record Syntax(String comment, String line, Escape escape, boolean labelComments) {
    }

    /** Escaping the configuration file needs around values ({@code &} in XML). */
    enum Escape { NONE, XML }

    /**
     * @param event the vendor's own event name, used as the URL path segment
     * @param label the event's name in the vendor's documentation or web UI
     * @param canonical the canonical type(s) it maps to; several when a variable decides
     * @param setting the configuration key, when {@link VendorSpec#settingPattern} does not fit
     * @param params query parameters replacing the vendor's, when the event needs others
     * @param note a comment printed above the setting
     */
    record Event(String event, String label, List<EventType> canonical, String setting,
                 Map<String, String> params, String note) {
    }

    String settingOf(Event e) {
        return e.setting() != null ? e.setting() : settingPattern.replace("{event}", e.event());
    }

    Map<String, String> paramsOf(Event e) {
        return e.params() != null ? e.params() : params;
    }

    /** Checks what the renderer relies on, naming the file and field at fault. */
    void validate(String file) {
        require(vendor != null && SEGMENT.matcher(vendor).matches(), file, "vendor must be a lower-case URL path segment");
        require(file.endsWith("/" + vendor + ".json"), file, "vendor '" + vendor + "' must match the file name");
        require(title != null && !title.isBlank(), file, "title is required");
        require(maxUrlLength == null || maxUrlLength > 0, file, "maxUrlLength must be positive");
        require(syntax != null && syntax.escape() != null, file, "syntax with comment, line and escape is required");
        require(syntax.comment() != null && syntax.comment().contains("{text}"), file, "syntax.comment needs {text}");
        require(syntax.line() != null && syntax.line().contains("{setting}") && syntax.line().contains("{url}"),
                file, "syntax.line needs {setting} and {url}");
        require(events != null && !events.isEmpty(), file, "events must not be empty");
        checkParams(params, file, "params");
        require(samplePhone == null || samplePhone.problem() == null, file,
                samplePhone == null ? "" : String.valueOf(samplePhone.problem()));
        Set<String> seenEvents = new HashSet<>();
        Set<String> seenSettings = new HashSet<>();
        for (Event e : events) {
            String where = "event '" + (e == null ? null : e.event()) + "'";
            require(e != null && e.event() != null && SEGMENT.matcher(e.event()).matches(), file,
                    where + ": event must be a lower-case URL path segment");
            require(seenEvents.add(e.event()), file, where + " appears twice");
            require(e.label() != null && !e.label().isBlank(), file, where + ": label is required");
            require(e.canonical() != null && !e.canonical().isEmpty() && !e.canonical().contains(null)
                    && !e.canonical().contains(EventType.UNKNOWN), file, where + ": canonical must name event types");
            require(e.setting() != null || settingPattern != null, file, where + ": no setting and no settingPattern");
            require(seenSettings.add(settingOf(e)), file, where + ": setting '" + settingOf(e) + "' is used twice");
            if (e.params() != null) {
                checkParams(e.params(), file, where + " params");
            }
        }
    }

    private static void checkParams(Map<String, String> p, String file, String what) {
        require(p != null && !p.isEmpty(), file, what + " must not be empty");
        for (Map.Entry<String, String> kv : p.entrySet()) {
            require(PARAM_NAME.matcher(kv.getKey()).matches() && !kv.getKey().equals("token"), file,
                    what + ": '" + kv.getKey() + "' is not a usable parameter name");
            require(kv.getValue() != null && !kv.getValue().isBlank(), file, what + ": '" + kv.getKey() + "' has no variable");
        }
    }

    private static void require(boolean ok, String file, String message) {
        if (!ok) {
            throw new ProvisioningException("vendor file " + file + ": " + message);
        }
    }
}
