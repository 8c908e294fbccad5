package dev.hookline.processor;

import dev.hookline.processor.identity.AddressAttribution;
import dev.hookline.processor.identity.AddressKey;
import dev.hookline.processor.identity.AddressedEvent;
import dev.hookline.schema.DeviceAddress;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PhoneEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who sent a request. A request with a MAC records its phone at its source address
 * (device.addresses.v1, only when that changes or is due for a refresh) and goes on to its phone
 * here. A request without one (device id {@code ip-<address>}) that finds a fresh mapping in the
 * global address book becomes that phone's and is sent through the repartition topic keyed by
 * the MAC, so the partition that owns the phone handles it; without a mapping it stays the
 * address's.
 */
final class IdentifyProcessor implements Processor<String, Object, String, Object> {

    /** Addresses this task recorded lately: the global book shows a write only after its commit. */
    private static final int RECENT_WRITES = 10_000;

    private final AddressAttribution attribution;
    private final ProcessorMetrics metrics;
    private final Map<String, DeviceAddress> recentWrites = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeviceAddress> eldest) {
            return size() > RECENT_WRITES;
        }
    };
    private ProcessorContext<String, Object> context;
    private ReadOnlyKeyValueStore<String, DeviceAddress> book;

    IdentifyProcessor(AddressAttribution attribution, ProcessorMetrics metrics) {
        this.attribution = attribution;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.book = context.getStateStore(ProcessorTopology.ADDRESSES_STORE);
        recentWrites.clear();
    }

    @Override
    public void process(Record<String, Object> record) {
        AddressedEvent addressed = (AddressedEvent) record.value();
        PhoneEvent event = addressed.event();
        String key = AddressKey.of(addressed.tenant(), addressed.sourceAddress());
        if (!AddressAttribution.isAddressDeviceId(event.getDeviceId())) {
            // A status poll's address is the one the dispatcher called, not one the gateway saw.
            if (event.getSource() == EventSource.ACTION_URL) {
                remember(key, addressed, event);
            }
            context.forward(record.withKey(event.getDeviceId()).withValue(event), ProcessorTopology.PHONE_EVENTS_IN);
            return;
        }
        Optional<String> phone = attribution.attribute(latest(key), event.getOccurredAt());
        if (phone.isEmpty()) {
            context.forward(record.withKey(event.getDeviceId()).withValue(event), ProcessorTopology.PHONE_EVENTS_IN);
            return;
        }
        metrics.attributed();
        PhoneEvent attributed = PhoneEvent.newBuilder(event).setDeviceId(phone.get()).build();
        context.forward(record.withKey(phone.get()).withValue(attributed), ProcessorTopology.ATTRIBUTED_IN);
    }

    private void remember(String key, AddressedEvent addressed, PhoneEvent event) {
        attribution.record(latest(key), addressed.tenant(), addressed.sourceAddress(), event.getDeviceId(),
                event.getOccurredAt()).ifPresent(mapping -> {
                    recentWrites.put(key, mapping);
                    context.forward(new Record<String, Object>(key, mapping, event.getOccurredAt().toEpochMilli()),
                            ProcessorTopology.ADDRESSES_SINK);
                });
    }

    /** The newer (by the phones' time) of the global book's mapping and this task's last write. */
    private DeviceAddress latest(String key) {
        DeviceAddress global = book.get(key);
        DeviceAddress own = recentWrites.get(key);
        if (own == null) {
            return global;
        }
        if (global == null || own.getSeenAt().isAfter(global.getSeenAt())) {
            return own;
        }
        return global;
    }
}
