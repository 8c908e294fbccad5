package dev.hookline.vendor;

import dev.hookline.schema.EventType;
import java.util.List;
import java.util.Map;

/**
 * How the processor reads a vendor's requests into events.
 *
 * @param eventParameters    parameters whose value names the event
 * @param stripPrefixes      prefixes taken off an event name before lookup (setting names used as events)
 * @param stripSuffixes      suffixes taken off likewise
 * @param events             canonical type to every spelling of it (compared by {@link Spellings#key})
 * @param eventFromParameter parameter to (value to canonical type), when a state parameter decides
 * @param fields             event field to the parameter names carrying it, in order of preference;
 *                           {@code callingParty} and {@code calledParty} are the remote or the local
 *                           party by the call's direction
 */
public record ReadingSpec(List<String> eventParameters, List<String> stripPrefixes, List<String> stripSuffixes,
                          Map<EventType, List<String>> events, Map<String, Map<String, EventType>> eventFromParameter,
                          Map<String, List<String>> fields) {

    /** The field names a {@code fields} object may hold. */
    public static final List<String> FIELD_NAMES = List.of(
            "local", "remote", "localUser", "localHost", "localDisplayName",
            "remoteUser", "remoteHost", "remoteDisplayName", "callId",
            "account", "accountUser", "accountHost", "model", "firmware", "phoneIp",
            "lineState", "direction", "transferTarget", "callingParty", "calledParty");

    public static final ReadingSpec NONE = new ReadingSpec(null, null, null, null, null, null);

    public ReadingSpec {
        eventParameters = eventParameters == null ? List.of() : List.copyOf(eventParameters);
        stripPrefixes = stripPrefixes == null ? List.of() : List.copyOf(stripPrefixes);
        stripSuffixes = stripSuffixes == null ? List.of() : List.copyOf(stripSuffixes);
        events = events == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(events));
        eventFromParameter = eventFromParameter == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eventFromParameter));
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The parameter names carrying {@code field}, or none. */
    public List<String> field(String field) {
        return fields.getOrDefault(field, List.of());
    }
}
