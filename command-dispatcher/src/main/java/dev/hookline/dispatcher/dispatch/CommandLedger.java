package dev.hookline.dispatcher.dispatch;

import dev.hookline.dispatcher.kafka.SourcePosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recent command ids and which command records already have a result, bounded (oldest
 * forgotten first). Filled at start from phone.command-results.v1, kept current by this
 * dispatcher's own results and by a reader of that topic (other instances' results).
 * Thread-safe.
 */
public final class CommandLedger {

    private final Map<String, Boolean> ids;
    private final Map<SourcePosition, Boolean> answered;

    public CommandLedger(int capacity) {
        this.ids = bounded(capacity);
        this.answered = bounded(capacity);
    }

    private static <K> Map<K, Boolean> bounded(int capacity) {
        return new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether this very record has a result already (it is being read again after a crash or rebalance). */
    public synchronized boolean answered(SourcePosition position) {
        return answered.containsKey(position);
    }

    /**
     * Claims a command id for the command about to run.
     *
     * @return false when the id was seen before: the command is a DUPLICATE
     */
    public synchronized boolean claim(String commandId) {
        return ids.putIfAbsent(commandId, Boolean.TRUE) == null;
    }

    /** Notes a published result (ours or another instance's). */
    public synchronized void resultPublished(String commandId, SourcePosition position) {
        ids.putIfAbsent(commandId, Boolean.TRUE);
        if (position != null) {
            answered.put(position, Boolean.TRUE);
        }
    }

    synchronized int size() {
        return ids.size();
    }
}
