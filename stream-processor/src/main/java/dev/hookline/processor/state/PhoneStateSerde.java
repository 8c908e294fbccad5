package dev.hookline.processor.state;

import dev.hookline.schema.AvroSerde;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.LineStatus;
import dev.hookline.schema.StoredCalls;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store serde of {@link PhoneState}: a version byte, then its parts, each length-prefixed in
 * Avro single-object encoding (the calls as {@code StoredCalls}, the device and line states as
 * on their topics, so their schemas evolve as the topics' do), then the recent requests and ids.
 */
public final class PhoneStateSerde implements Serde<PhoneState> {

    /**
     * 3 writes the calls in Avro ({@code StoredCalls}) instead of JSON; 2 added the request ids.
     * Older entries (restored from a changelog written by an earlier release) still read.
     */
    private static final byte VERSION = 3;
    private static final String STORE = "phone-state";
    private static final AvroSerde<DeviceState> DEVICES = AvroSerde.of(DeviceState.class);
    private static final AvroSerde<LineStatus> LINES = AvroSerde.of(LineStatus.class);
    private static final AvroSerde<StoredCalls> CALLS = AvroSerde.of(StoredCalls.class);

    public static byte[] toBytes(PhoneState state) {
        if (state == null) {
            return null;
        }
        byte[] calls = CALLS.encode(STORE, state.calls());
        byte[] device = state.device() == null ? null : DEVICES.encode(STORE, state.device());
        List<byte[]> lines = new ArrayList<>(state.lines().size());
        int size = 1 + 4 + calls.length + 4 + (device == null ? 0 : device.length) + 4
                + 4 + 16 * state.recent().seen().size() + 4 + 8 * state.requestIds().fingerprints().size();
        for (LineStatus line : state.lines().values()) {
            byte[] bytes = LINES.encode(STORE, line);
            lines.add(bytes);
            size += 4 + bytes.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        out.putInt(calls.length).put(calls);
        if (device == null) {
            out.putInt(-1);
        } else {
            out.putInt(device.length).put(device);
        }
        out.putInt(lines.size());
        lines.forEach(bytes -> out.putInt(bytes.length).put(bytes));
        out.putInt(state.recent().seen().size());
        for (RecentRequests.Seen seen : state.recent().seen()) {
            out.putLong(seen.fingerprint()).putLong(seen.at());
        }
        out.putInt(state.requestIds().fingerprints().size());
        state.requestIds().fingerprints().forEach(out::putLong);
        return out.array();
    }

    public static PhoneState fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version < 1 || version > VERSION) {
                throw new SerializationException("phone state written in an unknown format (version " + version + ")");
            }
            byte[] callBytes = part(in);
            StoredCalls calls = version >= 3 ? CALLS.decode(STORE, callBytes) : LegacyCallsJson.read(callBytes);
            byte[] deviceBytes = part(in);
            DeviceState device = deviceBytes == null ? null : DEVICES.decode(STORE, deviceBytes);
            int lineCount = in.getInt();
            Map<String, LineStatus> lines = new LinkedHashMap<>();
            for (int i = 0; i < lineCount; i++) {
                LineStatus line = LINES.decode(STORE, part(in));
                lines.put(line.getLine(), line);
            }
            int seenCount = in.getInt();
            List<RecentRequests.Seen> seen = new ArrayList<>(seenCount);
            for (int i = 0; i < seenCount; i++) {
                seen.add(new RecentRequests.Seen(in.getLong(), in.getLong()));
            }
            List<Long> ids = new ArrayList<>();
            if (version >= 2) {
                int idCount = in.getInt();
                for (int i = 0; i < idCount; i++) {
                    ids.add(in.getLong());
                }
            }
            return new PhoneState(calls.getDeviceId(), calls, device, lines, new RecentRequests(seen), new RequestIds(ids));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("phone state is truncated or corrupt", e);
        }
    }

    private static byte[] part(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    @Override
    public Serializer<PhoneState> serializer() {
        return (topic, data) -> toBytes(data);
    }

    @Override
    public Deserializer<PhoneState> deserializer() {
        return (topic, data) -> fromBytes(data);
    }
}
