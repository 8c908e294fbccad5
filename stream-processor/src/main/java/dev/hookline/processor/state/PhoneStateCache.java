package dev.hookline.processor.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used phones' states as objects, in front of the store (write-through), so
 * the phone of the next event is rarely read back from bytes. One per task: it starts empty
 * whenever the task (re)initializes, since the store is then the only truth.
 */
public final class PhoneStateCache {

    private final Map<String, PhoneState> entries;

    public PhoneStateCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PhoneState> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public PhoneState get(String deviceId) {
        return entries.get(deviceId);
    }

    public void put(String deviceId, PhoneState state) {
        entries.put(deviceId, state);
    }

    public void clear() {
        entries.clear();
    }
}
