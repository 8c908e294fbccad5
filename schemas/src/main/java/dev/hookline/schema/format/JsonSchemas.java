package dev.hookline.schema.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The JSON Schema (draft 2020-12) of a topic's value in the {@code json} value format, generated
 * from its Avro schema so that the two cannot drift apart: the {@code .avsc} files stay the one
 * source of truth, and the committed {@code src/main/json-schema} files are this class's output
 * (a test fails when they are not).
 *
 * <p>A schema describes what a reader accepts, as the format's contract in
 * {@code src/main/json-schema/README.md} says: a field with an Avro default may be missing (an
 * older writer), a field it does not list is allowed (a newer writer), and a timestamp may be
 * epoch milliseconds instead of an ISO-8601 string. Named types (enums, nested records) go into
 * {@code $defs} under their simple names, so that a type used twice is written once.
 *
 * <p>Avro types the contract does not cover (fixed, float, unions of two non-null types, logical
 * types other than timestamp-millis) fail the generation: a schema that starts using one has to
 * extend the contract first, not get a JSON form nobody agreed on.
 */
public final class JsonSchemas {

    /** The JSON Schema dialect of every generated schema. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Two-space indents, one element a line, "\n" on every platform: files that diff well. */
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonSchemas() {
    }

    /** The JSON Schema of one record's JSON form. */
    public static ObjectNode of(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("a topic value is a record, not " + record.getType());
        }
        return new Generator().document(record);
    }

    /** The file name of a record's schema: {@code <RecordName>.schema.json}. */
    public static String fileName(Schema record) {
        return record.getName() + ".schema.json";
    }

    /** A record's schema as its file holds it: pretty-printed, ending in a newline. */
    public static String render(Schema record) {
        try {
            return PRETTY.writeValueAsString(of(record)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always renders", e);
        }
    }

    /** File name to content, one file per topic's value record, in the catalogue's order. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            Schema value = topic.valueSerde().schema();
            files.put(fileName(value), render(value));
        }
        return files;
    }

    /** Writes {@link #files()} into dir and deletes any other {@code *.schema.json} there (a topic gone). */
    public static void writeAll(Path dir) {
        Map<String, String> files = files();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir, "*.schema.json")) {
                for (Path file : existing) {
                    if (!files.containsKey(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON Schemas to " + dir, e);
        }
    }

    /** One document's generation: collects the named types it meets into {@code $defs}. */
    private static final class Generator {

        private final Map<String, ObjectNode> defs = new LinkedHashMap<>();
        private final Map<String, String> fullNames = new HashMap<>();

        ObjectNode document(Schema record) {
            ObjectNode document = NODES.objectNode();
            // No $id: a relative one names no host but some validators (networknt's among them)
            // reject it when they load a schema without a base URI, and an absolute one names a host.
            document.put("$schema", DIALECT);
            document.setAll(record(record));
            if (!defs.isEmpty()) {
                document.putObject("$defs").setAll(defs);
            }
            return document;
        }

        private ObjectNode record(Schema record) {
            ObjectNode node = named(record);
            node.put("type", "object");
            ObjectNode properties = node.putObject("properties");
            ArrayNode required = NODES.arrayNode();
            for (Schema.Field field : record.getFields()) {
                properties.set(field.name(), property(field));
                if (!field.hasDefaultValue()) {
                    required.add(field.name());
                }
            }
            node.set("required", required);
            node.put("additionalProperties", true); // readers ignore the fields of a newer writer
            return node;
        }

        private ObjectNode property(Schema.Field field) {
            ObjectNode node = NODES.objectNode();
            if (field.doc() != null) {
                node.put("description", field.doc());
            }
            node.setAll(type(field.schema()));
            if (field.hasDefaultValue()) {
                node.set("default", value(field.schema(), field.defaultVal()));
            }
            return node;
        }

        private ObjectNode type(Schema schema) {
            LogicalType logical = schema.getLogicalType();
            if (logical != null && !(logical instanceof LogicalTypes.TimestampMillis)) {
                throw unsupported(schema, "logical type " + logical.getName());
            }
            ObjectNode node = NODES.objectNode();
            switch (schema.getType()) {
                case NULL -> node.put("type", "null");
                case BOOLEAN -> node.put("type", "boolean");
                case INT -> node.put("type", "integer")
                        .put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
                case LONG -> {
                    if (logical != null) {
                        // The writer's ISO-8601 string, or the epoch milliseconds a reader also takes.
                        node.set("type", NODES.arrayNode().add("string").add("integer"));
                        node.put("format", "date-time");
                    } else {
                        // No int64 bounds: JavaScript's JSON parsers cannot hold them exactly.
                        node.put("type", "integer");
                    }
                }
                case DOUBLE -> node.put("type", "number");
                case STRING -> node.put("type", "string");
                case BYTES -> node.put("type", "string").put("contentEncoding", "base64");
                case ARRAY -> node.put("type", "array").set("items", type(schema.getElementType()));
                case MAP -> node.put("type", "object").set("additionalProperties", type(schema.getValueType()));
                case ENUM, RECORD -> node.put("$ref", "#/$defs/" + define(schema));
                case UNION -> node.setAll(nullable(schema));
                default -> throw unsupported(schema, "type " + schema.getType());
            }
            return node;
        }

        /** A union of null and one type: that type's JSON or JSON null. */
        private ObjectNode nullable(Schema union) {
            List<Schema> others = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
            if (others.size() != 1 || others.size() == union.getTypes().size()) {
                throw unsupported(union, "a union other than null and one type");
            }
            ObjectNode type = type(others.get(0));
            JsonNode names = type.get("type");
            if (names == null) { // a $ref
                ObjectNode anyOf = NODES.objectNode();
                anyOf.putArray("anyOf").add(type).add(NODES.objectNode().put("type", "null"));
                return anyOf;
            }
            ArrayNode withNull = names.isArray() ? ((ArrayNode) names).deepCopy() : NODES.arrayNode().add(names);
            type.set("type", withNull.add("null"));
            return type;
        }

        /** Puts a named type into $defs once and returns its key there. */
        private String define(Schema named) {
            String key = named.getName();
            String known = fullNames.putIfAbsent(key, named.getFullName());
            if (known != null) {
                if (!known.equals(named.getFullName())) {
                    throw unsupported(named, "two named types called " + key + " (" + known + ")");
                }
                return key;
            }
            defs.put(key, NODES.objectNode()); // keeps the first-met order, and ends a recursive record
            ObjectNode def;
            if (named.getType() == Schema.Type.ENUM) {
                def = named(named);
                def.put("type", "string");
                ArrayNode symbols = def.putArray("enum");
                named.getEnumSymbols().forEach(symbols::add);
            } else {
                def = record(named);
            }
            defs.get(key).setAll(def);
            return key;
        }

        private static ObjectNode named(Schema named) {
            ObjectNode node = NODES.objectNode();
            node.put("title", named.getFullName());
            if (named.getDoc() != null) {
                node.put("description", named.getDoc());
            }
            return node;
        }

        /** An Avro default (as {@link Schema.Field#defaultVal()} gives it) in its JSON form. */
        private static JsonNode value(Schema schema, Object value) {
            if (value == null || value == JsonProperties.NULL_VALUE) {
                return NODES.nullNode();
            }
            switch (schema.getType()) {
                case UNION:
                    return value(schema.getTypes().get(0), value); // a union's default is of its first type
                case RECORD:
                    ObjectNode record = NODES.objectNode();
                    Map<?, ?> fields = (Map<?, ?>) value;
                    for (Schema.Field field : schema.getFields()) {
                        record.set(field.name(), value(field.schema(),
                                fields.containsKey(field.name()) ? fields.get(field.name()) : field.defaultVal()));
                    }
                    return record;
                case MAP:
                    ObjectNode map = NODES.objectNode();
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        map.set(entry.getKey().toString(), value(schema.getValueType(), entry.getValue()));
                    }
                    return map;
                case ARRAY:
                    ArrayNode array = NODES.arrayNode();
                    for (Object item : (Collection<?>) value) {
                        array.add(value(schema.getElementType(), item));
                    }
                    return array;
                case LONG:
                    long number = ((Number) value).longValue();
                    return schema.getLogicalType() != null
                            ? NODES.textNode(Instant.ofEpochMilli(number).toString())
                            : NODES.numberNode(number);
                case INT:
                    return NODES.numberNode(((Number) value).intValue());
                case DOUBLE:
                    return NODES.numberNode(((Number) value).doubleValue());
                case BOOLEAN:
                    return NODES.booleanNode((Boolean) value);
                case BYTES:
                    return NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
                default:
                    return NODES.textNode(value.toString());
            }
        }

        private static IllegalArgumentException unsupported(Schema schema, String what) {
            return new IllegalArgumentException("the json value format has no form for " + what + " (in "
                    + schema.getFullName() + "); extend the contract in src/main/json-schema/README.md and JsonSchemas together");
        }
    }
}
