package dev.hookline.vendor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hookline.schema.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one descriptor file: checks it against {@code descriptor.schema.json}, then the rules a
 * schema cannot say (event type names, regular expressions, colliding spellings), then binds it.
 * Every error names the file, the key and the reason.
 */
final class DescriptorReader {

    static final String SCHEMA_RESOURCE = "dev/hookline/vendor/descriptor.schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // "$schema"; the schema rejects the rest
            .build();
    private static final Schema SCHEMA = loadSchema();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{12}");

    private DescriptorReader() {
    }

    static VendorDescriptor read(InputStream in, String file, String expectedName) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw VendorFileException.at(file, "", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new VendorFileException("vendor file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw VendorFileException.at(file, "", "the file is empty");
        }
        List<Error> errors = SCHEMA.validate(root);
        if (!errors.isEmpty()) {
            // Every problem at once: a user fixing a file should not have to restart once per mistake.
            throw new VendorFileException("vendor file " + file + ": " + String.join("; ",
                    errors.stream().limit(10).map(e -> key(e) + ": " + e.getMessage()).toList()));
        }
        checkRules(root, file, expectedName);
        VendorDescriptor d;
        try {
            d = JSON.treeToValue(root, VendorDescriptor.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw VendorFileException.at(file, e.getPathReference(), e.getOriginalMessage());
        } catch (JacksonException e) {
            throw VendorFileException.at(file, "", e.getOriginalMessage());
        }
        return d.readFrom(file);
    }

    /** The key an error is about, as {@code reading.events.OFF_HOOK[2]}. */
    private static String key(Error e) {
        StringBuilder b = new StringBuilder();
        var at = e.getInstanceLocation();
        for (int i = 0; at != null && i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Integer index) {
                b.append('[').append(index).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(element);
            }
        }
        return b.length() == 0 ? "(top level)" : b.toString();
    }

    private static void checkRules(JsonNode root, String file, String expectedName) {
        String vendor = root.get("vendor").asText();
        if (expectedName != null && !vendor.equals(expectedName)) {
            throw VendorFileException.at(file, "vendor", "'" + vendor + "' must match the file name (" + expectedName + ".json)");
        }
        boolean fallback = root.path("fallback").asBoolean(false);
        JsonNode recognize = root.path("recognize");
        boolean recognizable = recognize.path("pathSegments").size() + recognize.path("pathPrefixes").size()
                + recognize.path("userAgentContains").size() + recognize.path("parameterNames").size() > 0;
        if (!fallback && !recognizable) {
            throw VendorFileException.at(file, "recognize", "give at least one of pathSegments, pathPrefixes, userAgentContains,"
                    + " parameterNames (or set \"fallback\": true)");
        }
        if (fallback && root.path("scheme").asBoolean(false)) {
            throw VendorFileException.at(file, "scheme", "a scheme cannot be the fallback");
        }
        if (root.has("phoneVendor") && !root.path("scheme").asBoolean(false)) {
            throw VendorFileException.at(file, "phoneVendor", "only a scheme (\"scheme\": true) names the phones' vendor");
        }
        for (JsonNode alias : root.path("aliases")) {
            if (alias.asText().equals(vendor)) {
                throw VendorFileException.at(file, "aliases", "'" + vendor + "' is the vendor's own name");
            }
        }
        checkUserAgent(root.path("userAgent"), file);
        checkReading(root.path("reading"), file);
        checkProvisioning(root.path("provisioning"), file);
        JsonNode sim = root.path("simulator");
        if (!sim.isMissingNode()) {
            if (recognize.path("macPrefixes").isEmpty()) {
                throw VendorFileException.at(file, "simulator", "a simulated phone needs recognize.macPrefixes for its MAC");
            }
            Matcher m = PLACEHOLDER.matcher(sim.path("userAgent").asText());
            while (m.find()) {
                if (!SimulatorSpec.MAC_PLACEHOLDERS.contains(m.group())) {
                    throw VendorFileException.at(file, "simulator.userAgent", "unknown placeholder " + m.group()
                            + " (known: " + SimulatorSpec.MAC_PLACEHOLDERS + ")");
                }
            }
        }
    }

    private static void checkUserAgent(JsonNode ua, String file) {
        JsonNode mac = ua.path("mac");
        String at = mac.path("at").asText("");
        if ((at.equals("after-prefix") || at.equals("next-token")) && mac.path("keyword").asText("").isEmpty()) {
            throw VendorFileException.at(file, "userAgent.mac.keyword", "'" + at + "' needs a keyword");
        }
        int i = 0;
        for (JsonNode p : ua.path("patterns")) {
            String where = "userAgent.patterns[" + i++ + "]";
            try {
                Pattern.compile(p.asText());
            } catch (PatternSyntaxException e) {
                throw VendorFileException.at(file, where, "not a valid regular expression: " + e.getDescription());
            }
            if (!p.asText().contains("(?<model>") && !p.asText().contains("(?<firmware>")) {
                throw VendorFileException.at(file, where, "has no (?<model>...) or (?<firmware>...) group");
            }
        }
        i = 0;
        for (JsonNode example : ua.path("examples")) {
            JsonNode m = example.path("mac");
            if (m.isTextual() && !MAC.matcher(m.asText()).matches()) {
                throw VendorFileException.at(file, "userAgent.examples[" + i + "].mac", "must be 12 lower-case hex digits or null");
            }
            i++;
        }
    }

    private static void checkReading(JsonNode reading, String file) {
        Map<String, String> spelledAs = new HashMap<>();
        Map<String, String> typeOf = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : reading.path("events").properties()) {
            String type = eventType(e.getKey(), file, "reading.events." + e.getKey());
            for (JsonNode s : e.getValue()) {
                String k = Spellings.key(s.asText());
                String where = "reading.events." + type;
                if (k.isEmpty()) {
                    throw VendorFileException.at(file, where, "spelling '" + s.asText() + "' has no letters or digits");
                }
                String previous = typeOf.putIfAbsent(k, type);
                if (previous != null && !previous.equals(type)) {
                    throw VendorFileException.at(file, where, "spelling '" + s.asText() + "' is the same as '"
                            + spelledAs.get(k) + "' of " + previous);
                }
                spelledAs.putIfAbsent(k, s.asText());
            }
        }
        for (Map.Entry<String, JsonNode> p : reading.path("eventFromParameter").properties()) {
            for (Map.Entry<String, JsonNode> v : p.getValue().properties()) {
                eventType(v.getValue().asText(), file, "reading.eventFromParameter." + p.getKey() + "." + v.getKey());
            }
        }
    }

    private static void checkProvisioning(JsonNode prov, String file) {
        if (prov.isMissingNode()) {
            return;
        }
        boolean hasPattern = prov.has("settingPattern");
        boolean hasParams = prov.has("params");
        Set<String> events = new HashSet<>();
        Set<String> settings = new HashSet<>();
        int i = 0;
        for (JsonNode e : prov.path("events")) {
            String where = "provisioning.events[" + i++ + "]";
            String event = e.path("event").asText();
            if (!events.add(event)) {
                throw VendorFileException.at(file, where, "event '" + event + "' appears twice");
            }
            JsonNode canonical = e.path("canonical");
            for (JsonNode c : canonical.isArray() ? canonical : List.of(canonical)) {
                eventType(c.asText(), file, where + ".canonical");
            }
            if (!e.has("setting") && !hasPattern) {
                throw VendorFileException.at(file, where, "no setting and no provisioning.settingPattern");
            }
            if (!e.has("params") && !hasParams) {
                throw VendorFileException.at(file, where, "no params and no provisioning.params");
            }
            String setting = e.has("setting") ? e.path("setting").asText()
                    : prov.path("settingPattern").asText().replace("{event}", event);
            if (!settings.add(setting)) {
                throw VendorFileException.at(file, where, "setting '" + setting + "' is used twice");
            }
        }
    }

    private static String eventType(String name, String file, String where) {
        try {
            EventType t = EventType.valueOf(name);
            if (t == EventType.UNKNOWN) {
                throw VendorFileException.at(file, where, "UNKNOWN is not a type a spelling can map to");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw VendorFileException.at(file, where, "'" + name + "' is not a canonical event type (one of "
                    + java.util.Arrays.stream(EventType.values()).filter(t -> t != EventType.UNKNOWN).map(Enum::name).toList() + ")");
        }
    }

    private static Schema loadSchema() {
        try (InputStream in = DescriptorReader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
