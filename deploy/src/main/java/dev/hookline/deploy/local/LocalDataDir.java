package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder where local mode keeps its data, checked and locked before anything starts, so
 * an unwritable folder or a second {@code hookline local} on the same folder gets one clear
 * message instead of a broker failure deep in a log.
 */
public final class LocalDataDir implements AutoCloseable {

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private LocalDataDir(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static LocalDataDir open(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        FileChannel channel;
        try {
            Files.createDirectories(path);
            Path probe = Files.createTempFile(path, ".write-check", ".tmp");
            Files.delete(probe);
            channel = FileChannel.open(path.resolve("hookline.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new HooklineException("cannot write the data dir " + path + " (" + e
                    + "); choose another with --data-dir", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                throw new HooklineException("the data dir " + path + " is in use by another 'hookline local'; "
                        + "stop it or choose another dir with --data-dir");
            }
            return new LocalDataDir(path, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HooklineException("cannot lock the data dir " + path + " (" + e.getMessage()
                    + "); choose another with --data-dir", e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it anyway.
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to do: the process is giving the file up.
        }
    }
}
