package dev.hookline.processor;

import dev.hookline.schema.PhoneEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event when the same request (device, type, variables; {@link DedupKeys}) was seen
 * within the window before or after it: phones and networks send some requests twice.
 */
final class DedupProcessor implements Processor<String, Object, String, Object> {

    private final long windowMillis;
    private WindowStore<String, Long> seen;
    private ProcessorContext<String, Object> context;

    DedupProcessor(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(ProcessorTopology.DEDUP_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        PhoneEvent event = (PhoneEvent) record.value();
        if (windowMillis > 0) {
            String key = DedupKeys.of(event);
            long at = event.getOccurredAt().toEpochMilli();
            try (WindowStoreIterator<Long> earlier = seen.fetch(key, at - windowMillis, at + windowMillis)) {
                if (earlier.hasNext()) {
                    return;
                }
            }
            seen.put(key, at, at);
        }
        context.forward(record);
    }
}
