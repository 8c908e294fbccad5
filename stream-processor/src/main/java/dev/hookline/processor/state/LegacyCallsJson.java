package dev.hookline.processor.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.schema.StoredCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the calls of a store entry written before format version 3, as JSON (restored from a
 * changelog an earlier release wrote). That JSON has the field names of {@link StoredCalls}, so
 * it is read along the schema: unknown fields are ignored, a missing or null field takes the
 * schema's default (else null, zero, false, or the enum's default), and an unknown enum symbol
 * reads as the enum's default or null.
 */
final class LegacyCallsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SpecificData MODEL = SpecificData.getForClass(StoredCalls.class);

    private LegacyCallsJson() {
    }

    static StoredCalls read(byte[] json) {
        try {
            return (StoredCalls) record(MAPPER.readTree(json), StoredCalls.getClassSchema());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read call state written as JSON", e);
        }
    }

    private static Object record(JsonNode json, Schema schema) {
        IndexedRecord record = (IndexedRecord) MODEL.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            record.put(field.pos(), value == null || value.isNull() ? absent(field) : value(value, field.schema()));
        }
        return record;
    }

    private static Object value(JsonNode json, Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> record(json, schema);
            case UNION -> value(json, schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow());
            case ARRAY -> {
                List<Object> items = new ArrayList<>(json.size());
                json.forEach(item -> items.add(value(item, schema.getElementType())));
                yield items;
            }
            case ENUM -> symbol(schema.hasEnumSymbol(json.asText()) ? json.asText() : schema.getEnumDefault(), schema);
            case STRING -> json.asText();
            case LONG -> json.asLong();
            case INT -> json.asInt();
            case BOOLEAN -> json.asBoolean();
            default -> throw new IllegalArgumentException("no JSON reading for " + schema.getType());
        };
    }

    /** As the JSON reader of those releases filled a field the entry did not have. */
    private static Object absent(Schema.Field field) {
        if (field.hasDefaultValue()) {
            return MODEL.getDefaultValue(field);
        }
        Schema schema = field.schema();
        return switch (schema.getType()) {
            case LONG -> 0L;
            case INT -> 0;
            case BOOLEAN -> false;
            case ENUM -> symbol(schema.getEnumDefault(), schema);
            default -> null;
        };
    }

    private static Object symbol(String name, Schema schema) {
        return name == null ? null : MODEL.createEnum(name, schema);
    }
}
