package dev.hookline.schema.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A record's JSON form as the json value format's contract ({@code src/main/json-schema/README.md})
 * says, written apart from {@link JsonSchemas} so that a test checks the schemas against the
 * contract rather than against themselves. Not {@code AvroJson}: that one writes bytes as text
 * when they are UTF-8, the contract always as Base64.
 */
final class ContractJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContractJson() {
    }

    static ObjectNode of(IndexedRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case UNION: // null and one type: a non-null value is of that type
                Schema type = schema.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
                return value(type, value);
            case RECORD:
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), value(field.schema(), record.get(field.pos())));
                }
                return object;
            case MAP:
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), value(schema.getValueType(), v)));
                return map;
            case ARRAY:
                ArrayNode array = NODES.arrayNode();
                ((Collection<?>) value).forEach(item -> array.add(value(schema.getElementType(), item)));
                return array;
            case LONG:
                return value instanceof Instant instant
                        ? NODES.textNode(instant.toString())
                        : NODES.numberNode(((Number) value).longValue());
            case INT:
                return NODES.numberNode(((Number) value).intValue());
            case DOUBLE:
                return NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case BYTES:
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case ENUM:
            case STRING:
                return NODES.textNode(value.toString());
            default:
                throw new IllegalArgumentException("the contract has no form for " + schema.getType());
        }
    }
}
