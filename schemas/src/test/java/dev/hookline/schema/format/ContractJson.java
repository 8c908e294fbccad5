package dev.hookline.schema.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record's JSON form as the json value format writes it ({@link JsonCodec}), as a tree: the
 * schemas are checked against what the format really writes.
 */
final class ContractJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractJson() {
    }

    @SuppressWarnings("unchecked")
    static ObjectNode of(SpecificRecord record) {
        JsonCodec<SpecificRecord> codec = new JsonCodec<>((Class<SpecificRecord>) record.getClass());
        try {
            return (ObjectNode) MAPPER.readTree(codec.encode("test", record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
