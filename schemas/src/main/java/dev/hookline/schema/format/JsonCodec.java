package dev.hookline.schema.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.schema.SchemaTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The {@code json} value format: one UTF-8 JSON object per value with the {@code .avsc} field
 * names. Every field is present; a union with null is the value or null; timestamps are ISO-8601
 * UTC strings ({@link Instant#toString()}); enums are their symbols; bytes are Base64; maps are
 * objects. Reading takes what an older or newer writer wrote: a missing field takes its Avro
 * default, an unknown field is ignored, and a timestamp may also be a number of epoch millis.
 * The contract, and a JSON Schema per record, is in {@code schemas/src/main/json-schema/}.
 */
public final class JsonCodec<T extends SpecificRecord> implements ValueCodec<T> {

    static {
        SchemaTrust.install();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Union schemas are few and live as long as their record's: never evicted (Schema caches its hash). */
    private static final Map<Schema, java.util.Optional<Schema>> SOLE_BRANCH =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Schema schema;
    private final SpecificData model;

    public JsonCodec(Class<T> type) {
        this.schema = SpecificData.get().getSchema(type);
        this.model = SpecificData.getForClass(type);
    }

    @Override
    public byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, schema, value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot encode " + schema.getName() + " as JSON for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": a JSON object was expected");
        }
        try {
            return (T) read(tree, schema, "");
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Cannot decode a value of topic " + topic + " as "
                    + schema.getName() + ": " + e.getMessage(), e);
        }
    }

    // ---- writing ----

    private static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> write(json, branchOf(schema, value), value);
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), record.get(field.pos()));
                }
                json.writeEndObject();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    write(json, schema.getValueType(), entry.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(json, schema.getElementType(), item);
                }
                json.writeEndArray();
            }
            case LONG -> {
                if (value instanceof Instant instant) {
                    json.writeString(instant.toString());
                } else {
                    json.writeNumber(((Number) value).longValue());
                }
            }
            case INT -> json.writeNumber(((Number) value).intValue());
            case FLOAT -> json.writeNumber(((Number) value).floatValue());
            case DOUBLE -> json.writeNumber(((Number) value).doubleValue());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                json.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> json.writeString(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            default -> json.writeString(value.toString());
        }
    }

    /**
     * The branch of a union a non-null value is in: the one non-null branch, as all Hookline
     * unions have. Looked up once per union schema (encoding is on the processor's hot path).
     */
    private static Schema branchOf(Schema union, Object value) {
        Schema only = SOLE_BRANCH.computeIfAbsent(union, JsonCodec::soleNonNullBranch).orElse(null);
        if (only != null) {
            return only;
        }
        // GenericData resolves by the datum's class; it knows no Instant, which is a timestamp's long.
        return union.getTypes().get(GenericData.get().resolveUnion(union,
                value instanceof Instant instant ? instant.toEpochMilli() : value));
    }

    private static java.util.Optional<Schema> soleNonNullBranch(Schema union) {
        List<Schema> others = union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        return others.size() == 1 ? java.util.Optional.of(others.get(0)) : java.util.Optional.empty();
    }

    // ---- reading ----

    private Object read(JsonNode node, Schema schema, String path) {
        if (node == null || node.isNull()) {
            if (schema.getType() == Schema.Type.NULL || isNullable(schema)) {
                return null;
            }
            throw new IllegalArgumentException(where(path) + "is null, but " + schema.getType().getName() + " is required");
        }
        switch (schema.getType()) {
            case UNION:
                return read(node, branchFor(node, schema, path), path);
            case RECORD:
                return record(node, schema, path);
            case MAP: {
                expect(node.isObject(), path, "an object");
                Map<String, Object> map = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), read(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
                }
                return map;
            }
            case ARRAY: {
                expect(node.isArray(), path, "an array");
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(read(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return list;
            }
            case LONG:
                if (isTimestamp(schema)) {
                    return instant(node, path);
                }
                expect(node.canConvertToLong() && node.isIntegralNumber(), path, "a whole number");
                return node.longValue();
            case INT:
                expect(node.canConvertToInt() && node.isIntegralNumber(), path, "a whole number");
                return node.intValue();
            case FLOAT:
                expect(node.isNumber(), path, "a number");
                return node.floatValue();
            case DOUBLE:
                expect(node.isNumber(), path, "a number");
                return node.doubleValue();
            case BOOLEAN:
                expect(node.isBoolean(), path, "true or false");
                return node.booleanValue();
            case STRING:
                expect(node.isTextual(), path, "a string");
                return node.textValue();
            case ENUM:
                expect(node.isTextual(), path, "a string");
                if (schema.hasEnumSymbol(node.textValue())) {
                    return model.createEnum(node.textValue(), schema);
                }
                // A symbol of a newer release reads as the enum's default, as Avro resolution does.
                expect(schema.getEnumDefault() != null, path, "one of " + schema.getEnumSymbols());
                return model.createEnum(schema.getEnumDefault(), schema);
            case BYTES:
                expect(node.isTextual(), path, "a Base64 string");
                try {
                    return ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where(path) + "is not Base64: " + e.getMessage(), e);
                }
            default:
                throw new IllegalArgumentException(where(path) + "has a type JSON does not carry: " + schema.getType());
        }
    }

    private Object record(JsonNode node, Schema schema, String path) {
        expect(node.isObject(), path, "an object");
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new IllegalArgumentException("field " + fieldPath + " is missing and has no default");
                }
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else {
                record.put(field.pos(), read(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    /** The branch of a union a JSON value belongs to: null, or the first branch of its kind. */
    private static Schema branchFor(JsonNode node, Schema union, String path) {
        for (Schema branch : union.getTypes()) {
            if (matches(node, branch)) {
                return branch;
            }
        }
        throw new IllegalArgumentException(where(path) + "matches none of " + union.getTypes().stream()
                .map(Schema::getName).toList());
    }

    private static boolean matches(JsonNode node, Schema branch) {
        return switch (branch.getType()) {
            case NULL -> node.isNull();
            case STRING, ENUM, BYTES, FIXED -> node.isTextual();
            case LONG -> isTimestamp(branch) ? node.isTextual() || node.isIntegralNumber() : node.isIntegralNumber();
            case INT -> node.isIntegralNumber();
            case FLOAT, DOUBLE -> node.isNumber();
            case BOOLEAN -> node.isBoolean();
            case RECORD, MAP -> node.isObject();
            case ARRAY -> node.isArray();
            default -> false;
        };
    }

    private static Instant instant(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        expect(node.isTextual(), path, "an ISO-8601 time or epoch milliseconds");
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where(path) + "is not an ISO-8601 time: " + node.textValue(), e);
        }
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
    }

    private static void expect(boolean condition, String path, String what) {
        if (!condition) {
            throw new IllegalArgumentException(where(path) + "is not " + what);
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "the value " : "field " + path + " ";
    }
}
