package dev.hookline.dispatcher.directory;

import dev.hookline.schema.format.ValueCodec;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.Topics;
import dev.hookline.dispatcher.kafka.CatchUpReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A local view of device.state.v1 (compacted): device id to vendor, model and address. Fed by a
 * {@link dev.hookline.dispatcher.kafka.CatchUpReader} from the beginning of the topic; a
 * tombstone removes the device. Only what the dispatcher needs is kept, so a large fleet fits.
 */
public final class DeviceDirectory implements PhoneDirectory, AutoCloseable {

    private record Entry(String vendor, String model, String address) {
    }

    private final String topic;
    private final ValueCodec<DeviceState> values;
    private final int phonePort;
    private final ConcurrentHashMap<String, Entry> devices = new ConcurrentHashMap<>();
    private CatchUpReader reader;

    /**
     * @param topic     the device.state.v1 topic's full name (for error messages)
     * @param phonePort the port phones' web servers listen on
     */
    public DeviceDirectory(String topic, ValueCodec<DeviceState> values, int phonePort) {
        this.topic = topic;
        this.values = values;
        this.phonePort = phonePort;
    }

    /** A directory kept current by reading the topic from its beginning; see {@link #caughtUp()}. */
    public static DeviceDirectory read(Map<String, Object> kafka, String topic, ValueCodec<DeviceState> values,
                                       int phonePort) {
        DeviceDirectory directory = new DeviceDirectory(topic, values, phonePort);
        directory.reader = new CatchUpReader("devices", kafka, topic, 0, directory::apply);
        return directory;
    }

    /** Whether every device known when reading started is loaded. */
    public boolean caughtUp() {
        return reader == null || reader.caughtUp();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader == null || reader.awaitCaughtUp(timeout);
    }

    /** Applies one record of device.state.v1. */
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            devices.remove(record.key());
            return;
        }
        DeviceState state = values.decode(topic, record.value());
        devices.put(record.key(), new Entry(lower(state.getVendor()), state.getModel(), state.getIp()));
    }

    private static String lower(String vendor) {
        return vendor == null ? "" : vendor.toLowerCase(Locale.ROOT);
    }

    /** The phone of this device; empty when the device is unknown or no address is known for it. */
    @Override
    public Optional<PhoneTarget> find(String deviceId) {
        Entry entry = devices.get(deviceId);
        if (entry == null || entry.address() == null || entry.address().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PhoneTarget(deviceId, entry.vendor(), entry.model(), entry.address(), phonePort));
    }

    /** Every device with a known address, as of now. */
    public List<PhoneTarget> phones() {
        List<PhoneTarget> phones = new ArrayList<>();
        devices.keySet().forEach(deviceId -> find(deviceId).ifPresent(phones::add));
        return phones;
    }

    public int size() {
        return devices.size();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
