package dev.hookline.gateway.spool;

import java.io.IOException;
import java.nio.file.Path;

/** A spool file holds data that fails its checks where no crash can explain it. */
public final class SpoolCorruptException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    SpoolCorruptException(Path file, long offset, String problem, String advice) {
        super(file + " is corrupt at byte " + offset + ": " + problem + (advice.isEmpty() ? "" : ". " + advice));
        this.file = file;
        this.offset = offset;
    }

    /** The corrupt file (null after deserialization). */
    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
