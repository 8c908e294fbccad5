package dev.hookline.gateway.capture;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends accepted requests to a capture file on its own thread, so an event loop never waits
 * on the disk. A capture is a diagnostic aid: when the queue is full, lines are dropped and
 * counted rather than slowing phones down.
 */
public final class CaptureWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);
    private static final CaptureLine STOP = new CaptureLine(null, null, null, null, null, null);

    private final BlockingQueue<CaptureLine> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final BufferedWriter out;

    public CaptureWriter(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.thread = new Thread(this::run, "hookline-capture");
        thread.setDaemon(true);
        thread.start();
    }

    public void write(CaptureLine line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        try {
            while (true) {
                CaptureLine line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    out.flush();
                    continue;
                }
                if (line == STOP) {
                    break;
                }
                out.write(line.toJson());
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            LOG.error("The capture file could not be written; capturing stops: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            queue.put(STOP);
            thread.join(5000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Closing the capture file failed: {}", e.toString());
        }
    }
}
