package dev.hookline.processor.identity;

import dev.hookline.schema.DeviceAddress;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global address book as device.addresses.v1 says: the last record per address wins,
 * exactly as when the store is restored from the topic, so a restarted instance sees the same.
 */
public final class AddressBookUpdater implements Processor<String, DeviceAddress, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, DeviceAddress> book;

    public AddressBookUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        book = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, DeviceAddress> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            book.delete(record.key());
        } else {
            book.put(record.key(), record.value());
        }
    }
}
