package dev.hookline.dispatcher.kafka;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The offsets of one partition handed out for processing, and which of them are done. Commands
 * finish out of order (different phones), but an offset may only be committed when every record
 * before it is done: the committable offset is one past the longest done prefix. An abandoned
 * record is finished without being done: nothing past it is committed, so it is read again.
 * Each offset handed out must be completed or abandoned once.
 */
final class PartitionOffsets {

    private final ArrayDeque<Long> notDone = new ArrayDeque<>();
    private final Set<Long> doneOutOfOrder = new HashSet<>();
    private int unfinished;
    private long nextToCommit = -1;
    private long lastCommitted = -1;

    /** Records an offset handed out; offsets arrive in increasing order, as the consumer reads them. */
    void add(long offset) {
        Long last = notDone.peekLast();
        if ((last != null && offset <= last) || offset < nextToCommit) {
            throw new IllegalArgumentException("offsets must increase: " + offset + " after " + last);
        }
        notDone.addLast(offset);
        unfinished++;
    }

    /** Marks an offset done (its result acknowledged, or it needs none). */
    void complete(long offset) {
        Long head = notDone.peekFirst();
        if (head == null || offset < head || offset > notDone.peekLast()) {
            return;
        }
        unfinished--;
        if (offset != head) {
            doneOutOfOrder.add(offset);
            return;
        }
        notDone.pollFirst();
        nextToCommit = offset + 1;
        while (!notDone.isEmpty() && doneOutOfOrder.remove(notDone.peekFirst())) {
            nextToCommit = notDone.pollFirst() + 1;
        }
    }

    /** Finishes an offset without it being done: the commit position never passes it. */
    void abandon(long offset) {
        unfinished--;
    }

    /** Offsets handed out and neither done nor abandoned. */
    int unfinished() {
        return unfinished;
    }

    /** The offset to commit (the next record to read), when it moved since {@link #committed}. */
    OptionalLong committable() {
        return nextToCommit > lastCommitted ? OptionalLong.of(nextToCommit) : OptionalLong.empty();
    }

    /** The offset to commit, whether or not it was committed before (for a final, synchronous commit). */
    OptionalLong position() {
        return nextToCommit >= 0 ? OptionalLong.of(nextToCommit) : OptionalLong.empty();
    }

    /** Notes that {@code offset} was committed (or sent to be). */
    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }
}
