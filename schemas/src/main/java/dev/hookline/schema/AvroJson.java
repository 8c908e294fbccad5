package dev.hookline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Avro values as plain JSON for people and scripts ({@code hookline tail},
 * {@code hookline replay}): unions unwrapped, enums as names, timestamps as ISO-8601 UTC,
 * bytes as UTF-8 text when they are valid text, else Base64. Null fields are kept as null
 * so every record of a topic has the same keys.
 */
public final class AvroJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Resolves union branches; knows that an Instant is a timestamp (GenericData.get() does not). */
    private static final GenericData UNIONS = new GenericData();

    static {
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    }

    private AvroJson() {
    }

    public static JsonNode toJson(IndexedRecord record) {
        return record == null ? NODES.nullNode() : value(record.getSchema(), record);
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case UNION:
                return value(schema.getTypes().get(UNIONS.resolveUnion(schema, value)), value);
            case RECORD:
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), value(field.schema(), record.get(field.pos())));
                }
                return object;
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
                if (value instanceof Instant instant) {
                    return NODES.textNode(instant.toString());
                }
                return NODES.numberNode(((Number) value).longValue());
            case INT:
                return NODES.numberNode(((Number) value).intValue());
            case FLOAT:
                return NODES.numberNode(((Number) value).floatValue());
            case DOUBLE:
                return NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case BYTES:
                return bytes((ByteBuffer) value);
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            case ENUM:
            case STRING:
            default:
                return NODES.textNode(value.toString());
        }
    }

    private static JsonNode bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean roundTrips = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes);
        return NODES.textNode(roundTrips ? text : "base64:" + Base64.getEncoder().encodeToString(bytes));
    }
}
