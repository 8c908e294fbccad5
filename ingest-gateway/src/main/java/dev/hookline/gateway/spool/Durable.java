package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a directory, so a created, renamed or deleted name survives a power loss. */
final class Durable {

    // Windows cannot open a directory as a file, and its file system needs no such sync.
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private Durable() {
    }

    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
