package dev.hookline.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a broker's log worth showing in an error: its errors if it has any. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> errors = lines.stream().filter(line -> line.contains("ERROR") || line.contains("Exception")).toList();
            List<String> source = errors.isEmpty() ? lines : errors;
            return String.join(" | ", source.subList(Math.max(0, source.size() - count), source.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
