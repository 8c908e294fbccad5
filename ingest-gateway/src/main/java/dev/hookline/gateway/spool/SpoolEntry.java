package dev.hookline.gateway.spool;

import java.util.Arrays;
import java.util.Objects;

/**
 * One spooled request: its spool sequence (assigned by {@link Spool#append}, increasing, never
 * reused) and the opaque key and value the gateway stored. {@code key} may be null.
 * Equality compares the array contents, not their identity.
 */
public record SpoolEntry(long sequence, byte[] key, byte[] value) {

    public SpoolEntry {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpoolEntry that
                && sequence == that.sequence
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(key) * 17 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SpoolEntry[sequence=" + sequence + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + value.length + " bytes]";
    }
}
