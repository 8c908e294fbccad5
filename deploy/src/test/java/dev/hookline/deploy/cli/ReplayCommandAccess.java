package dev.hookline.deploy.cli;

import dev.hookline.schema.RawPhoneRequest;
import java.nio.file.Path;
import java.util.List;

/** Lets tests read a capture exactly as {@code hookline replay} does. */
public final class ReplayCommandAccess {

    private ReplayCommandAccess() {
    }

    public static List<RawPhoneRequest> read(Path capture) {
        return ReplayCommand.read(capture);
    }
}
