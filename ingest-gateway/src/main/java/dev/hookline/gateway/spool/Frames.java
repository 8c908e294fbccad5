package dev.hookline.gateway.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one entry: {@code [int payloadLength][int crc32c(payload)][payload]}, where
 * payload is {@code [long sequence][int keyLength, -1 for null][key][value]}. The sequence inside
 * the checksummed payload lets recovery tell a stale or misplaced frame from a good one.
 */
final class Frames {

    static final int HEADER_BYTES = 8;
    static final int PAYLOAD_FIXED_BYTES = 12;
    static final int MIN_FRAME_BYTES = HEADER_BYTES + PAYLOAD_FIXED_BYTES;

    private Frames() {
    }

    static int frameBytes(byte[] key, byte[] value) {
        return MIN_FRAME_BYTES + (key == null ? 0 : key.length) + value.length;
    }

    /** Writes one frame at {@code out}'s position; it must have {@link #frameBytes} room. */
    static void encode(ByteBuffer out, long sequence, byte[] key, byte[] value) {
        int start = out.position();
        int payloadLength = frameBytes(key, value) - HEADER_BYTES;
        out.putInt(payloadLength).putInt(0);
        out.putLong(sequence).putInt(key == null ? -1 : key.length);
        if (key != null) {
            out.put(key);
        }
        out.put(value);
        out.putInt(start + 4, crc(out, start + HEADER_BYTES, payloadLength));
    }

    /**
     * Checks the frame at {@code pos} of {@code buf} (absolute indexes; its header must be in
     * {@code buf}) and returns null if it is whole and valid, else what is wrong with it.
     * {@code available} is how many bytes of the frame's file follow {@code pos}.
     */
    static String problem(ByteBuffer buf, int pos, long available, long expectedSequence) {
        if (available < HEADER_BYTES) {
            return "torn frame header (" + available + " bytes)";
        }
        int payloadLength = buf.getInt(pos);
        if (payloadLength < PAYLOAD_FIXED_BYTES || payloadLength > available - HEADER_BYTES) {
            return "frame length " + payloadLength + " out of range (" + (available - HEADER_BYTES) + " bytes follow)";
        }
        if (buf.limit() < pos + HEADER_BYTES + payloadLength) {
            throw new IllegalArgumentException("frame not wholly in buffer");
        }
        if (crc(buf, pos + HEADER_BYTES, payloadLength) != buf.getInt(pos + 4)) {
            return "CRC32C mismatch";
        }
        long sequence = buf.getLong(pos + HEADER_BYTES);
        if (sequence != expectedSequence) {
            return "sequence " + sequence + " where " + expectedSequence + " was expected";
        }
        int keyLength = buf.getInt(pos + HEADER_BYTES + 8);
        if (keyLength < -1 || keyLength > payloadLength - PAYLOAD_FIXED_BYTES) {
            return "key length " + keyLength + " out of range";
        }
        return null;
    }

    /** The payload length in the header at {@code pos}, for a frame {@link #problem} accepted. */
    static int frameBytesAt(ByteBuffer buf, int pos) {
        return HEADER_BYTES + buf.getInt(pos);
    }

    /** Decodes the frame at {@code pos}, which {@link #problem} accepted. */
    static SpoolEntry decode(ByteBuffer buf, int pos) {
        int payloadLength = buf.getInt(pos);
        long sequence = buf.getLong(pos + HEADER_BYTES);
        int keyLength = buf.getInt(pos + HEADER_BYTES + 8);
        int at = pos + MIN_FRAME_BYTES;
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            buf.get(at, key);
            at += keyLength;
        }
        byte[] value = new byte[payloadLength - PAYLOAD_FIXED_BYTES - Math.max(keyLength, 0)];
        buf.get(at, value);
        return new SpoolEntry(sequence, key, value);
    }

    private static int crc(ByteBuffer buf, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }
}
