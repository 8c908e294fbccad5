package dev.hookline.processor.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of {@link DeviceCalls} for a state store; ignores unknown fields when reading. */
public final class DeviceCallsSerde implements Serde<DeviceCalls> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    public static byte[] toBytes(DeviceCalls state) {
        if (state == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new SerializationException("cannot write call state of " + state.deviceId(), e);
        }
    }

    public static DeviceCalls fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return MAPPER.readValue(bytes, DeviceCalls.class);
        } catch (IOException e) {
            throw new SerializationException("cannot read call state", e);
        }
    }

    @Override
    public Serializer<DeviceCalls> serializer() {
        return (topic, data) -> toBytes(data);
    }

    @Override
    public Deserializer<DeviceCalls> deserializer() {
        return (topic, data) -> fromBytes(data);
    }
}
