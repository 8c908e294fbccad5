package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence up to which entries are acknowledged, in the file {@code checkpoint}:
 * {@code [int magic][long sequence][int crc32c of the 12 bytes before]}. Replaced atomically
 * (write a temp file, fsync, rename, fsync the directory), so a crash leaves the old or the new.
 */
final class Checkpoint {

    static final String FILE = "checkpoint";
    private static final String TEMP = "checkpoint.tmp";
    private static final int MAGIC = 0x484c434b; // "HLCK"
    private static final int BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private final Path dir;
    private final boolean fsync;

    Checkpoint(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /**
     * The acknowledged sequence, 0 if none. An unreadable checkpoint reads as 0: every entry is
     * then replayed again, duplicates being the safe failure (delivery is at-least-once).
     */
    long read() throws IOException {
        Files.deleteIfExists(dir.resolve(TEMP)); // a write a crash cut short
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FILE));
        } catch (NoSuchFileException e) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length != BYTES || buf.getInt(0) != MAGIC || buf.getInt(12) != crc(buf)) {
            LOG.error("Spool checkpoint {} is unreadable; replaying every spooled entry again", dir.resolve(FILE));
            return 0;
        }
        return buf.getLong(4);
    }

    void write(long sequence) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BYTES).putInt(MAGIC).putLong(sequence);
        buf.putInt(crc(buf)).flip();
        Path temp = dir.resolve(TEMP);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            Durable.syncDirectory(dir);
        }
    }

    private static int crc(ByteBuffer buf) {
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 12);
        return (int) crc.getValue();
    }
}
