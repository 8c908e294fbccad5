package dev.hookline.processor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.schema.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One vendor's knowledge, read from {@code vendors/<vendor>.json}: how to recognize its requests,
 * every spelling of every event, and which parameter names carry which field.
 */
final class VendorProfile {

    /** The field keys a {@code fields} object may hold. */
    static final Set<String> FIELD_KEYS = Set.of(
            "local", "remote", "localUser", "localHost", "localDisplayName",
            "remoteUser", "remoteHost", "remoteDisplayName", "callId",
            "account", "accountUser", "accountHost", "model", "firmware", "phoneIp");

    private static final Set<String> TOP_KEYS = Set.of(
            "vendor", "title", "sources", "notes", "fallback", "recognize", "userAgentPatterns",
            "eventParameters", "stripPrefixes", "stripSuffixes", "events", "eventFromParameter", "fields");
    private static final Set<String> RECOGNIZE_KEYS = Set.of("pathSegments", "userAgentContains", "parameterNames");
    private static final Pattern VENDOR_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    final String vendor;
    final String source;
    final boolean fallback;
    final List<String> pathSegments;
    final List<String> userAgentContains;
    final List<String> parameterNames;
    final List<Pattern> userAgentPatterns;
    final List<String> eventParameters;
    final List<String> stripPrefixes;
    final List<String> stripSuffixes;
    /** normalized spelling -> canonical type. */
    final Map<String, EventType> events;
    /** lower-case parameter name -> (normalized value -> canonical type). */
    final Map<String, Map<String, EventType>> eventFromParameter;
    final Map<String, List<String>> fields;
    final int spellingCount;

    private VendorProfile(String vendor, String source, boolean fallback, List<String> pathSegments,
            List<String> userAgentContains, List<String> parameterNames, List<Pattern> userAgentPatterns,
            List<String> eventParameters, List<String> stripPrefixes, List<String> stripSuffixes,
            Map<String, EventType> events, Map<String, Map<String, EventType>> eventFromParameter,
            Map<String, List<String>> fields, int spellingCount) {
        this.vendor = vendor;
        this.source = source;
        this.fallback = fallback;
        this.pathSegments = pathSegments;
        this.userAgentContains = userAgentContains;
        this.parameterNames = parameterNames;
        this.userAgentPatterns = userAgentPatterns;
        this.eventParameters = eventParameters;
        this.stripPrefixes = stripPrefixes;
        this.stripSuffixes = stripSuffixes;
        this.events = events;
        this.eventFromParameter = eventFromParameter;
        this.fields = fields;
        this.spellingCount = spellingCount;
    }

    /** Lower case, letters and digits only: {@code Off Hook}, {@code off_hook}, {@code OffHook} are one key. */
    static String key(String spelling) {
        int length = spelling.length();
        int i = 0;
        while (i < length && isKeyChar(spelling.charAt(i))) {
            i++;
        }
        if (i == length) {
            return spelling; // Already a key: most event names phones send are.
        }
        StringBuilder b = new StringBuilder(length).append(spelling, 0, i);
        for (; i < length; i++) {
            char c = Character.toLowerCase(spelling.charAt(i));
            if (isKeyChar(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** The canonical type this vendor spells as the spelling whose {@link #key} is {@code k}, or null. */
    EventType lookupKey(String k) {
        if (k.isEmpty()) {
            return null;
        }
        EventType t = events.get(k);
        if (t != null) {
            return t;
        }
        for (String p : stripPrefixes) {
            if (k.startsWith(p) && k.length() > p.length()) {
                String rest = k.substring(p.length());
                t = events.get(rest);
                if (t == null) {
                    t = stripSuffix(rest);
                }
                if (t != null) {
                    return t;
                }
            }
        }
        return stripSuffix(k);
    }

    private EventType stripSuffix(String k) {
        for (String s : stripSuffixes) {
            if (k.endsWith(s) && k.length() > s.length()) {
                EventType t = events.get(k.substring(0, k.length() - s.length()));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    List<String> field(String fieldKey) {
        return fields.getOrDefault(fieldKey, List.of());
    }

    static VendorProfile fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw bad(source, "the file must hold one JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!TOP_KEYS.contains(k)) {
                throw bad(source, "unknown key '" + k + "' (allowed: " + new java.util.TreeSet<>(TOP_KEYS) + ")");
            }
        }
        JsonNode v = root.get("vendor");
        if (v == null || !v.isTextual() || !VENDOR_NAME.matcher(v.asText()).matches()) {
            throw bad(source, "'vendor' must be a lower-case name of letters, digits, '-' or '_'");
        }
        String vendor = v.asText();
        JsonNode fb = root.get("fallback");
        if (fb != null && !fb.isBoolean()) {
            throw bad(source, "'fallback' must be true or false");
        }
        boolean fallback = fb != null && fb.asBoolean();
        JsonNode recognize = root.get("recognize");
        List<String> pathSegments = List.of();
        List<String> uaContains = List.of();
        List<String> parameterNames = List.of();
        if (recognize != null) {
            if (!recognize.isObject()) {
                throw bad(source, "'recognize' must be an object");
            }
            for (Iterator<String> it = recognize.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!RECOGNIZE_KEYS.contains(k)) {
                    throw bad(source, "unknown key 'recognize." + k + "' (allowed: " + new java.util.TreeSet<>(RECOGNIZE_KEYS) + ")");
                }
            }
            pathSegments = lower(strings(recognize.get("pathSegments"), source, "recognize.pathSegments"));
            uaContains = lower(strings(recognize.get("userAgentContains"), source, "recognize.userAgentContains"));
            parameterNames = strings(recognize.get("parameterNames"), source, "recognize.parameterNames");
        }
        if (!fallback && pathSegments.isEmpty() && uaContains.isEmpty() && parameterNames.isEmpty()) {
            throw bad(source, "'recognize' must give at least one of pathSegments, userAgentContains, parameterNames (or set \"fallback\": true)");
        }
        List<Pattern> uaPatterns = new ArrayList<>();
        for (String p : strings(root.get("userAgentPatterns"), source, "userAgentPatterns")) {
            try {
                Pattern compiled = Pattern.compile(p);
                if (!p.contains("(?<model>") && !p.contains("(?<firmware>")) {
                    throw bad(source, "userAgentPatterns entry '" + p + "' has no (?<model>...) or (?<firmware>...) group");
                }
                uaPatterns.add(compiled);
            } catch (PatternSyntaxException e) {
                throw bad(source, "userAgentPatterns entry '" + p + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        List<String> eventParameters = strings(root.get("eventParameters"), source, "eventParameters");
        List<String> stripPrefixes = keys(strings(root.get("stripPrefixes"), source, "stripPrefixes"));
        List<String> stripSuffixes = keys(strings(root.get("stripSuffixes"), source, "stripSuffixes"));

        JsonNode ev = root.get("events");
        if (ev == null || !ev.isObject() || ev.isEmpty()) {
            throw bad(source, "'events' must be a non-empty object of canonical type -> list of spellings");
        }
        Map<String, EventType> events = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, JsonNode> e : ev.properties()) {
            EventType type = eventType(e.getKey(), source, "events");
            List<String> spellings = strings(e.getValue(), source, "events." + e.getKey());
            if (spellings.isEmpty()) {
                throw bad(source, "events." + e.getKey() + " lists no spellings");
            }
            for (String s : spellings) {
                String k = key(s);
                if (k.isEmpty()) {
                    throw bad(source, "events." + e.getKey() + ": spelling '" + s + "' has no letters or digits");
                }
                EventType prev = events.putIfAbsent(k, type);
                if (prev != null && prev != type) {
                    throw bad(source, "spelling '" + s + "' of " + type + " is the same as '" + spelledAs.get(k) + "' of " + prev);
                }
                spelledAs.putIfAbsent(k, s);
                count++;
            }
        }
        Map<String, Map<String, EventType>> fromParam = new LinkedHashMap<>();
        JsonNode efp = root.get("eventFromParameter");
        if (efp != null) {
            if (!efp.isObject()) {
                throw bad(source, "'eventFromParameter' must be an object of parameter -> {value: canonical type}");
            }
            for (Map.Entry<String, JsonNode> e : efp.properties()) {
                if (!e.getValue().isObject()) {
                    throw bad(source, "eventFromParameter." + e.getKey() + " must be an object of value -> canonical type");
                }
                Map<String, EventType> m = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> ve : e.getValue().properties()) {
                    if (!ve.getValue().isTextual()) {
                        throw bad(source, "eventFromParameter." + e.getKey() + "." + ve.getKey() + " must be a canonical type name");
                    }
                    m.put(key(ve.getKey()), eventType(ve.getValue().asText(), source, "eventFromParameter." + e.getKey()));
                    count++;
                }
                fromParam.put(e.getKey().toLowerCase(Locale.ROOT), Map.copyOf(m));
            }
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        JsonNode f = root.get("fields");
        if (f != null) {
            if (!f.isObject()) {
                throw bad(source, "'fields' must be an object of field -> list of parameter names");
            }
            for (Map.Entry<String, JsonNode> e : f.properties()) {
                if (!FIELD_KEYS.contains(e.getKey())) {
                    throw bad(source, "unknown field 'fields." + e.getKey() + "' (allowed: " + new java.util.TreeSet<>(FIELD_KEYS) + ")");
                }
                // Lower case once here: parameter names are matched case-insensitively on every request.
                fields.put(e.getKey(), strings(e.getValue(), source, "fields." + e.getKey()).stream()
                        .map(name -> name.toLowerCase(Locale.ROOT)).toList());
            }
        }
        return new VendorProfile(vendor, source, fallback, pathSegments, uaContains, parameterNames,
                List.copyOf(uaPatterns), eventParameters, stripPrefixes, stripSuffixes, Map.copyOf(events),
                Map.copyOf(fromParam), Map.copyOf(fields), count);
    }

    private static EventType eventType(String name, String source, String where) {
        try {
            EventType t = EventType.valueOf(name);
            if (t == EventType.UNKNOWN) {
                throw bad(source, where + ": UNKNOWN is not a type a spelling can map to");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw bad(source, where + ": '" + name + "' is not a canonical event type (see EventType.avsc)");
        }
    }

    private static List<String> strings(JsonNode node, String source, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad(source, "'" + where + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw bad(source, "'" + where + "' must hold only non-empty strings, found " + n);
            }
            out.add(n.asText());
        }
        return List.copyOf(out);
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> keys(List<String> in) {
        return in.stream().map(VendorProfile::key).filter(s -> !s.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    private static VendorProfileException bad(String source, String problem) {
        return new VendorProfileException("vendor file " + source + ": " + problem);
    }
}
