/**
 * The gateway's on-disk spool: where accepted requests wait, durably, while Kafka cannot take
 * them. {@link dev.hookline.gateway.spool.Spool} is the whole API; the rest has one job each:
 * {@code Frames} (the checksummed record format), {@code SegmentFile} (one file and its offset
 * index), {@code SpoolWriter} (the thread that batches, writes and fsyncs), {@code SegmentLog}
 * (what is durable and not yet acknowledged), {@code Checkpoint} (the acknowledged sequence,
 * replaced atomically) and {@code Recovery} (checking the files on open, and the corruption policy).
 */
package dev.hookline.gateway.spool;
