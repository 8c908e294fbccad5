package dev.hookline.gateway.spool;

import java.util.concurrent.CompletableFuture;

/** An accepted append on its way to disk; the writer fills in where it landed. */
final class PendingAppend {

    final long sequence;
    final byte[] key;
    final byte[] value;
    final int frameBytes;
    final CompletableFuture<Long> future;

    // Set by the writer thread before it publishes the entry.
    SegmentFile segment;
    int offset;

    PendingAppend(long sequence, byte[] key, byte[] value, int frameBytes, CompletableFuture<Long> future) {
        this.sequence = sequence;
        this.key = key;
        this.value = value;
        this.frameBytes = frameBytes;
        this.future = future;
    }
}
